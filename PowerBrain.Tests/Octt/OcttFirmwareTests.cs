using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Emulator;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Octt;

/// <summary>The OCTT Firmware Management cases this box covers, with real FTP (pyftpdlib, passive
/// mode), HTTP and HTTPS (nginx, PUT) servers.</summary>
[TestClass]
public sealed class OcttFirmwareTests
{
    static void GetDiagnostics(FileServer server, string location, Pki trusted = null)
    {
        using var t = new OcttRig();
        if (trusted != null) TrustServerCa(t, trusted);
        t.Csms.Command(new { cmd = "password", hex = "30313233343536373839616263646566" });
        Assert.AreEqual("Accepted", t.Status("ChangeConfiguration", new { key = "AuthorizationKey", value = "30313233343536373839616263646566" }));
        t.WaitEvent(0, 20_000, "the reconnect with the new key", e => Csms.Event(e) == "auth" && (string)e["passwordHex"] == "30313233343536373839616263646566");
        t.WaitEvent(0, 20_000, "connected again", e => Csms.Event(e) == "connected" && t.Csms.Events.Count(x => Csms.Event(x) == "connected") >= 2);
        int m = t.Mark();
        var answer = t.Call("GetDiagnostics", new { location, retries = 1, retryInterval = 5 });
        string name = (string)answer["fileName"];
        Assert.IsFalse(string.IsNullOrEmpty(name), answer.ToJsonString());
        Assert.AreEqual("Uploading", (string)t.WaitCall("DiagnosticsStatusNotification", m)["status"]);
        t.WaitEvent(m, 30_000, "Uploaded", e => Csms.Event(e) == "call" && (string)e["action"] == "DiagnosticsStatusNotification" && (string)e["params"]["status"] == "Uploaded");
        var file = JsonNode.Parse(server.WaitFile("upload/" + name));
        Assert.AreEqual("WB-1", (string)file["ocpp"]["chargeBoxId"], "the diagnostics file");
        Assert.IsTrue(file["status"]["log"].AsArray().Count > 0, "with the log");
        Assert.IsFalse(file.ToJsonString().Contains("pb:secret"), "the location's password is not in the file");
        var password = file["settings"].AsArray().First(k => (string)k["key"] == "ocpp.password");
        Assert.IsNull(password["value"], "secrets only as isSet");
        var frames = file["ocppFrames"].AsArray();
        Assert.IsTrue(frames.Any(f => ((string)f["frame"]).Contains("GetDiagnostics")), "the last OCPP frames, with this request");
        Assert.IsFalse(frames.Any(f => ((string)f["frame"]).Contains("30313233343536373839616263646566")), "the key itself never");
        Assert.IsTrue(file["decisions"].AsArray().Count >= 1, "the arbiter's decisions");
    }

    [TestMethod]
    public void TC_045_1_GetDiagnosticsOverFtp()
    {
        using var ftp = FileServer.Ftp();
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(ftp.Files, "upload"));
        GetDiagnostics(ftp, $"ftp://pb:secret@127.0.0.1:{ftp.Port}/upload/");
    }

    [TestMethod]
    public void TC_045_1_GetDiagnosticsOverHttp()
    {
        using var http = FileServer.Http();
        GetDiagnostics(http, $"http://127.0.0.1:{http.Port}/upload/");
    }

    [TestMethod]
    public void TC_045_1_GetDiagnosticsOverHttps()
    {
        using var pki = new Pki();
        using var https = FileServer.Https(pki, "server");
        GetDiagnostics(https, $"https://127.0.0.1:{https.Port}/upload/", pki);
    }

    /// <summary>The backend installs the CA the file server's certificate chains to (the box checks
    /// https:// locations against its stored CAs, as it checks wss://).</summary>
    static void TrustServerCa(OcttRig t, Pki pki) =>
        Assert.AreEqual("Accepted", t.Status("InstallCertificate", new { certificateType = "CentralSystemRootCertificate", certificate = System.IO.File.ReadAllText(pki.P("ca.pem")) }));

    /// <summary>startTime/stopTime bound the log lines (and sessions) in the file: a window that ends
    /// before the box started has none of its lines; an open one has them all.</summary>
    [TestMethod]
    public void ADiagnosticsWindowBoundsTheLogLines()
    {
        using var http = FileServer.Http();
        using var t = new OcttRig();
        var first = t.Call("GetDiagnostics", new { location = $"http://127.0.0.1:{http.Port}/before/", stopTime = System.DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ") });
        var before = JsonNode.Parse(http.WaitFile("before/" + (string)first["fileName"]));
        Assert.AreEqual(0, before["status"]["log"].AsArray().Count, "no line was written an hour ago");
        t.WaitEvent(0, 20_000, "Uploaded", e => Csms.Event(e) == "call" && (string)e["action"] == "DiagnosticsStatusNotification" && (string)e["params"]["status"] == "Uploaded");
        var answer = t.Call("GetDiagnostics", new { location = $"http://127.0.0.1:{http.Port}/open/", startTime = System.DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ") });
        var open = JsonNode.Parse(http.WaitFile("open/" + (string)answer["fileName"]));
        Assert.IsTrue(open["status"]["log"].AsArray().Any(l => ((string)l).Contains("boot accepted")), "the lines since an hour ago");
    }

    [TestMethod]
    public void TC_045_2_DiagnosticsUploadFailed()
    {
        using var t = new OcttRig();
        int m = t.Mark();
        int closed = EmulatorProcess.FreePort();
        Assert.IsNotNull(t.Call("GetDiagnostics", new { location = $"ftp://127.0.0.1:{closed}/upload/", retries = 1, retryInterval = 2 })["fileName"]);
        t.WaitEvent(m, 40_000, "UploadFailed", e => Csms.Event(e) == "call" && (string)e["action"] == "DiagnosticsStatusNotification" && (string)e["params"]["status"] == "UploadFailed");
        var statuses = t.Csms.Calls("DiagnosticsStatusNotification").Select(c => (string)c["params"]["status"]).ToArray();
        CollectionAssert.AreEqual(new[] { "Uploading", "Uploading", "UploadFailed" }, statuses, "one try, one retry, then failed");
        Assert.AreEqual("Accepted", t.Status("ChangeConfiguration", new { key = "MeterValueSampleInterval", value = "30" }), "the box carries on");
    }

    /// <summary>A package made with tools/device/package.py from stand-in .pe files (the emulator keeps
    /// the files and reports the version; an ESP32's boot assembly would load them).</summary>
    static string MakePackage(string dir, string name, string version, bool spoil = false)
    {
        var a = System.IO.Path.Combine(dir, "PowerBrain.Core.pe");
        var b = System.IO.Path.Combine(dir, "PowerBrain.Firmware.pe");
        System.IO.File.WriteAllBytes(a, System.Text.Encoding.UTF8.GetBytes("stand-in core " + version));
        System.IO.File.WriteAllBytes(b, new byte[3000]);
        string path = System.IO.Path.Combine(dir, name);
        var (exit, output) = Peer.Run(Peer.Python, System.IO.Path.Combine(RepoPaths.Root, "tools", "device", "package.py"), path, version, "1.17.0.30", a, b);
        Assert.AreEqual(0, exit, output);
        if (spoil)
        {
            var bytes = System.IO.File.ReadAllBytes(path);
            bytes[^1] ^= 0xFF;   // the last file no longer has its SHA-256
            System.IO.File.WriteAllBytes(path, bytes);
        }
        return path;
    }

    static System.Collections.Generic.List<string> FirmwareStatuses(OcttRig t) =>
        t.Csms.Calls("FirmwareStatusNotification").Select(c => (string)c["params"]["status"]).ToList();

    static void WaitFirmwareStatus(OcttRig t, int after, string status, int timeoutMs = 30_000) =>
        t.WaitEvent(after, timeoutMs, "FirmwareStatusNotification " + status, e => Csms.Event(e) == "call" && (string)e["action"] == "FirmwareStatusNotification" && (string)e["params"]["status"] == status);

    static void InstallFrom(FileServer server, string location, Pki trusted = null)
    {
        MakePackage(server.Files, "powerbrain-9.9.9.pbpkg", "9.9.9");
        using var t = new OcttRig();
        if (trusted != null) TrustServerCa(t, trusted);
        int m = t.Mark();
        t.Call("UpdateFirmware", new { location, retrieveDate = System.DateTime.UtcNow.AddSeconds(-1).ToString("yyyy-MM-ddTHH:mm:ssZ") });
        WaitFirmwareStatus(t, m, "Installing");
        var boot = t.WaitEvent(m, 40_000, "the boot of the new version", e => Csms.Event(e) == "call" && (string)e["action"] == "BootNotification");
        Assert.AreEqual("9.9.9", (string)boot["params"]["firmwareVersion"]);
        WaitFirmwareStatus(t, m, "Installed", 40_000);
        CollectionAssert.AreEqual(new[] { "Downloading", "Downloaded", "Installing", "Installed" }, FirmwareStatuses(t).ToArray());
        Assert.AreEqual("9.9.9", (string)t.Rig.Status()["firmware"]["version"]);
    }

    [TestMethod]
    public void TC_044_1_FirmwareDownloadAndInstallOverHttp()
    {
        using var http = FileServer.Http();
        InstallFrom(http, $"http://127.0.0.1:{http.Port}/powerbrain-9.9.9.pbpkg");
    }

    [TestMethod]
    public void TC_044_1_FirmwareDownloadAndInstallOverFtp()
    {
        using var ftp = FileServer.Ftp();
        InstallFrom(ftp, $"ftp://pb:secret@127.0.0.1:{ftp.Port}/powerbrain-9.9.9.pbpkg");
    }

    [TestMethod]
    public void TC_044_1_FirmwareDownloadAndInstallOverHttps()
    {
        using var pki = new Pki();
        using var https = FileServer.Https(pki, "server");
        InstallFrom(https, $"https://127.0.0.1:{https.Port}/powerbrain-9.9.9.pbpkg", pki);
    }

    /// <summary>https:// is checked like wss://: a server whose certificate does not chain to a stored
    /// CA, or no CA stored at all, is a failed download and nothing is installed.</summary>
    [TestMethod]
    public void AnHttpsServerTheBoxCannotCheckIsNotTrusted()
    {
        using var pki = new Pki();
        using var https = FileServer.Https(pki, "server-other-ca");
        MakePackage(https.Files, "powerbrain-9.9.9.pbpkg", "9.9.9");
        using var t = new OcttRig();
        string location = $"https://127.0.0.1:{https.Port}/powerbrain-9.9.9.pbpkg";
        int m = t.Mark();
        t.Call("UpdateFirmware", new { location, retries = 0, retrieveDate = System.DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ") });
        WaitFirmwareStatus(t, m, "DownloadFailed");
        StringAssert.Contains(t.Rig.Emu.Output, "https needs a CA certificate stored on the box", "no CA stored");
        TrustServerCa(t, pki);
        m = t.Mark();
        t.Call("UpdateFirmware", new { location, retries = 0, retrieveDate = System.DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ") });
        WaitFirmwareStatus(t, m, "DownloadFailed");
        StringAssert.Contains(t.Rig.Emu.Output, "the server's certificate was refused", "a CA that is not ours");
        Assert.AreEqual(1, t.Csms.Calls("BootNotification").Count, "nothing installed, no restart");
        Assert.AreEqual("0.1.1", (string)t.Rig.Status()["firmware"]["version"]);
    }

    [TestMethod]
    public void TC_044_2_DownloadFailed()
    {
        using var http = FileServer.Http();
        using var t = new OcttRig();
        int m = t.Mark();
        t.Call("UpdateFirmware", new { location = $"http://127.0.0.1:{http.Port}/does_not_exist_powerbrain.pbpkg", retries = 0, retrieveDate = System.DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ") });
        WaitFirmwareStatus(t, m, "DownloadFailed");
        CollectionAssert.AreEqual(new[] { "Downloading", "DownloadFailed" }, FirmwareStatuses(t).ToArray());
        Assert.AreEqual("0.1.1", (string)t.Rig.Status()["firmware"]["version"], "the old firmware stays");
        Assert.AreEqual("Available", (string)t.Rig.Status()["connector"]["status"]);
    }

    [TestMethod]
    public void TC_044_3_InstallationFailed()
    {
        using var http = FileServer.Http();
        MakePackage(http.Files, "broken.pbpkg", "9.9.9", spoil: true);
        using var t = new OcttRig();
        int m = t.Mark();
        t.Call("UpdateFirmware", new { location = $"http://127.0.0.1:{http.Port}/broken.pbpkg", retrieveDate = System.DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ") });
        WaitFirmwareStatus(t, m, "InstallationFailed");
        CollectionAssert.AreEqual(new[] { "Downloading", "Downloaded", "Installing", "InstallationFailed" }, FirmwareStatuses(t).ToArray());
        StringAssert.Contains(t.Rig.Emu.Output, "SHA-256 does not match");
        Assert.AreEqual(1, t.Csms.Calls("BootNotification").Count, "no restart");
    }

    /// <summary>A broken N+1: the new version never reaches an Accepted boot (the backend rejects it
    /// and the box is power-cycled, as a crash loop would); after three starts the old version is back
    /// and the backend hears InstallationFailed.</summary>
    [TestMethod]
    public void ANewVersionThatNeverBootsIsRolledBack()
    {
        using var http = FileServer.Http();
        MakePackage(http.Files, "powerbrain-9.9.9.pbpkg", "9.9.9");
        using var t = new OcttRig();
        int m = t.Mark();
        t.Call("UpdateFirmware", new { location = $"http://127.0.0.1:{http.Port}/powerbrain-9.9.9.pbpkg", retrieveDate = System.DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ") });
        WaitFirmwareStatus(t, m, "Installing");
        t.Csms.SetBoot("Rejected", 300);
        for (int start = 1; start <= 3; start++)
        {
            int before = t.Mark();
            var boot = t.WaitEvent(before, 40_000, "a boot of 9.9.9", e => Csms.Event(e) == "call" && (string)e["action"] == "BootNotification");
            Assert.AreEqual("9.9.9", (string)boot["params"]["firmwareVersion"], "start " + start);
            t.PowerCycle();
        }
        t.Csms.SetBoot("Accepted", 300);
        int last = t.Mark();
        var back = t.WaitEvent(last, 40_000, "the boot after the rollback", e => Csms.Event(e) == "call" && (string)e["action"] == "BootNotification");
        Assert.AreEqual("0.1.1", (string)back["params"]["firmwareVersion"], "the old version is back");
        WaitFirmwareStatus(t, last, "InstallationFailed");
    }

    /// <summary>The "during a transaction (it waits)": downloaded while charging, installed once it ends.</summary>
    [TestMethod]
    public void AnUpdateWaitsForTheTransactionToEnd()
    {
        using var http = FileServer.Http();
        MakePackage(http.Files, "powerbrain-9.9.9.pbpkg", "9.9.9");
        using var t = new OcttRig();
        var (_, id) = t.StartCharging();
        int m = t.Mark();
        t.Call("UpdateFirmware", new { location = $"http://127.0.0.1:{http.Port}/powerbrain-9.9.9.pbpkg", retrieveDate = System.DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ") });
        WaitFirmwareStatus(t, m, "Downloaded");
        OcttRig.Quiet(2000);
        Assert.IsFalse(FirmwareStatuses(t).Contains("Installing"), "never during a transaction");
        Assert.AreEqual("Accepted", t.Status("RemoteStopTransaction", new { transactionId = id }));
        t.WaitCall("StopTransaction", m);
        WaitFirmwareStatus(t, m, "Installed", 40_000);
    }

    /// <summary>openssl makes a manufacturer root, a firmware signing certificate it signs, and the
    /// signature over a package: RSA-2048 with PKCS#1 v1.5 by default, RSA-PSS (the certificate and
    /// the package signature) or ECDSA P-256, always SHA-256.</summary>
    sealed class Signing : System.IDisposable
    {
        public readonly string Dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pb-sign-" + System.Guid.NewGuid().ToString("N"));
        public string P(string name) => System.IO.Path.Combine(Dir, name);
        readonly string[] _padding;

        public Signing(string kind = "rsa")
        {
            System.IO.Directory.CreateDirectory(Dir);
            string[] key = kind == "ec" ? new[] { "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1" } : new[] { "-newkey", "rsa:2048" };
            _padding = kind == "pss" ? new[] { "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32" } : new string[0];
            Ssl([.. new[] { "req", "-x509" }, .. key, "-nodes", "-keyout", P("root-key.pem"), "-out", P("root.pem"), "-days", "30", "-sha256", "-subj", "/O=PowerBrain/CN=PowerBrain Manufacturer Root"]);
            Ssl([.. new[] { "req" }, .. key, "-nodes", "-keyout", P("signer-key.pem"), "-out", P("signer.csr"), "-subj", "/O=PowerBrain/CN=PowerBrain Firmware Signing"]);
            Ssl([.. new[] { "x509", "-req", "-in", P("signer.csr"), "-CA", P("root.pem"), "-CAkey", P("root-key.pem"), "-CAcreateserial", "-days", "30", "-sha256", "-out", P("signer.pem") }, .. _padding]);
        }

        public string Sign(string file)
        {
            Ssl([.. new[] { "dgst", "-sha256", "-sign", P("signer-key.pem") }, .. _padding, "-out", P("signature.bin"), file]);
            return System.Convert.ToBase64String(System.IO.File.ReadAllBytes(P("signature.bin")));
        }

        static void Ssl(params string[] args)
        {
            var (exit, output) = Peer.Run("openssl", args);
            Assert.AreEqual(0, exit, "openssl " + string.Join(" ", args) + ": " + output);
        }

        public void Dispose() { try { System.IO.Directory.Delete(Dir, true); } catch (System.IO.IOException) { } }
    }

    static System.Collections.Generic.List<string> SignedStatuses(OcttRig t, int requestId) =>
        t.Csms.Calls("SignedFirmwareStatusNotification").Where(c => (int?)c["params"]["requestId"] == requestId).Select(c => (string)c["params"]["status"]).ToList();

    static void WaitSignedStatus(OcttRig t, int after, string status, int timeoutMs = 40_000) =>
        t.WaitEvent(after, timeoutMs, "SignedFirmwareStatusNotification " + status, e => Csms.Event(e) == "call" && (string)e["action"] == "SignedFirmwareStatusNotification" && (string)e["params"]["status"] == status);

    static object SignedRequest(int requestId, string location, string certificate, string signature) => new
    {
        requestId,
        firmware = new { location, retrieveDateTime = System.DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"), signingCertificate = certificate, signature },
    };

    [TestMethod]
    public void TC_080_SecureFirmwareUpdate() => SecureUpdate("rsa");

    /// <summary>The other signatures the whitepaper's certificates use: ECDSA P-256 and RSA-PSS, each for
    /// the signing certificate and the package.</summary>
    [TestMethod]
    [DataRow("ec")]
    [DataRow("pss")]
    public void TC_080_SecureFirmwareUpdateSignedWith(string kind) => SecureUpdate(kind);

    static void SecureUpdate(string kind)
    {
        using var keys = new Signing(kind);
        Assert.AreEqual(0, Peer.Run("openssl", "verify", "-CAfile", keys.P("root.pem"), keys.P("signer.pem")).Exit, "openssl accepts the chain");
        using var http = FileServer.Http();
        string package = MakePackage(http.Files, "powerbrain-9.9.9.pbpkg", "9.9.9");
        using var t = new OcttRig();
        Assert.AreEqual("Accepted", t.Status("InstallCertificate", new { certificateType = "ManufacturerRootCertificate", certificate = System.IO.File.ReadAllText(keys.P("root.pem")) }));
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("SignedUpdateFirmware", SignedRequest(80, $"http://127.0.0.1:{http.Port}/powerbrain-9.9.9.pbpkg",
                                                                                     System.IO.File.ReadAllText(keys.P("signer.pem")), keys.Sign(package))));
        WaitSignedStatus(t, m, "Installed", 60_000);
        CollectionAssert.AreEqual(new[] { "Downloading", "Downloaded", "SignatureVerified", "Installing", "Installed" }, SignedStatuses(t, 80).ToArray());
        Assert.AreEqual("9.9.9", (string)t.Csms.Calls("BootNotification").Last()["params"]["firmwareVersion"]);
    }

    [TestMethod]
    public void TC_081_InvalidFirmwareSignature()
    {
        using var keys = new Signing();
        using var http = FileServer.Http();
        string package = MakePackage(http.Files, "powerbrain-9.9.9.pbpkg", "9.9.9");
        string signature = keys.Sign(package);
        System.IO.File.AppendAllText(package, " ");   // the package changes after it was signed
        using var t = new OcttRig();
        Assert.AreEqual("Accepted", t.Status("InstallCertificate", new { certificateType = "ManufacturerRootCertificate", certificate = System.IO.File.ReadAllText(keys.P("root.pem")) }));
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("SignedUpdateFirmware", SignedRequest(81, $"http://127.0.0.1:{http.Port}/powerbrain-9.9.9.pbpkg",
                                                                                     System.IO.File.ReadAllText(keys.P("signer.pem")), signature)));
        WaitSignedStatus(t, m, "InvalidSignature");
        var ev = t.WaitEvent(m, 20_000, "the security event", e => Csms.Event(e) == "call" && (string)e["action"] == "SecurityEventNotification" && (string)e["params"]["type"] == "InvalidFirmwareSignature");
        CollectionAssert.AreEqual(new[] { "Downloading", "Downloaded", "InvalidSignature" }, SignedStatuses(t, 81).ToArray());
        Assert.AreEqual(1, t.Csms.Calls("BootNotification").Count, "nothing installed, no restart");
    }

    [TestMethod]
    public void ASigningCertificateNoStoredRootSignedIsRefused()
    {
        using var keys = new Signing();
        using var other = new Signing();
        using var t = new OcttRig();
        Assert.AreEqual("Accepted", t.Status("InstallCertificate", new { certificateType = "ManufacturerRootCertificate", certificate = System.IO.File.ReadAllText(other.P("root.pem")) }));
        int m = t.Mark();
        Assert.AreEqual("InvalidCertificate", t.Status("SignedUpdateFirmware", SignedRequest(82, "http://127.0.0.1:1/x.pbpkg",
                                                                                             System.IO.File.ReadAllText(keys.P("signer.pem")), "AAAA")));
        t.WaitEvent(m, 20_000, "the security event", e => Csms.Event(e) == "call" && (string)e["action"] == "SecurityEventNotification" && (string)e["params"]["type"] == "InvalidFirmwareSigningCertificate");
    }
}
