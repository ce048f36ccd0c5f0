namespace PowerBrain.Firmware.Core
{
    /// <summary>Bytes as hex text and back (OCPP's AuthorizationKey, certificate hashes, card UIDs, tokens).</summary>
    public static class Hex
    {
        static readonly char[] Upper = "0123456789ABCDEF".ToCharArray();
        static readonly char[] Lower = "0123456789abcdef".ToCharArray();

        public static string Encode(byte[] bytes, int offset, int count, bool upperCase)
        {
            char[] digits = upperCase ? Upper : Lower;
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
            char[] c = s.ToCharArray();
            for (int i = 0; i < c.Length; i++) if (Nibble(c[i]) < 0) return false;
            return true;
        }

        public static byte[] Decode(string s)
        {
            char[] c = s.ToCharArray();
            byte[] b = new byte[c.Length / 2];
            for (int i = 0; i < b.Length; i++) b[i] = (byte)((Nibble(c[2 * i]) << 4) | Nibble(c[2 * i + 1]));
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
