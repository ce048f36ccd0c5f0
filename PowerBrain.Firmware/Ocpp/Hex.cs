namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>Hex text to bytes (the AuthorizationKey travels in OCPP as hex).</summary>
    public static class Hex
    {
        public static bool IsHex(string s)
        {
            if (s == null || s.Length % 2 != 0) return false;
            for (int i = 0; i < s.Length; i++) if (Nibble(s[i]) < 0) return false;
            return true;
        }

        public static byte[] Decode(string s)
        {
            byte[] b = new byte[s.Length / 2];
            for (int i = 0; i < b.Length; i++) b[i] = (byte)((Nibble(s[2 * i]) << 4) | Nibble(s[2 * i + 1]));
            return b;
        }

        static int Nibble(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }
    }
}
