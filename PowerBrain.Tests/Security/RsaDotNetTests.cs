using System.Security.Cryptography;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Firmware.Security;

namespace PowerBrain.Tests.Security;

/// <summary>The portable RSA verification agrees with .NET's on fresh keys of every usual size.</summary>
[TestClass]
public sealed class RsaDotNetTests
{
    [TestMethod]
    [DataRow(1024)]
    [DataRow(2048)]
    [DataRow(3072)]
    [DataRow(4096)]
    public void PortableVerificationAgreesWithDotNet(int bits)
    {
        using var rsa = RSA.Create(bits);
        var key = rsa.ExportParameters(false);
        for (int i = 0; i < 5; i++)
        {
            byte[] data = RandomNumberGenerator.GetBytes(100 + i);
            byte[] digest = SHA256.HashData(data);
            byte[] signature = rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            Assert.IsTrue(Rsa.VerifyPkcs1Sha256(key.Modulus, key.Exponent, digest, signature), bits + " bits, run " + i);
            signature[i * 7 % signature.Length] ^= 0x40;
            Assert.AreEqual(rsa.VerifyHash(digest, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                            Rsa.VerifyPkcs1Sha256(key.Modulus, key.Exponent, digest, signature), "a changed signature, as .NET sees it");
            byte[] pss = rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
            Assert.IsFalse(Rsa.VerifyPkcs1Sha256(key.Modulus, key.Exponent, digest, pss), "a PSS signature is not PKCS#1 v1.5");
        }
    }
}
