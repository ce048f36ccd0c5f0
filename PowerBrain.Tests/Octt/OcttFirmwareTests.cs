using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Emulator;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Octt;

/// <summary>The OCTT Firmware Management cases this box covers: diagnostics uploads to real FTP
/// (pyftpdlib, passive mode) and HTTP (nginx, PUT) servers.</summary>
[TestClass]
public sealed class OcttFirmwareTests
{
    static void GetDiagnostics(FileServer server, string location)
    {
        using var t = new OcttRig();
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
}
