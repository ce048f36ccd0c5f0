using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Security;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>ECDSA P-256 SHA-256 verification (both runtimes) with a signature openssl made
    /// (SignatureVectors); EcdsaDotNetTests checks it against .NET.</summary>
    [TestClass]
    public class EcdsaP256Tests
    {
        [TestMethod]
        public void AnOpensslSignatureVerifiesAndNothingElseDoes()
        {
            byte[] q = Hex.Decode(SignatureVectors.EcPoint), s = Hex.Decode(SignatureVectors.EcSignature);
            Assert.IsTrue(EcdsaP256.VerifySha256(q, SignatureVectors.Digest(RsaVector.Message), s));
            Assert.IsFalse(EcdsaP256.VerifySha256(q, SignatureVectors.Digest("PowerBrain firmware 9.9.8"), s), "another message");
            s[s.Length - 3] ^= 0x04;
            Assert.IsFalse(EcdsaP256.VerifySha256(q, SignatureVectors.Digest(RsaVector.Message), s), "a changed signature");
            s[s.Length - 3] ^= 0x04;
            q[40] ^= 0x01;
            Assert.IsFalse(EcdsaP256.VerifySha256(q, SignatureVectors.Digest(RsaVector.Message), s), "a point off the curve");
            q[40] ^= 0x01;
            Assert.IsFalse(EcdsaP256.VerifySha256(q, SignatureVectors.Digest(RsaVector.Message), new byte[] { 0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01 }), "r = 0");
            Assert.IsFalse(EcdsaP256.VerifySha256(q, SignatureVectors.Digest(RsaVector.Message), new byte[] { 0x30, 0x03, 0x02 }), "broken DER");
            Assert.IsFalse(EcdsaP256.VerifySha256(new byte[65], SignatureVectors.Digest(RsaVector.Message), s), "no point");
        }
    }
}
