using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Octt;

/// <summary>The OCTT Security whitepaper cases that this box covers (certificates made by openssl).</summary>
[TestClass]
public sealed class OcttSecurityTests
{
    static Pki _pki;

    [ClassInitialize]
    public static void MakeCertificates(TestContext _) => _pki = new Pki();

    [ClassCleanup]
    public static void Cleanup() => _pki?.Dispose();

    static string Hex(string text) => Convert.ToHexString(Encoding.UTF8.GetBytes(text)).ToLowerInvariant();

    [TestMethod]
    public void TC_073_NewBasicAuthPassword()
    {
        using var t = new OcttRig();
        foreach (var password in new[] { "OCA_OCTT_admin_test", "restored_password_2" })
        {
            int m = t.Mark();
            t.Csms.Command(new { cmd = "password", hex = Hex(password) });
            Assert.AreEqual("Accepted", t.Status("ChangeConfiguration", new { key = "AuthorizationKey", value = Hex(password) }));
            var auth = t.WaitEvent(m, 20_000, "a reconnect with the new password", e => Csms.Event(e) == "auth" && (string)e["passwordHex"] == Hex(password));
            Assert.AreEqual(password, (string)auth["password"], "the key's bytes are the password, not its hex text");
            t.WaitEvent(m, 20_000, "connected again", e => Csms.Event(e) == "connected");
        }
    }

    static void InstallAndList(string type)
    {
        using var t = new OcttRig();
        string pem = File.ReadAllText(_pki.P("ca.pem"));
        Assert.AreEqual("Accepted", t.Status("InstallCertificate", new { certificateType = type, certificate = pem }));
        var ids = t.Call("GetInstalledCertificateIds", new { certificateType = type });
        Assert.AreEqual("Accepted", (string)ids["status"]);
        using var cert = X509Certificate2.CreateFromPem(pem);
        string H(byte[] b) => Convert.ToHexString(SHA256.HashData(b)).ToLowerInvariant();
        var id = ids["certificateHashData"].AsArray().Single();
        Assert.AreEqual("SHA256", (string)id["hashAlgorithm"]);
        Assert.AreEqual(H(cert.IssuerName.RawData), (string)id["issuerNameHash"]);
        Assert.AreEqual(H(cert.GetPublicKey()), (string)id["issuerKeyHash"]);
        Assert.AreEqual(cert.SerialNumber.ToLowerInvariant().TrimStart('0'), (string)id["serialNumber"]);
    }

    [TestMethod]
    public void TC_075_1_InstallAManufacturerRootCertificate() => InstallAndList("ManufacturerRootCertificate");

    [TestMethod]
    public void TC_075_2_InstallACentralSystemRootCertificate() => InstallAndList("CentralSystemRootCertificate");

    [TestMethod]
    public void TC_076_DeleteACertificate()
    {
        using var t = new OcttRig();
        Assert.AreEqual("Accepted", t.Status("InstallCertificate", new { certificateType = "CentralSystemRootCertificate", certificate = File.ReadAllText(_pki.P("ca.pem")) }));
        Assert.AreEqual("Accepted", t.Status("InstallCertificate", new { certificateType = "CentralSystemRootCertificate", certificate = File.ReadAllText(_pki.P("other-ca.pem")) }));
        var ids = t.Call("GetInstalledCertificateIds", new { certificateType = "CentralSystemRootCertificate" })["certificateHashData"].AsArray();
        Assert.AreEqual(2, ids.Count);
        Assert.AreEqual("Accepted", t.Status("DeleteCertificate", new { certificateHashData = ids[1].DeepClone() }));
        var after = t.Call("GetInstalledCertificateIds", new { certificateType = "CentralSystemRootCertificate" })["certificateHashData"].AsArray();
        Assert.AreEqual(1, after.Count);
        Assert.AreEqual((string)ids[0]["serialNumber"], (string)after[0]["serialNumber"], "the other one is gone");
    }

    [TestMethod]
    public void TC_078_InvalidCentralSystemCertificateEvent()
    {
        int port;
        var good = new Csms(0, "secret", _pki.ServeDir("server"));
        port = good.Port;
        var (emu, http) = TlsBox.Start(_pki, good, 2, true, false);
        using (emu) using (http)
        {
            good.WaitCall("BootNotification", 30_000);
            good.Dispose();
            using (var bad = new Csms(port, "secret", _pki.ServeDir("server-other-ca")))
            {
                TlsBox.WaitOcpp(http, o => ((string)o["lastError"]).Contains("server certificate refused"), "the invalid certificate refused");
                Assert.AreEqual(0, bad.Calls().Count, "the box aborted TLS");
            }
            using var back = new Csms(port, "secret", _pki.ServeDir("server"));
            var ev = back.WaitCall("SecurityEventNotification", 90_000);
            Assert.AreEqual("InvalidCentralSystemCertificate", (string)ev["type"]);
        }
    }

    [TestMethod]
    public void TC_083_UpgradeTheSecurityProfile()
    {
        using var csms = new Csms(0, "secret", _pki.ServeDir("server"));
        var (emu, http) = TlsBox.Start(_pki, csms, 1, true, false);
        using (emu) using (http)
        {
            csms.WaitCall("BootNotification", 30_000, csms.Calls("BootNotification").Count);   // the box after its restart
            Assert.AreEqual("Accepted", (string)csms.Call("ChangeConfiguration", new { key = "SecurityProfile", value = "2" })["status"]);
            int boots = csms.Calls("BootNotification").Count;
            Assert.AreEqual("Accepted", (string)csms.Call("Reset", new { type = "Hard" })["status"]);
            csms.WaitCall("BootNotification", 40_000, boots);
            var o = TlsBox.WaitOcpp(http, o => (string)o["bootStatus"] == "Accepted" && (int)o["securityProfile"] == 2, "connected with profile 2");
            Assert.AreEqual(2, (int)o["securityProfile"]);
        }
    }

    [TestMethod]
    public void TC_084_DowngradeRejected()
    {
        using var csms = new Csms(0, "secret", _pki.ServeDir("server"));
        var (emu, http) = TlsBox.Start(_pki, csms, 2, true, false);
        using (emu) using (http)
        {
            csms.WaitCall("BootNotification", 30_000, csms.Calls("BootNotification").Count);
            Assert.AreEqual("Rejected", (string)csms.Call("ChangeConfiguration", new { key = "SecurityProfile", value = "1" })["status"]);
        }
    }

    [TestMethod]
    public void TC_085_BasicAuthentication()
    {
        const string password = "sixteen-chars-pw";
        using var csms = new Csms(0, password);
        var (emu, http) = TlsBox.Start(_pki, csms, 1, false, false, password: password);
        using (emu) using (http)
        {
            var auth = csms.WaitEvent(e => Csms.Event(e) == "auth" && (string)e["password"] == password, 30_000, "Basic auth");
            Assert.AreEqual("WB-1", (string)auth["identity"], "the user is the last path segment, the ChargeBox ID");
            csms.WaitCall("BootNotification", 30_000);
        }
    }

    [TestMethod]
    public void TC_086_TlsServerCertificate()
    {
        using var csms = new Csms(0, "secret", _pki.ServeDir("server"));
        var (emu, http) = TlsBox.Start(_pki, csms, 2, true, false);
        using (emu) using (http)
        {
            csms.WaitCall("BootNotification", 30_000);
            Assert.AreEqual("secret", (string)csms.Events.Last(e => Csms.Event(e) == "auth")["password"]);
            var o = TlsBox.WaitOcpp(http, o => (string)o["bootStatus"] == "Accepted", "accepted over TLS 1.2+");
            Assert.IsNull(o["securityWarning"], "the server certificate was checked");
        }
    }

    [TestMethod]
    public void TC_079_SecurityLog()
    {
        using var ftp = FileServer.Ftp();
        using var t = new OcttRig();
        Assert.AreEqual("Accepted", t.Status("InstallCertificate", new { certificateType = "CentralSystemRootCertificate", certificate = File.ReadAllText(_pki.P("ca.pem")) }));
        int m = t.Mark();
        var answer = t.Call("GetLog", new { logType = "SecurityLog", requestId = 79, log = new { remoteLocation = $"ftp://pb:secret@127.0.0.1:{ftp.Port}/" } });
        Assert.AreEqual("Accepted", (string)answer["status"]);
        var uploading = t.WaitCall("LogStatusNotification", m);
        Assert.AreEqual("Uploading", (string)uploading["status"]);
        Assert.AreEqual(79, (int)uploading["requestId"]);
        var done = (System.Text.Json.Nodes.JsonObject)t.WaitEvent(m, 30_000, "Uploaded", e => Csms.Event(e) == "call" && (string)e["action"] == "LogStatusNotification" && (string)e["params"]["status"] == "Uploaded")["params"];
        Assert.AreEqual(79, (int)done["requestId"]);
        string log = ftp.WaitFile((string)answer["filename"]);
        StringAssert.Contains(log, "ReconfigurationOfSecurityParameters", "the certificate's installation is in the security log");
    }
}
