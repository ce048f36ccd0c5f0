using System;

namespace PowerBrain.Firmware.Security
{
    /// <summary>
    /// RSA signature verification with SHA-256 in portable code (nanoFramework 1.x has no RSA):
    /// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2.2) and RSASSA-PSS with MGF1-SHA-256 and any salt length
    /// (§8.1.2, §9.1.2). Keys of at least 1024 bits; the modular power is Montgomery's.
    /// </summary>
    public static class Rsa
    {
        // DER of DigestInfo { sha256, NULL } followed by the 32-byte digest (RFC 8017 §9.2 note 1).
        static readonly byte[] Sha256Prefix = new byte[] { 0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20 };

        /// <summary>True when signature is a PKCS#1 v1.5 signature of this SHA-256 digest under (modulus, exponent), big-endian bytes.</summary>
        public static bool VerifyPkcs1Sha256(byte[] modulus, byte[] exponent, byte[] digest, byte[] signature)
        {
            modulus = Trim(modulus);
            byte[] em = Open(modulus, exponent, digest, signature);
            if (em == null) return false;
            int k = modulus.Length;
            // 00 01 FF..FF 00 DigestInfo digest, with at least 8 bytes of FF.
            int padEnd = k - Sha256Prefix.Length - 32 - 1;
            if (padEnd < 10 || em[0] != 0 || em[1] != 1 || em[padEnd] != 0) return false;
            for (int i = 2; i < padEnd; i++) if (em[i] != 0xFF) return false;
            for (int i = 0; i < Sha256Prefix.Length; i++) if (em[padEnd + 1 + i] != Sha256Prefix[i]) return false;
            for (int i = 0; i < 32; i++) if (em[k - 32 + i] != digest[i]) return false;
            return true;
        }

        /// <summary>True when signature is an RSASSA-PSS signature (SHA-256, MGF1 with SHA-256, the salt
        /// length read from the encoding) of this SHA-256 digest.</summary>
        public static bool VerifyPssSha256(byte[] modulus, byte[] exponent, byte[] digest, byte[] signature)
        {
            modulus = Trim(modulus);
            byte[] em = Open(modulus, exponent, digest, signature);
            if (em == null) return false;
            // The encoding has modBits - 1 bits: when modBits - 1 is a multiple of 8 the first byte is 0.
            int modBits = BitLength(modulus);
            int emBits = modBits - 1;
            int emLen = (emBits + 7) / 8;
            int skip = em.Length - emLen;
            if (skip == 1 && em[0] != 0) return false;
            const int hLen = 32;
            if (emLen < hLen + 2 || em[em.Length - 1] != 0xBC) return false;
            int dbLen = emLen - hLen - 1;
            byte[] h = new byte[hLen];
            Array.Copy(em, skip + dbLen, h, 0, hLen);
            int topBits = 8 * emLen - emBits;                 // bits above emBits in the first byte: zero
            byte topMask = (byte)(0xFF << (8 - topBits));
            if (topBits > 0 && (em[skip] & topMask) != 0) return false;
            byte[] db = Mgf1(h, dbLen);
            for (int i = 0; i < dbLen; i++) db[i] ^= em[skip + i];
            if (topBits > 0) db[0] &= (byte)~topMask;
            // DB = 00..00 01 salt
            int one = 0;
            while (one < dbLen && db[one] == 0) one++;
            if (one == dbLen || db[one] != 1) return false;
            int saltLen = dbLen - one - 1;
            byte[] mPrime = new byte[8 + hLen + saltLen];
            Array.Copy(digest, 0, mPrime, 8, hLen);
            Array.Copy(db, one + 1, mPrime, 8 + hLen, saltLen);
            byte[] expected = Sha256.Hash(mPrime, 0, mPrime.Length);
            for (int i = 0; i < hLen; i++) if (expected[i] != h[i]) return false;
            return true;
        }

        /// <summary>signature^e mod n as k bytes, or null when the inputs cannot be a signature.</summary>
        static byte[] Open(byte[] modulus, byte[] exponent, byte[] digest, byte[] signature)
        {
            int k = modulus.Length;
            if (k < 128 || digest.Length != 32 || (modulus[k - 1] & 1) == 0) return null;   // at least 1024 bits, odd
            byte[] s = Trim(signature);
            if (s.Length > k) return null;
            uint[] n = Montgomery.LimbsOf(modulus), m = Montgomery.LimbsOf(s);
            if (Montgomery.Compare(m, n) >= 0) return null;
            Montgomery field = new Montgomery(n);
            return Montgomery.Bytes(field.FromMont(field.Pow(field.ToMont(m), Trim(exponent))), k);
        }

        /// <summary>MGF1 with SHA-256 (RFC 8017 §B.2.1): length bytes from the seed.</summary>
        static byte[] Mgf1(byte[] seed, int length)
        {
            byte[] mask = new byte[length];
            byte[] input = new byte[seed.Length + 4];
            Array.Copy(seed, input, seed.Length);
            for (int counter = 0, done = 0; done < length; counter++)
            {
                input[seed.Length] = (byte)(counter >> 24);
                input[seed.Length + 1] = (byte)(counter >> 16);
                input[seed.Length + 2] = (byte)(counter >> 8);
                input[seed.Length + 3] = (byte)counter;
                byte[] block = Sha256.Hash(input, 0, input.Length);
                int n = length - done < block.Length ? length - done : block.Length;
                Array.Copy(block, 0, mask, done, n);
                done += n;
            }
            return mask;
        }

        static int BitLength(byte[] trimmed)
        {
            int bits = 8 * trimmed.Length;
            for (int top = trimmed[0]; (top & 0x80) == 0 && bits > 0; top <<= 1) bits--;
            return bits;
        }

        /// <summary>The number without its leading zero bytes (one zero stays for zero).</summary>
        internal static byte[] Trim(byte[] b)
        {
            int i = 0;
            while (i < b.Length - 1 && b[i] == 0) i++;
            if (i == 0) return b;
            byte[] t = new byte[b.Length - i];
            Array.Copy(b, i, t, 0, t.Length);
            return t;
        }
    }
}
