using System;
using System.Text;
using PowerBrain.Firmware.Core;

namespace PowerBrain.Firmware.Security
{
    /// <summary>What a person needs to see of an X.509 certificate, read from its DER without any
    /// crypto: subject, issuer, validity. Throws FormatException for anything that is not one.</summary>
    public sealed class CertificateInfo
    {
        public string Subject;
        public string Issuer;
        public string SubjectCommonName;
        public DateTime NotBefore;
        public DateTime NotAfter;
        /// <summary>OCPP certificate hash data (SHA-256): of the issuer's Name, of the subject's
        /// public key (the issuer's own for a self-issued root), and the serial number in hex.</summary>
        public string IssuerNameHash;
        public string SubjectKeyHash;
        public string SerialNumber;
        /// <summary>The subject's public key: for RSA the modulus (without leading zeroes), for EC the point.</summary>
        public byte[] PublicKey;
        /// <summary>The RSA public exponent (null for other keys).</summary>
        public byte[] PublicExponent;
        /// <summary>KeyRsa, KeyEcP256, or 0 for a key this box cannot verify with.</summary>
        public int KeyKind;
        /// <summary>The signed part (tbsCertificate) of the DER, its issuer's signature, and that
        /// signature's algorithm (one of the Signature… kinds, 0 for one this box cannot check).</summary>
        public byte[] Encoded;
        public int SignedStart, SignedLength;
        public byte[] SignatureValue;
        public int SignatureKind;

        public const int KeyRsa = 1, KeyEcP256 = 2;
        public const int SignatureRsaPkcs1Sha256 = 1, SignatureRsaPssSha256 = 2, SignatureEcdsaSha256 = 3;

        /// <summary>True when the issuer's key signed this certificate.</summary>
        public bool SignedBy(CertificateInfo issuer)
        {
            return issuer.Subject == Issuer && issuer.Verifies(Sha256.Hash(Encoded, SignedStart, SignedLength), SignatureValue, SignatureKind);
        }

        /// <summary>True when this certificate's key made signature over the SHA-256 digest with the
        /// given kind of signature.</summary>
        public bool Verifies(byte[] digest, byte[] signature, int kind)
        {
            if (KeyKind == KeyRsa && kind == SignatureRsaPkcs1Sha256) return Rsa.VerifyPkcs1Sha256(PublicKey, PublicExponent, digest, signature);
            if (KeyKind == KeyRsa && kind == SignatureRsaPssSha256) return Rsa.VerifyPssSha256(PublicKey, PublicExponent, digest, signature);
            if (KeyKind == KeyEcP256 && kind == SignatureEcdsaSha256) return EcdsaP256.VerifySha256(PublicKey, digest, signature);
            return false;
        }

        /// <summary>A signature over a file (firmware): with an RSA key PKCS#1 v1.5 or PSS, with an EC
        /// key ECDSA, always SHA-256.</summary>
        public bool VerifiesFile(byte[] digest, byte[] signature)
        {
            if (KeyKind == KeyEcP256) return Verifies(digest, signature, SignatureEcdsaSha256);
            return Verifies(digest, signature, SignatureRsaPkcs1Sha256) || Verifies(digest, signature, SignatureRsaPssSha256);
        }

        public bool IsSelfIssued { get { return Subject == Issuer; } }

        public static CertificateInfo Read(byte[] der)
        {
            Der d = new Der(der);
            int certEnd = d.Enter(0x30);                   // Certificate
            CertificateInfo c = new CertificateInfo();
            c.Encoded = der;
            c.SignedStart = d.Position;
            int tbsEnd = d.Enter(0x30);                    // tbsCertificate
            c.SignedLength = tbsEnd - c.SignedStart;
            if (d.Peek() == 0xA0) d.Skip();                // [0] version
            c.SerialNumber = SerialHex(d.ReadValue(0x02));
            d.Expect(0x30); d.Skip();                      // signature algorithm
            string issuerCn;
            int issuerStart = d.Position;
            c.Issuer = ReadName(d, out issuerCn);
            c.IssuerNameHash = HexOf(Sha256.Hash(der, issuerStart, d.Position - issuerStart));
            d.Enter(0x30);                                 // validity
            c.NotBefore = d.ReadTime();
            c.NotAfter = d.ReadTime();
            c.Subject = ReadName(d, out c.SubjectCommonName);
            d.Enter(0x30);                                 // subjectPublicKeyInfo
            int algEnd = d.Enter(0x30);                    // algorithm
            byte[] algorithm = d.ReadValue(0x06);
            bool p256 = SameBytes(algorithm, EcKeyOid) && d.Position < algEnd && d.Peek() == 0x06 && SameBytes(d.ReadValue(0x06), P256Oid);
            d.Position = algEnd;
            byte[] bits = d.ReadValue(0x03);               // the key, after its unused-bits byte
            if (bits.Length < 2) throw new FormatException("no public key");
            c.SubjectKeyHash = HexOf(Sha256.Hash(bits, 1, bits.Length - 1));
            if (IsRsa(algorithm))
            {
                c.PublicKey = RsaModulus(bits, 1);
                c.PublicExponent = RsaExponent(bits, 1);
                c.KeyKind = KeyRsa;
            }
            else
            {
                c.PublicKey = Tail(bits, 1);
                if (p256 && bits.Length == 66) c.KeyKind = KeyEcP256;
            }
            d.Position = tbsEnd;                           // past the extensions
            int sigAlgEnd = d.Enter(0x30);                 // signatureAlgorithm
            c.SignatureKind = SignatureKindOf(d, sigAlgEnd);
            d.Position = sigAlgEnd;
            byte[] signature = d.ReadValue(0x03);
            c.SignatureValue = signature.Length > 1 ? Tail(signature, 1) : new byte[0];
            if (certEnd != der.Length) throw new FormatException("data after the certificate");
            return c;
        }

        static readonly byte[] RsaOid = new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01 };
        static readonly byte[] RsaSha256Oid = new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B };
        static readonly byte[] RsaPssOid = new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A };
        static readonly byte[] Mgf1Oid = new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x08 };
        static readonly byte[] Sha256Oid = new byte[] { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 };
        static readonly byte[] EcKeyOid = new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 };
        static readonly byte[] P256Oid = new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07 };
        static readonly byte[] EcdsaSha256Oid = new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02 };

        /// <summary>The signature algorithm whose OID the reader is at. RSASSA-PSS counts only with
        /// SHA-256 as its hash and MGF1's hash (its defaults are SHA-1); the salt length is read from
        /// the signature.</summary>
        static int SignatureKindOf(Der d, int end)
        {
            byte[] oid = d.ReadValue(0x06);
            if (SameBytes(oid, RsaSha256Oid)) return SignatureRsaPkcs1Sha256;
            if (SameBytes(oid, EcdsaSha256Oid)) return SignatureEcdsaSha256;
            if (!SameBytes(oid, RsaPssOid) || d.Position >= end) return 0;
            int paramsEnd = d.Enter(0x30);
            bool hash = false, mgf = false;
            while (d.Position < paramsEnd)
            {
                int tag = d.Peek();
                int fieldEnd = d.Enter(tag);
                if (tag == 0xA0)
                {
                    d.Enter(0x30);
                    hash = SameBytes(d.ReadValue(0x06), Sha256Oid);
                }
                else if (tag == 0xA1)
                {
                    d.Enter(0x30);
                    if (SameBytes(d.ReadValue(0x06), Mgf1Oid))
                    {
                        d.Enter(0x30);
                        mgf = SameBytes(d.ReadValue(0x06), Sha256Oid);
                    }
                }
                d.Position = fieldEnd;
            }
            return hash && mgf ? SignatureRsaPssSha256 : 0;
        }

        static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }

        /// <summary>The public exponent of an RSAPublicKey starting at `from`.</summary>
        static byte[] RsaExponent(byte[] b, int from)
        {
            Der d = new Der(Tail(b, from));
            d.Enter(0x30);
            d.ReadValue(0x02);
            return Rsa.Trim(d.ReadValue(0x02));
        }

        internal static bool IsRsa(byte[] oid) { return SameBytes(oid, RsaOid); }

        /// <summary>The modulus of an RSAPublicKey or RSAPrivateKey structure starting at `from`
        /// (the private key's version number comes first).</summary>
        internal static byte[] RsaModulus(byte[] b, int from)
        {
            Der d = new Der(Tail(b, from));
            d.Enter(0x30);
            byte[] first = d.ReadValue(0x02);
            byte[] modulus = first.Length <= 1 && d.Peek() == 0x02 ? d.ReadValue(0x02) : first;   // skip a version 0
            return Rsa.Trim(modulus);
        }

        internal static byte[] Tail(byte[] b, int from)
        {
            byte[] t = new byte[b.Length - from];
            Array.Copy(b, from, t, 0, t.Length);
            return t;
        }


        static string HexOf(byte[] b) { return HexOf(b, 0); }

        static string HexOf(byte[] b, int from) { return Hex.Encode(b, from, b.Length - from, false); }

        // Hex without leading zeroes, as OCPP's CertificateHashData wants it.
        static string SerialHex(byte[] b)
        {
            string s = HexOf(b);
            char[] c = s.ToCharArray();
            int i = 0;
            while (i < c.Length - 1 && c[i] == '0') i++;
            return s.Substring(i);
        }

        // Name ::= SEQUENCE OF SET OF SEQUENCE { OID, value }, shown as "CN=…, O=…, C=…".
        static string ReadName(Der d, out string commonName)
        {
            commonName = null;
            int end = d.Enter(0x30);
            StringBuilder sb = new StringBuilder();
            while (d.Position < end)
            {
                int setEnd = d.Enter(0x31);
                while (d.Position < setEnd)
                {
                    d.Enter(0x30);
                    byte[] oid = d.ReadValue(0x06);
                    string value = d.ReadString();
                    string key = AttributeName(oid);
                    if (key == null) continue;
                    if (sb.Length > 0) sb.Append(", ");
                    sb.Append(key).Append('=').Append(value);
                    if (key == "CN") commonName = value;
                }
            }
            return sb.ToString();
        }

        static string AttributeName(byte[] oid)
        {
            if (oid.Length != 3 || oid[0] != 0x55 || oid[1] != 0x04) return null;   // 2.5.4.x
            switch (oid[2])
            {
                case 3: return "CN";
                case 6: return "C";
                case 7: return "L";
                case 8: return "ST";
                case 10: return "O";
                case 11: return "OU";
                default: return null;
            }
        }
    }

    /// <summary>A forward-only DER reader, bounded by the buffer.</summary>
    internal sealed class Der
    {
        readonly byte[] _b;
        public int Position;

        public Der(byte[] b) { _b = b; }

        public int Peek()
        {
            if (Position >= _b.Length) throw new FormatException("truncated DER");
            return _b[Position];
        }

        public void Expect(int tag)
        {
            if (Peek() != tag) throw new FormatException("unexpected DER tag 0x" + Peek().ToString("X2") + ", expected 0x" + tag.ToString("X2"));
        }

        int Length()
        {
            if (Position >= _b.Length) throw new FormatException("truncated DER");
            int first = _b[Position++];
            if (first < 0x80) return first;
            int n = first & 0x7F;
            if (n == 0 || n > 3) throw new FormatException("unsupported DER length");
            int len = 0;
            for (int i = 0; i < n; i++)
            {
                if (Position >= _b.Length) throw new FormatException("truncated DER");
                len = (len << 8) | _b[Position++];
            }
            return len;
        }

        /// <summary>Enters a constructed value; returns the position where it ends.</summary>
        public int Enter(int tag)
        {
            Expect(tag);
            Position++;
            int len = Length();
            int end = Position + len;
            if (end > _b.Length) throw new FormatException("truncated DER");
            return end;
        }

        public void Skip()
        {
            Position++;
            int len = Length();
            Position += len;
            if (Position > _b.Length) throw new FormatException("truncated DER");
        }

        public byte[] ReadValue(int tag)
        {
            int end = Enter(tag);
            byte[] v = new byte[end - Position];
            Array.Copy(_b, Position, v, 0, v.Length);
            Position = end;
            return v;
        }

        public string ReadString()
        {
            int tag = Peek();
            int end = Enter(tag);
            int start = Position;
            Position = end;
            if (tag == 0x1E)   // BMPString: UTF-16 big-endian
            {
                char[] c = new char[(end - start) / 2];
                for (int i = 0; i < c.Length; i++) c[i] = (char)((_b[start + 2 * i] << 8) | _b[start + 2 * i + 1]);
                return new string(c);
            }
            if (tag == 0x0C || tag == 0x13 || tag == 0x16 || tag == 0x14 || tag == 0x1A) return Encoding.UTF8.GetString(_b, start, end - start);
            throw new FormatException("unsupported string type 0x" + tag.ToString("X2"));
        }

        public DateTime ReadTime()
        {
            int tag = Peek();
            if (tag != 0x17 && tag != 0x18) throw new FormatException("expected a time");
            int end = Enter(tag);
            int p = Position;
            if (end - p != (tag == 0x17 ? 13 : 15) || _b[end - 1] != 'Z') throw new FormatException("bad time");
            int year;
            if (tag == 0x17)
            {
                year = Two(p);
                year += year < 50 ? 2000 : 1900;
                p += 2;
            }
            else
            {
                year = Two(p) * 100 + Two(p + 2);
                p += 4;
            }
            int month = Two(p), day = Two(p + 2), hour = Two(p + 4), minute = Two(p + 6), second = Two(p + 8);
            if (!Iso8601.IsValid(year, month, day, hour, minute, second)) throw new FormatException("bad time");
            Position = end;
            // 99991231235959Z ("no expiry") is after the device's last date: clamped, never thrown.
            return Iso8601.Compose(year, month, day, hour, minute, second, 0);
        }

        int Two(int p)
        {
            int a = _b[p] - '0', b = _b[p + 1] - '0';
            if (a < 0 || a > 9 || b < 0 || b > 9) throw new FormatException("bad time");
            return a * 10 + b;
        }
    }
}
