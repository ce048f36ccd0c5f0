using System;

namespace PowerBrain.Firmware.Security
{
    /// <summary>
    /// Arithmetic modulo an odd number on little-endian 32-bit limbs, with Montgomery multiplication
    /// (R = 2^(32·limbs)): RSA's modular power and ECDSA's field and order arithmetic. Numbers in the
    /// Montgomery domain are x·R mod n. Verification only: nothing secret passes here, so nothing
    /// needs constant time.
    /// </summary>
    internal sealed class Montgomery
    {
        public readonly uint[] N;
        readonly uint _n0;
        readonly uint[] _r2;
        public readonly uint[] One;   // 1·R mod n

        public Montgomery(uint[] modulus)
        {
            N = modulus;
            int k = modulus.Length;
            _n0 = NegInverse(modulus[0]);
            // R² mod n by doubling 1 for 2·32·k steps, reducing as it goes.
            _r2 = new uint[k];
            _r2[0] = 1;
            for (int i = 0; i < 64 * k; i++) AddMod(_r2, _r2, _r2);
            One = ToMont(Small(1));
        }

        public int Limbs { get { return N.Length; } }

        /// <summary>A number below 2³², sized for this modulus.</summary>
        public uint[] Small(uint value)
        {
            uint[] x = new uint[N.Length];
            x[0] = value;
            return x;
        }

        /// <summary>x·R mod n, for x below n.</summary>
        public uint[] ToMont(uint[] x) { return Mul(Fit(x), _r2); }

        public uint[] FromMont(uint[] x) { return Mul(x, Small(1)); }

        /// <summary>base^e for a base in the Montgomery domain (the result is too); e big-endian bytes.</summary>
        public uint[] Pow(uint[] baseMont, byte[] e)
        {
            uint[] acc = One;
            for (int i = 0; i < e.Length; i++)
                for (int bit = 7; bit >= 0; bit--)
                {
                    acc = Mul(acc, acc);
                    if (((e[i] >> bit) & 1) != 0) acc = Mul(acc, baseMont);
                }
            return acc;
        }

        /// <summary>The inverse of a Montgomery number, for a prime modulus (Fermat: x^(n-2)).</summary>
        public uint[] Inverse(uint[] xMont)
        {
            uint[] e = new uint[N.Length];
            Array.Copy(N, e, N.Length);
            SubtractInPlace(e, Small(2));
            return Pow(xMont, Bytes(e, 4 * N.Length));
        }

        /// <summary>a·b·R⁻¹ mod n (CIOS).</summary>
        public uint[] Mul(uint[] a, uint[] b)
        {
            uint[] n = N;
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
                uint mi = t[0] * _n0;
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
            if (t[k] != 0 || Compare(r, n) >= 0) SubtractInPlace(r, n);
            return r;
        }

        /// <summary>r = a + b mod n (r may be a or b); a and b below n.</summary>
        public void AddMod(uint[] r, uint[] a, uint[] b)
        {
            ulong carry = 0;
            for (int i = 0; i < r.Length; i++)
            {
                carry = (ulong)a[i] + b[i] + carry;
                r[i] = (uint)carry;
                carry >>= 32;
            }
            if (carry != 0 || Compare(r, N) >= 0) SubtractInPlace(r, N);
        }

        public uint[] Add(uint[] a, uint[] b)
        {
            uint[] r = new uint[N.Length];
            AddMod(r, a, b);
            return r;
        }

        /// <summary>a - b mod n; a and b below n.</summary>
        public uint[] Sub(uint[] a, uint[] b)
        {
            uint[] r = new uint[N.Length];
            long borrow = 0;
            for (int i = 0; i < r.Length; i++)
            {
                long d = (long)a[i] - b[i] - borrow;
                r[i] = (uint)d;
                borrow = d < 0 ? 1 : 0;
            }
            if (borrow != 0)
            {
                ulong carry = 0;
                for (int i = 0; i < r.Length; i++)
                {
                    carry = (ulong)r[i] + N[i] + carry;
                    r[i] = (uint)carry;
                    carry >>= 32;
                }
            }
            return r;
        }

        /// <summary>x reduced below n by subtraction, for x below 2n and sized like n (or shorter).</summary>
        public uint[] Fit(uint[] x)
        {
            uint[] r = new uint[N.Length];
            Array.Copy(x, r, x.Length < r.Length ? x.Length : r.Length);
            if (Compare(r, N) >= 0) SubtractInPlace(r, N);
            return r;
        }

        public static bool IsZero(uint[] x)
        {
            for (int i = 0; i < x.Length; i++) if (x[i] != 0) return false;
            return true;
        }

        /// <summary>Big-endian bytes to little-endian 32-bit limbs.</summary>
        public static uint[] LimbsOf(byte[] b)
        {
            uint[] r = new uint[(b.Length + 3) / 4];
            for (int i = 0; i < b.Length; i++) r[i / 4] |= (uint)b[b.Length - 1 - i] << (8 * (i % 4));
            return r;
        }

        /// <summary>Limbs to big-endian bytes of the given length.</summary>
        public static byte[] Bytes(uint[] x, int length)
        {
            byte[] r = new byte[length];
            for (int i = 0; i < length; i++)
            {
                int limb = i / 4;
                r[length - 1 - i] = limb < x.Length ? (byte)(x[limb] >> (8 * (i % 4))) : (byte)0;
            }
            return r;
        }

        public static int Compare(uint[] a, uint[] b)
        {
            int len = a.Length > b.Length ? a.Length : b.Length;
            for (int i = len - 1; i >= 0; i--)
            {
                uint x = i < a.Length ? a[i] : 0, y = i < b.Length ? b[i] : 0;
                if (x != y) return x > y ? 1 : -1;
            }
            return 0;
        }

        static void SubtractInPlace(uint[] a, uint[] n)
        {
            long borrow = 0;
            for (int i = 0; i < a.Length; i++)
            {
                long d = (long)a[i] - n[i] - borrow;
                a[i] = (uint)d;
                borrow = d < 0 ? 1 : 0;
            }
        }

        /// <summary>-n0⁻¹ mod 2³² (Newton's iteration doubles the correct bits each step).</summary>
        static uint NegInverse(uint n0)
        {
            uint inv = 1;
            for (int i = 0; i < 5; i++) inv *= 2 - n0 * inv;
            return (uint)(0 - inv);
        }
    }
}
