namespace PowerBrain.Firmware.Security
{
    /// <summary>The public half that a private key carries, read from its DER (PKCS#1, PKCS#8 or
    /// SEC1), so an upload can be matched with its certificate without any crypto.</summary>
    public static class PrivateKeyInfo
    {
        /// <summary>The RSA modulus or the EC public point; null when the key does not carry it.</summary>
        public static byte[] PublicPart(PemBlock key)
        {
            if (key.Label == "RSA PRIVATE KEY") return CertificateInfo.RsaModulus(key.Der, 0);
            if (key.Label == "EC PRIVATE KEY") return EcPoint(key.Der);
            // PKCS#8: SEQUENCE { version, AlgorithmIdentifier, OCTET STRING { the key } }
            Der d = new Der(key.Der);
            d.Enter(0x30);
            d.Expect(0x02); d.Skip();
            int algEnd = d.Enter(0x30);
            byte[] oid = d.ReadValue(0x06);
            d.Position = algEnd;
            byte[] inner = d.ReadValue(0x04);
            return CertificateInfo.IsRsa(oid) ? CertificateInfo.RsaModulus(inner, 0) : EcPoint(inner);
        }

        // ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] parameters OPTIONAL, [1] publicKey BIT STRING OPTIONAL }
        static byte[] EcPoint(byte[] der)
        {
            Der d = new Der(der);
            int end = d.Enter(0x30);
            d.Expect(0x02); d.Skip();
            d.Expect(0x04); d.Skip();
            while (d.Position < end)
            {
                if (d.Peek() == 0xA1)
                {
                    d.Enter(0xA1);
                    byte[] bits = d.ReadValue(0x03);
                    return CertificateInfo.Tail(bits, 1);
                }
                d.Skip();
            }
            return null;
        }
    }
}
