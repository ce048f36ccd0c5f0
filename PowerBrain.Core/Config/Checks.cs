namespace PowerBrain.Firmware.Config
{
    /// <summary>Checks of text settings shared by several entries of the catalog.</summary>
    public static class Checks
    {
        public static string NotEmpty(string value)
        {
            return value.Trim().Length == 0 ? "must not be empty" : null;
        }

        public static string OneOrThree(string value)
        {
            string v = value.Trim();
            return v == "1" || v == "3" ? null : "must be 1 or 3";
        }

        /// <summary>A dotted IPv4 address such as 0.0.0.0 or 192.168.1.20.</summary>
        public static string Ipv4(string value)
        {
            string[] parts = value.Split('.');
            if (parts.Length != 4) return "not an IPv4 address";
            for (int i = 0; i < 4; i++)
            {
                int n;
                if (parts[i].Length == 0 || parts[i].Length > 3 || !Settings.TryParseInt(parts[i], out n) || n < 0 || n > 255)
                    return "not an IPv4 address";
            }
            return null;
        }

        /// <summary>An error for people, or null for a ws:// or wss:// URL with a host.</summary>
        public static string OcppUrl(string url)
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
        public static string ChargeBoxId(string id)
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
    }
}
