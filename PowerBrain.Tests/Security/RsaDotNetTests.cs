using System.Security.Cryptography;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Firmware.Security;

namespace PowerBrain.Tests.Security;

/// <summary>The portable RSA verification (PKCS#1 v1.5 and PSS) agrees with .NET's on fresh keys of every usual size.</summary>
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
            Assert.IsTrue(Rsa.VerifyPssSha256(key.Modulus, key.Exponent, digest, pss), "PSS, " + bits + " bits, run " + i);
            signature[i * 7 % signature.Length] ^= 0x40;
            Assert.IsFalse(Rsa.VerifyPssSha256(key.Modulus, key.Exponent, digest, signature), "a PKCS#1 v1.5 signature is not PSS");
            pss[(i * 13 + 5) % pss.Length] ^= 0x08;
            Assert.AreEqual(rsa.VerifyHash(digest, pss, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
                            Rsa.VerifyPssSha256(key.Modulus, key.Exponent, digest, pss), "a changed PSS signature, as .NET sees it");
        }
    }

    /// <summary>Odd key sizes move PSS's encoding to one bit under the modulus (a leading zero byte when
    /// the size is 8k+1 bits). .NET cannot make such keys; openssl does, .NET signs with them.</summary>
    [TestMethod]
    [DataRow(1025)]
    [DataRow(2047)]
    [DataRow(1026)]
    public void PssAgreesWithDotNetOnOddKeySizes(int bits)
    {
        string dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pb-pss-" + System.Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        string pem;
        try
        {
            var (exit, output) = PowerBrain.Tests.Support.Peer.Run("openssl", "genrsa", "-out", System.IO.Path.Combine(dir, "key.pem"), bits.ToString());
            Assert.AreEqual(0, exit, output);
            pem = System.IO.File.ReadAllText(System.IO.Path.Combine(dir, "key.pem"));
        }
        finally { System.IO.Directory.Delete(dir, true); }
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        var key = rsa.ExportParameters(false);
        Assert.AreEqual(bits, key.Modulus.Length * 8 - System.Numerics.BitOperations.LeadingZeroCount((uint)key.Modulus[0]) + 24, "the modulus's bits");
        byte[] digest = SHA256.HashData(RandomNumberGenerator.GetBytes(64));
        byte[] pss = rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        Assert.IsTrue(Rsa.VerifyPssSha256(key.Modulus, key.Exponent, digest, pss), bits + " bits");
        digest[0] ^= 1;
        Assert.IsFalse(Rsa.VerifyPssSha256(key.Modulus, key.Exponent, digest, pss), "another digest");
    }
}

/// <summary>The portable ECDSA P-256 verification agrees with .NET's on fresh keys.</summary>
[TestClass]
public sealed class EcdsaDotNetTests
{
    static byte[] Point(ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        var point = new byte[65];
        point[0] = 4;
        q.X.CopyTo(point, 1);
        q.Y.CopyTo(point, 33);
        return point;
    }

    [TestMethod]
    public void PortableVerificationAgreesWithDotNet()
    {
        for (int i = 0; i < 8; i++)
        {
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            byte[] point = Point(ecdsa);
            byte[] digest = SHA256.HashData(RandomNumberGenerator.GetBytes(50 + i));
            byte[] der = ecdsa.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence);
            Assert.IsTrue(EcdsaP256.VerifySha256(point, digest, der), "DER, run " + i);
            byte[] raw = ecdsa.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            Assert.IsTrue(EcdsaP256.VerifySha256(point, digest, raw), "r‖s, run " + i);
            raw[i * 5 % 64] ^= 0x10;
            Assert.AreEqual(ecdsa.VerifyHash(digest, raw, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                            EcdsaP256.VerifySha256(point, digest, raw), "a changed signature, as .NET sees it");
            digest[31 - i] ^= 0x01;
            Assert.IsFalse(EcdsaP256.VerifySha256(point, digest, der), "another digest");
            digest[31 - i] ^= 0x01;
            using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            Assert.IsFalse(EcdsaP256.VerifySha256(Point(other), digest, der), "another key");
            point[64] ^= 1;
            Assert.IsFalse(EcdsaP256.VerifySha256(point, digest, der), "a point off the curve");
        }
    }
}
