using System;
using PowerBrain.Firmware.Core;

namespace PowerBrain.Firmware.Security
{
    /// <summary>
    /// ECDSA verification on NIST P-256 with SHA-256 (FIPS 186-4 §6.4.2) in portable code:
    /// nanoFramework 1.x has no ECDSA. Points are Jacobian, field and order arithmetic Montgomery's,
    /// u1·G + u2·Q in one pass (Shamir's trick). Nothing is kept between calls (the heap is scarce).
    /// </summary>
    public static class EcdsaP256
    {
        // The curve's constants (SEC 2 secp256r1), big-endian hex: decoded per call, never held in the heap.
        const string PHex = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";
        const string OrderHex = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
        const string BHex = "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b";
        const string GxHex = "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";
        const string GyHex = "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";

        /// <summary>True when signature (DER SEQUENCE of r and s, as openssl writes it, or the 64 bytes
        /// r‖s) signs this SHA-256 digest under the uncompressed public point 04‖X‖Y.</summary>
        public static bool VerifySha256(byte[] publicPoint, byte[] digest, byte[] signature)
        {
            byte[] r, s;
            if (signature == null || !ReadSignature(signature, out r, out s)) return false;
            if (publicPoint == null || publicPoint.Length != 65 || publicPoint[0] != 4 || digest == null || digest.Length != 32) return false;
            Montgomery fp = new Montgomery(Limbs(PHex));
            Montgomery fn = new Montgomery(Limbs(OrderHex));
            uint[] ri = Scalar(r, fn), si = Scalar(s, fn);
            uint[] qx = Coordinate(publicPoint, 1, fp), qy = Coordinate(publicPoint, 33, fp);
            if (ri == null || si == null || qx == null || qy == null) return false;
            Point q = new Point(fp.ToMont(qx), fp.ToMont(qy), fp.One);
            if (!OnCurve(fp, q)) return false;
            // u1 = e·s⁻¹, u2 = r·s⁻¹ mod n: a plain number times a Montgomery one is plain.
            uint[] w = fn.Inverse(fn.ToMont(si));
            byte[] u1 = Montgomery.Bytes(fn.Mul(fn.Fit(Montgomery.LimbsOf(digest)), w), 32);
            byte[] u2 = Montgomery.Bytes(fn.Mul(ri, w), 32);
            Point g = new Point(fp.ToMont(Limbs(GxHex)), fp.ToMont(Limbs(GyHex)), fp.One);
            Point gq = Add(fp, g, q);
            Point acc = null;
            for (int i = 0; i < 256; i++)
            {
                if (acc != null) acc = Double(fp, acc);
                int bit = 7 - (i & 7);
                bool a = ((u1[i >> 3] >> bit) & 1) != 0, b = ((u2[i >> 3] >> bit) & 1) != 0;
                Point add = a && b ? gq : a ? g : b ? q : null;
                if (add != null) acc = acc == null ? add : Add(fp, acc, add);
            }
            if (acc == null) return false;   // the point at infinity
            uint[] zInverse = fp.Inverse(acc.Z);
            uint[] x = fp.FromMont(fp.Mul(acc.X, fp.Mul(zInverse, zInverse)));
            return Montgomery.Compare(fn.Fit(x), ri) == 0;   // x < p < 2n
        }

        /// <summary>A Jacobian point (x = X/Z², y = Y/Z³) in the Montgomery domain; null is infinity.</summary>
        sealed class Point
        {
            public readonly uint[] X, Y, Z;
            public Point(uint[] x, uint[] y, uint[] z) { X = x; Y = y; Z = z; }
        }

        static bool OnCurve(Montgomery f, Point p)
        {
            // y² = x³ - 3x + b
            uint[] x3 = f.Mul(f.Mul(p.X, p.X), p.X);
            uint[] threeX = f.Add(f.Add(p.X, p.X), p.X);
            uint[] right = f.Add(f.Sub(x3, threeX), f.ToMont(Limbs(BHex)));
            return Montgomery.Compare(f.Mul(p.Y, p.Y), right) == 0;
        }

        /// <summary>2P for a = -3 (the "dbl-2001-b" formulas); null when the result is infinity.</summary>
        static Point Double(Montgomery f, Point p)
        {
            if (Montgomery.IsZero(p.Y)) return null;
            uint[] delta = f.Mul(p.Z, p.Z);
            uint[] gamma = f.Mul(p.Y, p.Y);
            uint[] beta = f.Mul(p.X, gamma);
            uint[] t = f.Mul(f.Sub(p.X, delta), f.Add(p.X, delta));
            uint[] alpha = f.Add(f.Add(t, t), t);
            uint[] beta4 = Times2(f, Times2(f, beta));
            uint[] x3 = f.Sub(f.Mul(alpha, alpha), Times2(f, beta4));
            uint[] yz = f.Add(p.Y, p.Z);
            uint[] z3 = f.Sub(f.Sub(f.Mul(yz, yz), gamma), delta);
            uint[] gamma2 = f.Mul(gamma, gamma);
            uint[] y3 = f.Sub(f.Mul(alpha, f.Sub(beta4, x3)), Times2(f, Times2(f, Times2(f, gamma2))));
            return new Point(x3, y3, z3);
        }

        /// <summary>P1 + P2 (the "add-2007-bl" formulas); doubles when they are equal; null for infinity.</summary>
        static Point Add(Montgomery f, Point p1, Point p2)
        {
            uint[] z1z1 = f.Mul(p1.Z, p1.Z), z2z2 = f.Mul(p2.Z, p2.Z);
            uint[] u1 = f.Mul(p1.X, z2z2), u2 = f.Mul(p2.X, z1z1);
            uint[] s1 = f.Mul(f.Mul(p1.Y, p2.Z), z2z2), s2 = f.Mul(f.Mul(p2.Y, p1.Z), z1z1);
            uint[] h = f.Sub(u2, u1);
            uint[] r = Times2(f, f.Sub(s2, s1));
            if (Montgomery.IsZero(h)) return Montgomery.IsZero(r) ? Double(f, p1) : null;
            uint[] h2 = Times2(f, h);
            uint[] i = f.Mul(h2, h2);
            uint[] j = f.Mul(h, i);
            uint[] v = f.Mul(u1, i);
            uint[] x3 = f.Sub(f.Sub(f.Mul(r, r), j), Times2(f, v));
            uint[] y3 = f.Sub(f.Mul(r, f.Sub(v, x3)), Times2(f, f.Mul(s1, j)));
            uint[] zz = f.Add(p1.Z, p2.Z);
            uint[] z3 = f.Mul(f.Sub(f.Sub(f.Mul(zz, zz), z1z1), z2z2), h);
            return new Point(x3, y3, z3);
        }

        static uint[] Limbs(string hex) { return Montgomery.LimbsOf(Hex.Decode(hex)); }

        static uint[] Times2(Montgomery f, uint[] a) { return f.Add(a, a); }

        /// <summary>A signature's r or s as limbs when it is in [1, n-1], else null.</summary>
        static uint[] Scalar(byte[] b, Montgomery fn)
        {
            byte[] t = Rsa.Trim(b);
            if (t.Length > 32) return null;
            uint[] x = Montgomery.LimbsOf(t);
            if (Montgomery.IsZero(x) || Montgomery.Compare(x, fn.N) >= 0) return null;
            uint[] sized = new uint[fn.Limbs];
            Array.Copy(x, sized, x.Length);
            return sized;
        }

        /// <summary>A 32-byte coordinate of the point at from, when it is below p.</summary>
        static uint[] Coordinate(byte[] point, int from, Montgomery fp)
        {
            byte[] c = new byte[32];
            Array.Copy(point, from, c, 0, 32);
            uint[] x = Montgomery.LimbsOf(c);
            return Montgomery.Compare(x, fp.N) < 0 ? x : null;
        }

        static bool ReadSignature(byte[] signature, out byte[] r, out byte[] s)
        {
            r = null;
            s = null;
            if (signature.Length == 64)
            {
                r = new byte[32];
                s = new byte[32];
                Array.Copy(signature, 0, r, 0, 32);
                Array.Copy(signature, 32, s, 0, 32);
                return true;
            }
            try
            {
                Der d = new Der(signature);
                int end = d.Enter(0x30);
                r = d.ReadValue(0x02);
                s = d.ReadValue(0x02);
                return end == signature.Length && d.Position == end && r.Length > 0 && s.Length > 0 && (r[0] & 0x80) == 0 && (s[0] & 0x80) == 0;
            }
            catch (FormatException) { return false; }
        }
    }
}
