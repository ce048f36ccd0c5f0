using System.Text;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>The backend URL and the ChargeBox ID joined as OCPP-J requires (the settings
    /// catalogue checks both: Config/Checks.cs).</summary>
    public static class OcppUrl
    {
        static readonly char[] HexDigits = "0123456789ABCDEF".ToCharArray();

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
