using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Security;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>RSA PKCS#1 v1.5 and PSS SHA-256 verification (both runtimes), with signatures openssl
    /// made (RsaVector, SignatureVectors); RsaDotNetTests checks them against .NET.</summary>
    [TestClass]
    public class RsaTests
    {
        [TestMethod]
        public void AnOpensslSignatureVerifiesAndNothingElseDoes()
        {
            byte[] n = Hex.Decode(RsaVector.Modulus), s = Hex.Decode(RsaVector.Signature);
            byte[] Exponent = new byte[] { 1, 0, 1 };
            Assert.IsTrue(Rsa.VerifyPkcs1Sha256(n, Exponent, SignatureVectors.Digest(RsaVector.Message), s));
            Assert.IsFalse(Rsa.VerifyPkcs1Sha256(n, Exponent, SignatureVectors.Digest("PowerBrain firmware 9.9.8"), s), "another message");
            s[100] ^= 1;
            Assert.IsFalse(Rsa.VerifyPkcs1Sha256(n, Exponent, SignatureVectors.Digest(RsaVector.Message), s), "a changed signature");
            s[100] ^= 1;
            Assert.IsFalse(Rsa.VerifyPkcs1Sha256(n, new byte[] { 3 }, SignatureVectors.Digest(RsaVector.Message), s), "another exponent");
            Assert.IsFalse(Rsa.VerifyPkcs1Sha256(n, Exponent, SignatureVectors.Digest(RsaVector.Message), n), "the modulus itself is no signature");
            Assert.IsFalse(Rsa.VerifyPkcs1Sha256(new byte[64], Exponent, new byte[32], new byte[64]), "keys under 1024 bits are refused");
            Assert.IsFalse(Rsa.VerifyPssSha256(n, Exponent, SignatureVectors.Digest(RsaVector.Message), s), "PKCS#1 v1.5 is not PSS");
        }

        [TestMethod]
        public void AnOpensslPssSignatureVerifiesAndNothingElseDoes()
        {
            byte[] n = Hex.Decode(SignatureVectors.PssModulus), s = Hex.Decode(SignatureVectors.PssSignature);
            Assert.IsTrue(Rsa.VerifyPssSha256(n, RsaVector.Exponent, SignatureVectors.Digest(RsaVector.Message), s));
            Assert.IsFalse(Rsa.VerifyPkcs1Sha256(n, RsaVector.Exponent, SignatureVectors.Digest(RsaVector.Message), s), "PSS is not PKCS#1 v1.5");
            Assert.IsFalse(Rsa.VerifyPssSha256(n, RsaVector.Exponent, SignatureVectors.Digest("PowerBrain firmware 9.9.8"), s), "another message");
            s[17] ^= 0x80;
            Assert.IsFalse(Rsa.VerifyPssSha256(n, RsaVector.Exponent, SignatureVectors.Digest(RsaVector.Message), s), "a changed signature");
        }
    }
}
