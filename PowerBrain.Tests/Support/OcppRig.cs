using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json.Nodes;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Emulator;

namespace PowerBrain.Tests.Support;

/// <summary>The emulator process connected to the strict ocpp-rpc CSMS, with its HTTP API at hand.</summary>
public sealed class OcppRig : IDisposable
{
    public Csms Csms;
    public EmulatorProcess Emu;
    public HttpClient Http;
    public readonly string Data = Path.Combine(Path.GetTempPath(), "pb-ocpp-" + Guid.NewGuid().ToString("N"));

    public OcppRig(string bootStatus = "Accepted", int interval = 300, string password = "secret", params string[] extra)
    {
        Csms = new Csms(0, password);
        Csms.SetBoot(bootStatus, interval);
        StartEmulator(extra.Length > 0 ? extra : new[] { "--id-tag", "FREE" });
    }

    public void StartEmulator(params string[] extra)
    {
        var args = new List<string> { "--ocpp-url", Csms.Url, "--charge-box-id", "WB-1", "--ocpp-password", "secret" };
        args.AddRange(extra);
        Emu = EmulatorProcess.Start(Data, args.ToArray());
        Http?.Dispose();
        Http = Emu.NewHttp();
    }

    public void Post(string path, string body = "")
    {
        var r = Http.PostAsync(path, new StringContent(body)).Result;
        Assert.IsTrue(r.IsSuccessStatusCode, path + ": " + r.Content.ReadAsStringAsync().Result);
    }

    public JsonObject Status() => (JsonObject)JsonNode.Parse(Http.GetStringAsync("/api/status").Result);

    public void Configure(string key, string value) =>
        Assert.AreEqual("Accepted", (string)Csms.Call("ChangeConfiguration", new { key, value })["status"]);

    public void Dispose()
    {
        Http?.Dispose();
        Emu?.Dispose();
        Csms?.Dispose();
        try { Directory.Delete(Data, true); } catch (IOException) { }
    }
}
