using System;
using System.Collections;
using System.Text;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Security;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    [TestClass]
    public class SecurityTests
    {
        /// <summary>A self-signed P-256 root whose notAfter is 99991231235959Z, RFC 5280's "no expiry"
        /// (made with openssl ca -enddate).</summary>
        public const string NeverExpiresRoot =
            "-----BEGIN CERTIFICATE-----\n" +
            "MIIBJDCBygIBATAKBggqhkjOPQQDAjAdMRswGQYDVQQDDBJOZXZlciBFeHBpcmVz\n" +
            "IFJvb3QwIBcNMjYxMjAxMDAwMDAwWhgPOTk5OTEyMzEyMzU5NTlaMB0xGzAZBgNV\n" +
            "BAMMEk5ldmVyIEV4cGlyZXMgUm9vdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IA\n" +
            "BCxXMTTbthGEqZNfSEATCJxPlEL/9vNzXkbnxsD2qwn03Xo71bNn8SX3J6Po4Fyi\n" +
            "Q9upyi1IFcV8046iCAUlIZ4wCgYIKoZIzj0EAwIDSQAwRgIhAKbYP4sohjt36d3u\n" +
            "uH4xU8UFrXzAyiKEMrMunihqSYUhAiEAg7c8OBazPXfqP0tIr+MIJ/0SdrT/QV/Z\n" +
            "gwZTUAefma0=\n" +
            "-----END CERTIFICATE-----\n";

        static string Sha(string text)
        {
            byte[] b = Encoding.UTF8.GetBytes(text);
            byte[] h = Sha256.Hash(b, 0, b.Length);
            return Hex.Encode(h, 0, h.Length, false);
        }

        [TestMethod]
        public void Sha256MatchesTheStandardVectors()
        {
            Assert.AreEqual("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha(""));
            Assert.AreEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha("abc"));
            Assert.AreEqual("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", Sha("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
            StringBuilder million = new StringBuilder();
            for (int i = 0; i < 1000; i++) million.Append('a');
            Assert.AreEqual("41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3", Sha(million.ToString()), "1000 × 'a', several blocks");
        }

        [TestMethod]
        public void PemSplitsBlocksAndReportsGarbage()
        {
            ArrayList blocks = Pem.Parse("junk before\r\n" + NeverExpiresRoot + NeverExpiresRoot);
            Assert.AreEqual(2, blocks.Count);
            PemBlock b = (PemBlock)blocks[0];
            Assert.AreEqual("CERTIFICATE", b.Label);
            Assert.AreEqual(0x30, (int)b.Der[0]);
            Assert.AreEqual(296, b.Der.Length);
            Assert.IsTrue(b.Text.StartsWith("-----BEGIN CERTIFICATE-----") && b.Text.EndsWith("-----END CERTIFICATE-----"));
        }

        /// <summary>On the device Convert.FromBase64String throws a plain System.Exception: the parser
        /// must still report it as a FormatException with its own reason.</summary>
        [TestMethod]
        public void BadBase64IsAFormatErrorOnEveryRuntime()
        {
            string[] bad = { "-----BEGIN CERTIFICATE-----\nA=AA\n-----END CERTIFICATE-----",
                             "-----BEGIN CERTIFICATE-----\nAA=A\n-----END CERTIFICATE-----",
                             "-----BEGIN CERTIFICATE-----\n====\n-----END CERTIFICATE-----",
                             "-----BEGIN CERTIFICATE-----\nAB!D\n-----END CERTIFICATE-----",
                             "-----BEGIN CERTIFICATE-----\nABC\n-----END CERTIFICATE-----",
                             "-----BEGIN CERTIFICATE-----\nABCD\n", "no pem at all" };
            for (int i = 0; i < bad.Length; i++)
            {
                string kind = "none";
                try { Pem.Parse(bad[i]); }
                catch (FormatException e) { kind = "format: " + e.Message; }
                catch (Exception e) { kind = "other " + e.GetType().FullName; }
                Assert.IsTrue(kind.StartsWith("format: "), bad[i] + " → " + kind);
            }
        }

        [TestMethod]
        public void CertificateStoreRejectsBadBase64WithAReason()
        {
            CertificateStore store = new CertificateStore(new MemoryStorage(), new SimClock(), new Logger(new ListLog(), new SimClock(), 10));
            string error = store.SetCa("-----BEGIN CERTIFICATE-----\nA=AA\n-----END CERTIFICATE-----");
            Assert.IsNotNull(error);
            Assert.IsTrue(error.StartsWith("not PEM: "), error);
            Assert.IsFalse(store.HasCa);
        }

        [TestMethod]
        public void X509ReadsNamesKeyAndANotAfterOfNeverAsTheLastDay()
        {
            CertificateInfo c = CertificateInfo.Read(((PemBlock)Pem.Parse(NeverExpiresRoot)[0]).Der);
            Assert.AreEqual("Never Expires Root", c.SubjectCommonName);
            Assert.IsTrue(c.IsSelfIssued);
            Assert.AreEqual("2026-12-01T00:00:00Z", Iso8601.Format(c.NotBefore));
            Assert.AreEqual(Iso8601.LastDate.Ticks, c.NotAfter.Ticks);
            Assert.AreEqual(65, c.PublicKey.Length);
            Assert.AreEqual("1", c.SerialNumber);
        }

        /// <summary>Every truncation and every single-byte corruption of a real certificate is either
        /// read or refused with a FormatException, never another exception type.</summary>
        [TestMethod]
        public void DamagedDerIsAFormatErrorNeverACrash()
        {
            byte[] der = ((PemBlock)Pem.Parse(NeverExpiresRoot)[0]).Der;
            int refused = 0;
            for (int n = 0; n < der.Length; n++)
            {
                byte[] cut = new byte[n];
                Array.Copy(der, cut, n);
                if (!ReadsOrRefuses(cut, "cut at " + n)) refused++;
            }
            for (int i = 0; i < 120; i++)
            {
                byte[] bad = (byte[])der.Clone();
                bad[i] = (byte)(bad[i] ^ 0xA5);
                if (!ReadsOrRefuses(bad, "byte " + i + " flipped")) refused++;
            }
            Assert.IsTrue(refused > der.Length, "refused: " + refused);
        }

        static bool ReadsOrRefuses(byte[] der, string what)
        {
            try { CertificateInfo.Read(der); return true; }
            catch (FormatException) { return false; }
            catch (Exception e) { throw new Exception(what + " threw " + e.GetType().FullName + ", not a FormatException"); }
        }

        [TestMethod]
        public void CertificateStoreStoresANeverExpiringCaAndDescribesIt()
        {
            MemoryStorage storage = new MemoryStorage();
            CertificateStore store = new CertificateStore(storage, new SimClock(), new Logger(new ListLog(), new SimClock(), 10));
            Assert.IsNull(store.SetCa(NeverExpiresRoot));
            Assert.IsTrue(store.HasCa);
        }
    }
}
