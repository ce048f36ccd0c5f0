using System.Text;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>The backend URL and the ChargeBox ID, checked and joined as OCPP-J requires.</summary>
    public static class OcppUrl
    {
        static readonly char[] HexDigits = "0123456789ABCDEF".ToCharArray();

        /// <summary>An error for people, or null for a ws:// or wss:// URL with a host.</summary>
        public static string Check(string url)
        {
            if (url == null || url.Length == 0) return null;   // empty: OCPP off
            string rest;
            if (url.StartsWith("ws://")) rest = url.Substring(5);
            else if (url.StartsWith("wss://")) rest = url.Substring(6);
            else return "must start with ws:// or wss://";
            if (rest.Length == 0 || rest[0] == '/' || rest[0] == ':') return "has no host";
            char[] chars = url.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c <= ' ' || c > '~' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '#' || c == '?') return "contains a character not allowed in a URL";
            }
            return null;
        }

        /// <summary>An error for people, or null. It becomes the last URL segment and the Basic-auth
        /// user: printable ASCII without '/', ':' or '%', at most 48 characters (the identity limit
        /// that OCPP 2.0.1 made explicit and that 1.6 backends also apply).</summary>
        public static string CheckChargeBoxId(string id)
        {
            if (id == null || id.Length == 0) return "must not be empty";
            if (id.Length > 48) return "at most 48 characters";
            char[] chars = id.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c <= ' ' || c > '~' || c == '/' || c == ':' || c == '%') return "may hold printable ASCII except space, '/', ':' and '%'";
            }
            return null;
        }

        /// <summary>url + exactly one '/' + the percent-encoded ChargeBox ID.</summary>
        public static string Join(string url, string chargeBoxId)
        {
            StringBuilder sb = new StringBuilder(url);
            while (sb.Length > 0 && sb[sb.Length - 1] == '/') sb.Length = sb.Length - 1;
            sb.Append('/');
            char[] chars = chargeBoxId.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
                if (unreserved) sb.Append(c);
                else
                {
                    sb.Append('%');
                    sb.Append(HexDigits[(c >> 4) & 0xF]);
                    sb.Append(HexDigits[c & 0xF]);
                }
            }
            return sb.ToString();
        }

        /// <summary>"Basic base64(id:password)". The password is the AuthorizationKey's bytes.</summary>
        public static string BasicAuth(string chargeBoxId, byte[] password)
        {
            byte[] id = Encoding.UTF8.GetBytes(chargeBoxId + ":");
            byte[] all = new byte[id.Length + password.Length];
            System.Array.Copy(id, all, id.Length);
            System.Array.Copy(password, 0, all, id.Length, password.Length);
            return "Basic " + System.Convert.ToBase64String(all);
        }
    }
}
