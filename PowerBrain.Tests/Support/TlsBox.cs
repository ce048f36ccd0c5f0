using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Emulator;

namespace PowerBrain.Tests.Support;

/// <summary>The emulator set up for a security profile with certificates made by openssl (Pki).</summary>
public static class TlsBox
{
    public static JsonObject Put(HttpClient http, string path, object body)
    {
        var r = http.PutAsync(path, new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json")).Result;
        var j = (JsonObject)JsonNode.Parse(r.Content.ReadAsStringAsync().Result);
        j["_status"] = (int)r.StatusCode;
        return j;
    }

    /// <summary>The emulator pointed at the backend with a profile and the stored material, restarted so it applies.</summary>
    public static (EmulatorProcess, HttpClient) Start(Pki pki, Csms csms, int profile, bool ca, bool clientPair, string caFile = "ca.pem", string password = "secret")
    {
        var emu = EmulatorProcess.Start(null, "--ocpp-url", csms.Url, "--charge-box-id", "WB-1", "--ocpp-password", password);
        var http = emu.NewHttp();
        if (ca) Assert.AreEqual(200, (int)Put(http, "/api/certificates", new { ca = File.ReadAllText(pki.P(caFile)) })["_status"]);
        if (clientPair)
            Assert.AreEqual(200, (int)Put(http, "/api/certificates", new { clientCertificate = File.ReadAllText(pki.P("client.pem")), clientKey = File.ReadAllText(pki.P("client-key.pem")) })["_status"]);
        Assert.AreEqual(200, (int)Put(http, "/api/config", new JsonObject { ["ocpp.securityProfile"] = profile })["_status"]);
        Assert.IsTrue(http.PostAsync("/api/restart", new StringContent("")).Result.IsSuccessStatusCode);
        emu.WaitFor("rebooting", 10_000);
        return (emu, http);
    }

    /// <summary>Polls the status page's ocpp part until it satisfies the condition (30 s).</summary>
    public static JsonObject WaitOcpp(HttpClient http, Func<JsonObject, bool> until, string what)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var s = (JsonObject)JsonNode.Parse(http.GetStringAsync("/api/status").Result);
                if (until((JsonObject)s["ocpp"])) return (JsonObject)s["ocpp"];
                if (sw.ElapsedMilliseconds > 30_000) throw new TimeoutException(what + ": " + s["ocpp"].ToJsonString());
            }
            catch (Exception e) when (e is AggregateException or System.Text.Json.JsonException && sw.ElapsedMilliseconds < 30_000) { /* restarting */ }
            Thread.Sleep(200);
        }
    }
}
