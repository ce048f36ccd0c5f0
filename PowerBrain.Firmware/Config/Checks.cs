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
    }
}
