using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Emulator;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Security;

/// <summary>OCPP over TLS (security profiles 2 and 3) against strict ocpp-rpc behind a Node https
/// server, with certificates made by openssl; and the certificate API.</summary>
[TestClass]
public sealed class TlsTests
{
    static Pki _pki;

    [ClassInitialize]
    public static void MakeCertificates(TestContext _) => _pki = new Pki();

    [ClassCleanup]
    public static void Cleanup() => _pki?.Dispose();

    static (EmulatorProcess, HttpClient) Box(Csms csms, int profile, bool ca, bool clientPair, string caFile = "ca.pem") =>
        TlsBox.Start(_pki, csms, profile, ca, clientPair, caFile);

    static JsonObject Put(HttpClient http, string path, object body) => TlsBox.Put(http, path, body);

    static JsonObject WaitOcpp(HttpClient http, Func<JsonObject, bool> until, string what) => TlsBox.WaitOcpp(http, until, what);

    [TestMethod]
    public void Profile2WithTheCaStoredConnectsWithBasicAuth()
    {
        using var csms = new Csms(0, "secret", _pki.ServeDir("server"));
        var (emu, http) = Box(csms, 2, true, false);
        using (emu) using (http)
        {
            csms.WaitCall("BootNotification", 30_000);
            var auth = csms.Events.Last(e => Csms.Event(e) == "auth");
            Assert.AreEqual("secret", (string)auth["password"]);
            var o = WaitOcpp(http, o => (string)o["bootStatus"] == "Accepted", "accepted");
            Assert.AreEqual(2, (int)o["securityProfile"]);
            Assert.IsNull(o["securityWarning"]);
        }
    }

    /// <summary>The backend's certificate comes from an intermediate CA, which the backend sends
    /// along; only the root is stored on the box (openssl verifies the same chain the same way).</summary>
    [TestMethod]
    public void AServerCertificateFromAnIntermediateCaIsAcceptedWithOnlyTheRootStored()
    {
        var (exit, output) = Peer.Run("openssl", "verify", "-CAfile", _pki.P("ca.pem"), "-untrusted", _pki.P("intermediate.pem"), _pki.P("server-via-intermediate.pem"));
        Assert.AreEqual(0, exit, "openssl: " + output);
        var (alone, _) = Peer.Run("openssl", "verify", "-CAfile", _pki.P("ca.pem"), _pki.P("server-via-intermediate.pem"));
        Assert.AreNotEqual(0, alone, "without the intermediate the chain is incomplete");

        using var csms = new Csms(0, "secret", _pki.ServeDir("server-via-intermediate"));
        var (emu, http) = Box(csms, 2, true, false);
        using (emu) using (http)
        {
            csms.WaitCall("BootNotification", 30_000);
            var o = WaitOcpp(http, o => (string)o["bootStatus"] == "Accepted", "accepted through the intermediate");
            Assert.AreEqual(2, (int)o["securityProfile"]);
            Assert.IsNull(o["securityWarning"]);
        }
    }

    [TestMethod]
    public void Profile2WithoutACaConnectsButWarns()
    {
        using var csms = new Csms(0, "secret", _pki.ServeDir("server-other-ca"));
        var (emu, http) = Box(csms, 2, false, false);
        using (emu) using (http)
        {
            csms.WaitCall("BootNotification", 30_000);
            var o = WaitOcpp(http, o => (string)o["bootStatus"] == "Accepted", "accepted");
            StringAssert.Contains((string)o["securityWarning"], "not checked");
        }
    }

    [TestMethod]
    [DataRow("server-other-ca", "ca.pem", "another CA")]
    [DataRow("server-wrong-host", "ca.pem", "host name")]
    [DataRow("server-expired", "ca.pem", "an expired certificate")]
    public void AServerCertificateThatDoesNotFitIsRefused(string serverName, string caFile, string what)
    {
        using var csms = new Csms(0, "secret", _pki.ServeDir(serverName));
        var (emu, http) = Box(csms, 2, true, false, caFile);
        using (emu) using (http)
        {
            var o = WaitOcpp(http, o => ((string)o["lastError"]).Contains("server certificate refused"), what + " refused");
            Console.WriteLine(what + ": " + o["lastError"]);
            Assert.AreEqual(0, csms.Calls().Count, "nothing was sent over the refused link");
        }
    }

    [TestMethod]
    public void Profile3UsesTheClientCertificateAndNoPassword()
    {
        using var csms = new Csms(0, null, _pki.ServeDir("server"), requireClientCert: true);
        var (emu, http) = Box(csms, 3, true, true);
        using (emu) using (http)
        {
            csms.WaitCall("BootNotification", 30_000);
            var auth = csms.Events.Last(e => Csms.Event(e) == "auth");
            Assert.AreEqual("WB-1", (string)auth["clientCertCN"], "the certificate's CN is the ChargeBox ID");
            Assert.IsNull(auth["password"], "no Basic auth on profile 3");
        }
    }

    [TestMethod]
    public void Profile3WithAClientCertificateFromAnUnknownCaIsRefused()
    {
        using var csms = new Csms(0, null, _pki.ServeDir("server"), requireClientCert: true);
        var emu = EmulatorProcess.Start(null, "--ocpp-url", csms.Url, "--charge-box-id", "WB-1");
        using (emu)
        using (var http = emu.NewHttp())
        {
            Assert.AreEqual(200, (int)Put(http, "/api/certificates", new { ca = File.ReadAllText(_pki.P("ca.pem")),
                clientCertificate = File.ReadAllText(_pki.P("stranger.pem")), clientKey = File.ReadAllText(_pki.P("stranger-key.pem")) })["_status"]);
            Assert.AreEqual(200, (int)Put(http, "/api/config", new JsonObject { ["ocpp.securityProfile"] = 3 })["_status"]);
            Assert.IsTrue(http.PostAsync("/api/restart", new StringContent("")).Result.IsSuccessStatusCode);
            emu.WaitFor("rebooting", 10_000);
            Thread.Sleep(4000);
            WaitOcpp(http, o => ((string)o["lastError"]).Length > 0 && (string)o["connection"] != "connected", "refused");
            Assert.AreEqual(0, csms.Calls().Count, "the backend took no message from it");
            Assert.IsTrue(csms.Events.Any(e => Csms.Event(e) == "tlsError"), "the backend refused the handshake");
        }
    }

    [TestMethod]
    public void Profile3WithoutAClientCertificateIsRefused()
    {
        using var csms = new Csms(0, null, _pki.ServeDir("server"), requireClientCert: true);
        var (emu, http) = Box(csms, 2, true, false);   // presents no client certificate
        using (emu) using (http)
        {
            WaitOcpp(http, o => ((string)o["lastError"]).Length > 0, "refused");
            Assert.AreEqual(0, csms.Calls().Count);
        }
    }

    [TestMethod]
    public void AFailedAuthenticationIsReportedOnceConnected()
    {
        using var csms = new Csms(0, "not-yet");
        using var emu = EmulatorProcess.Start(null, "--ocpp-url", csms.Url, "--charge-box-id", "WB-1", "--ocpp-password", "secret");
        csms.WaitEvent(e => Csms.Event(e) == "auth", 20_000, "a refused attempt");
        csms.Command(new { cmd = "password", password = "secret" });
        var ev = csms.WaitCall("SecurityEventNotification", 40_000);
        Assert.AreEqual("FailedToAuthenticateAtCentralSystem", (string)ev["type"]);
        Assert.AreEqual(1, csms.Calls("SecurityEventNotification").Count(c => (string)c["params"]["type"] == "FailedToAuthenticateAtCentralSystem"), "once per streak");
    }

    [TestMethod]
    public void InstallCertificateAddsACentralSystemRoot()
    {
        using var csms = new Csms(0, "secret");
        using var emu = EmulatorProcess.Start(null, "--ocpp-url", csms.Url, "--charge-box-id", "WB-1", "--ocpp-password", "secret");
        using var http = emu.NewHttp();
        csms.WaitStatus("Available");
        string ca = File.ReadAllText(_pki.P("ca.pem"));
        Assert.AreEqual("Rejected", (string)csms.Call("InstallCertificate", new { certificateType = "CentralSystemRootCertificate", certificate = "not a certificate" })["status"]);
        Assert.AreEqual("Accepted", (string)csms.Call("InstallCertificate", new { certificateType = "CentralSystemRootCertificate", certificate = ca })["status"]);
        var stored = JsonNode.Parse(http.GetStringAsync("/api/certificates").Result);
        StringAssert.Contains((string)stored["ca"][0]["subject"], "Tiefgarage Köln Root CA");
        Assert.AreEqual("ReconfigurationOfSecurityParameters", (string)csms.WaitCall("SecurityEventNotification", 10_000)["type"]);

        // The ids, as .NET computes them for the same certificate.
        using var dotnet = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(ca);
        string H(byte[] b) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(b)).ToLowerInvariant();
        var ids = csms.Call("GetInstalledCertificateIds", new { certificateType = "CentralSystemRootCertificate" });
        Assert.AreEqual("Accepted", (string)ids["status"]);
        var id = ids["certificateHashData"][0];
        Assert.AreEqual(H(dotnet.IssuerName.RawData), (string)id["issuerNameHash"]);
        Assert.AreEqual(H(dotnet.GetPublicKey()), (string)id["issuerKeyHash"]);
        Assert.AreEqual(dotnet.SerialNumber.ToLowerInvariant().TrimStart('0'), (string)id["serialNumber"]);
        Assert.AreEqual("NotFound", (string)csms.Call("GetInstalledCertificateIds", new { certificateType = "ManufacturerRootCertificate" })["status"]);

        var wrong = new { hashAlgorithm = "SHA256", issuerNameHash = (string)id["issuerNameHash"], issuerKeyHash = (string)id["issuerKeyHash"], serialNumber = "abc" };
        Assert.AreEqual("NotFound", (string)csms.Call("DeleteCertificate", new { certificateHashData = wrong })["status"]);
        Assert.AreEqual("Accepted", (string)csms.Call("DeleteCertificate", new { certificateHashData = id })["status"]);
        Assert.AreEqual("NotFound", (string)csms.Call("GetInstalledCertificateIds", new { certificateType = "CentralSystemRootCertificate" })["status"]);
        Assert.AreEqual(0, JsonNode.Parse(http.GetStringAsync("/api/certificates").Result)["ca"].AsArray().Count);
    }

    [TestMethod]
    public void SecurityProfileIsOnlyRaisedAndOnlyWithItsPrerequisites()
    {
        using var csms = new Csms(0, "secret");
        using var emu = EmulatorProcess.Start(null, "--ocpp-url", csms.Url, "--charge-box-id", "WB-1", "--ocpp-password", "secret");
        csms.WaitStatus("Available");
        string Change(string v) => (string)csms.Call("ChangeConfiguration", new { key = "SecurityProfile", value = v })["status"];
        Assert.AreEqual("Rejected", Change("2"), "profile 2 needs wss:// and a CA");
        Assert.AreEqual("Rejected", Change("3"), "profile 3 needs a client certificate");
        Assert.AreEqual("Accepted", Change("1"), "a password is set: profile 1 is possible");
        var ev = csms.WaitCall("SecurityEventNotification", 20_000);
        Assert.AreEqual("ReconfigurationOfSecurityParameters", (string)ev["type"]);
        Assert.AreEqual(1, csms.Events.Count(e => Csms.Event(e) == "connected"), "the new profile waits for the backend's Reset");
        Assert.AreEqual("Accepted", (string)csms.Call("Reset", new { type = "Hard" })["status"]);
        csms.WaitEvent(e => Csms.Event(e) == "connected", 30_000, "reconnected with profile 1", 1);
        Assert.AreEqual("Rejected", Change("0"), "never lowered");
        var keys = csms.Call("GetConfiguration", new { key = new[] { "SecurityProfile" } });
        Assert.AreEqual("1", (string)keys["configurationKey"][0]["value"]);
    }

    [TestMethod]
    public void Sha256MatchesDotNet()
    {
        var rnd = new Random(7);
        foreach (int n in new[] { 0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 4097 })
        {
            var data = new byte[n];
            rnd.NextBytes(data);
            CollectionAssert.AreEqual(System.Security.Cryptography.SHA256.HashData(data), PowerBrain.Firmware.Security.Sha256.Hash(data, 0, n), $"{n} bytes");
        }
    }

    [TestMethod]
    public void CertificateUploadsAreCheckedDescribedAndTheKeyNeverShown()
    {
        using var emu = EmulatorProcess.Start();
        using var http = emu.NewHttp();
        var bad = Put(http, "/api/certificates", new { ca = "hello, I am not a certificate" });
        Assert.AreEqual(400, (int)bad["_status"]);
        StringAssert.Contains((string)bad["errors"]["ca"], "not PEM");
        var garbage = Put(http, "/api/certificates", new { ca = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n" });
        StringAssert.Contains((string)garbage["errors"]["ca"], "not an X.509 certificate");
        var wrongKind = Put(http, "/api/certificates", new { clientKey = File.ReadAllText(_pki.P("client.pem")) });
        StringAssert.Contains((string)wrongKind["errors"]["clientKey"], "PRIVATE KEY");
        // All or nothing: a good certificate is not stored beside a refused key.
        var half = Put(http, "/api/certificates", new { clientCertificate = File.ReadAllText(_pki.P("client.pem")), clientKey = "not a key" });
        Assert.AreEqual(400, (int)half["_status"]);
        Assert.IsNull(half["errors"]["clientCertificate"], "the certificate itself was fine");
        var after = JsonNode.Parse(http.GetStringAsync("/api/certificates").Result);
        Assert.AreEqual(0, after["clientCertificate"]?.AsArray().Count ?? 0, "nothing stored: " + after.ToJsonString());
        Assert.IsFalse((bool)after["clientKeySet"]);

        var ok = Put(http, "/api/certificates", new { ca = File.ReadAllText(_pki.P("ca.pem")), clientKey = File.ReadAllText(_pki.P("client-key.pem")) });
        Assert.AreEqual(200, (int)ok["_status"]);
        var ca = ok["ca"][0];
        Assert.AreEqual("C=DE, O=Tiefgarage Köln GmbH, CN=Tiefgarage Köln Root CA", (string)ca["subject"]);
        Assert.AreEqual((string)ca["subject"], (string)ca["issuer"]);
        Assert.IsFalse((bool)ca["expired"]);
        Assert.IsTrue(DateTime.Parse((string)ca["notAfter"]) > DateTime.UtcNow.AddDays(360));
        Assert.IsTrue((bool)ok["clientKeySet"]);
        var key = File.ReadAllText(_pki.P("client-key.pem"));
        string keyBody = key.Split('\n')[1];
        foreach (var path in new[] { "/api/certificates", "/api/status", "/api/config" })
            Assert.IsFalse(http.GetStringAsync(path).Result.Contains(keyBody), path + " shows the key");
        Assert.IsFalse(emu.Output.Contains(keyBody));
        Assert.AreEqual(0, ok["warnings"].AsArray().Count);
        var mismatched = Put(http, "/api/certificates", new { clientCertificate = File.ReadAllText(_pki.P("stranger.pem")) });
        Assert.AreEqual("the client key does not belong to the client certificate", (string)mismatched["warnings"][0], "a key of another pair is flagged");
        var matched = Put(http, "/api/certificates", new { clientCertificate = File.ReadAllText(_pki.P("client.pem")) });
        Assert.AreEqual(0, matched["warnings"].AsArray().Count, "the right pair has no warning");
        var del = http.DeleteAsync("/api/certificates?kind=clientKey").Result;
        Assert.IsTrue(del.IsSuccessStatusCode);
        Assert.IsFalse((bool)JsonNode.Parse(http.GetStringAsync("/api/certificates").Result)["clientKeySet"]);
    }
}
