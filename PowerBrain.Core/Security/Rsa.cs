using System;

namespace PowerBrain.Firmware.Security
{
    /// <summary>
    /// RSA signature verification (RSASSA-PKCS1-v1_5 with SHA-256, RFC 8017 §8.2.2) in portable
    /// code: nanoFramework 1.x has no RSA. The modular power uses Montgomery multiplication on
    /// 32-bit limbs. Verification only: no secret is handled, so no constant time is needed.
    /// </summary>
    public static class Rsa
    {
        // DER of DigestInfo { sha256, NULL } followed by the 32-byte digest (RFC 8017 §9.2 note 1).
        static readonly byte[] Sha256Prefix = new byte[] { 0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20 };

        /// <summary>True when signature is a PKCS#1 v1.5 signature of this SHA-256 digest under (modulus, exponent), big-endian bytes.</summary>
        public static bool VerifyPkcs1Sha256(byte[] modulus, byte[] exponent, byte[] digest, byte[] signature)
        {
            modulus = Trim(modulus);
            int k = modulus.Length;
            if (k < 128 || digest.Length != 32 || (modulus[k - 1] & 1) == 0) return false;   // at least 1024 bits, odd
            byte[] s = Trim(signature);
            if (s.Length > k) return false;
            uint[] n = Limbs(modulus), m = Limbs(s);
            if (Compare(m, n) >= 0) return false;
            byte[] em = Bytes(ModPow(m, Trim(exponent), n), k);
            // 00 01 FF..FF 00 DigestInfo digest, with at least 8 bytes of FF.
            int padEnd = k - Sha256Prefix.Length - 32 - 1;
            if (padEnd < 10 || em[0] != 0 || em[1] != 1 || em[padEnd] != 0) return false;
            for (int i = 2; i < padEnd; i++) if (em[i] != 0xFF) return false;
            for (int i = 0; i < Sha256Prefix.Length; i++) if (em[padEnd + 1 + i] != Sha256Prefix[i]) return false;
            for (int i = 0; i < 32; i++) if (em[k - 32 + i] != digest[i]) return false;
            return true;
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

        /// <summary>Big-endian bytes to little-endian 32-bit limbs.</summary>
        static uint[] Limbs(byte[] b)
        {
            uint[] r = new uint[(b.Length + 3) / 4];
            for (int i = 0; i < b.Length; i++) r[i / 4] |= (uint)b[b.Length - 1 - i] << (8 * (i % 4));
            return r;
        }

        static byte[] Bytes(uint[] x, int length)
        {
            byte[] r = new byte[length];
            for (int i = 0; i < length; i++)
            {
                int limb = i / 4;
                r[length - 1 - i] = limb < x.Length ? (byte)(x[limb] >> (8 * (i % 4))) : (byte)0;
            }
            return r;
        }

        static int Compare(uint[] a, uint[] b)
        {
            int len = a.Length > b.Length ? a.Length : b.Length;
            for (int i = len - 1; i >= 0; i--)
            {
                uint x = i < a.Length ? a[i] : 0, y = i < b.Length ? b[i] : 0;
                if (x != y) return x > y ? 1 : -1;
            }
            return 0;
        }

        /// <summary>m^e mod n for odd n, in the Montgomery domain (R = 2^(32·limbs)).</summary>
        static uint[] ModPow(uint[] m, byte[] e, uint[] n)
        {
            int k = n.Length;
            uint n0 = NegInverse(n[0]);
            // R² mod n by doubling 1 for 2·32·k steps, reducing as it goes.
            uint[] r2 = new uint[k];
            r2[0] = 1;
            for (int i = 0; i < 64 * k; i++) DoubleMod(r2, n);
            uint[] x = new uint[k];
            Array.Copy(m, x, m.Length);
            uint[] xm = MontMul(x, r2, n, n0);          // m·R
            uint[] acc = MontMul(One(k), r2, n, n0);    // 1·R
            for (int i = 0; i < e.Length; i++)
            {
                for (int bit = 7; bit >= 0; bit--)
                {
                    acc = MontMul(acc, acc, n, n0);
                    if (((e[i] >> bit) & 1) != 0) acc = MontMul(acc, xm, n, n0);
                }
            }
            return MontMul(acc, One(k), n, n0);         // out of the Montgomery domain
        }

        static uint[] One(int k)
        {
            uint[] one = new uint[k];
            one[0] = 1;
            return one;
        }

        /// <summary>-n0⁻¹ mod 2³² (Newton's iteration doubles the correct bits each step).</summary>
        static uint NegInverse(uint n0)
        {
            uint inv = 1;
            for (int i = 0; i < 5; i++) inv *= 2 - n0 * inv;
            return (uint)(0 - inv);
        }

        static void DoubleMod(uint[] a, uint[] n)
        {
            uint carry = 0;
            for (int i = 0; i < a.Length; i++)
            {
                uint next = a[i] >> 31;
                a[i] = (a[i] << 1) | carry;
                carry = next;
            }
            if (carry != 0 || Compare(a, n) >= 0) Subtract(a, n);
        }

        static void Subtract(uint[] a, uint[] n)
        {
            long borrow = 0;
            for (int i = 0; i < a.Length; i++)
            {
                long d = (long)a[i] - n[i] - borrow;
                a[i] = (uint)d;
                borrow = d < 0 ? 1 : 0;
            }
        }

        /// <summary>a·b·R⁻¹ mod n (CIOS).</summary>
        static uint[] MontMul(uint[] a, uint[] b, uint[] n, uint n0)
        {
            int k = n.Length;
            uint[] t = new uint[k + 2];
            for (int i = 0; i < k; i++)
            {
                ulong c = 0;
                ulong bi = b[i];
                for (int j = 0; j < k; j++)
                {
                    c = t[j] + (ulong)a[j] * bi + (c >> 32);
                    t[j] = (uint)c;
                }
                c = (ulong)t[k] + (c >> 32);
                t[k] = (uint)c;
                t[k + 1] = (uint)(c >> 32);
                uint mi = t[0] * n0;
                c = t[0] + (ulong)mi * n[0];
                for (int j = 1; j < k; j++)
                {
                    c = t[j] + (ulong)mi * n[j] + (c >> 32);
                    t[j - 1] = (uint)c;
                }
                c = (ulong)t[k] + (c >> 32);
                t[k - 1] = (uint)c;
                t[k] = t[k + 1] + (uint)(c >> 32);
            }
            uint[] r = new uint[k];
            Array.Copy(t, r, k);
            if (t[k] != 0 || Compare(r, n) >= 0) Subtract(r, n);
            return r;
        }
    }
}
