namespace PowerBrain.Firmware.Core
{
    /// <summary>Bytes as hex text and back (OCPP's AuthorizationKey, certificate hashes, card UIDs, tokens).</summary>
    public static class Hex
    {
        public static string Encode(byte[] bytes, int offset, int count, bool upperCase)
        {
            string digits = upperCase ? "0123456789ABCDEF" : "0123456789abcdef";
            char[] c = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                int b = bytes[offset + i];
                c[2 * i] = digits[b >> 4];
                c[2 * i + 1] = digits[b & 0xF];
            }
            return new string(c);
        }

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
