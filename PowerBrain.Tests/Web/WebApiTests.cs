using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Emulator;

namespace PowerBrain.Tests.Web;

/// <summary>The web API's protection and the settings API, over real HTTP against the emulator.</summary>
[TestClass]
public sealed class WebApiTests
{
    static HttpClient Anonymous(EmulatorProcess emu) => new() { BaseAddress = new Uri($"http://127.0.0.1:{emu.HttpPort}/") };

    static (HttpStatusCode, JsonObject) Send(HttpClient http, HttpMethod method, string path, string json = null, string csrf = null, string origin = null)
    {
        var m = new HttpRequestMessage(method, path);
        if (json != null) m.Content = new StringContent(json, Encoding.UTF8, "application/json");
        if (csrf != null) m.Headers.Add("X-CSRF-Token", csrf);
        if (origin != null) m.Headers.Add("Origin", origin);
        var r = http.SendAsync(m).Result;
        var text = r.Content.ReadAsStringAsync().Result;
        return (r.StatusCode, text.Length > 0 && text[0] == '{' ? (JsonObject)JsonNode.Parse(text) : null);
    }

    [TestMethod]
    public void FirstRunSetupThenSessionCookieWithCsrf()
    {
        using var emu = EmulatorProcess.Start(null, "--no-admin-password");
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AutomaticDecompression = DecompressionMethods.GZip };
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{emu.HttpPort}/") };

        Assert.AreEqual(HttpStatusCode.OK, http.GetAsync("/").Result.StatusCode, "the page itself is public");
        var (code, body) = Send(http, HttpMethod.Get, "/api/status");
        Assert.AreEqual(HttpStatusCode.Unauthorized, code);
        Assert.AreEqual(true, (bool)Send(http, HttpMethod.Get, "/api/session").Item2["setup"]);
        Assert.AreEqual(HttpStatusCode.Conflict, Send(http, HttpMethod.Post, "/api/login", "{\"password\":\"x\"}").Item1, "no login before the first password");
        Assert.AreEqual(HttpStatusCode.BadRequest, Send(http, HttpMethod.Post, "/api/setup", "{\"password\":\"short\"}").Item1, "too short");
        (code, body) = Send(http, HttpMethod.Post, "/api/setup", "{\"password\":\"correct horse\"}");
        Assert.AreEqual(HttpStatusCode.OK, code);
        string csrf = (string)body["csrf"];
        var cookie = handler.CookieContainer.GetCookies(http.BaseAddress).Single();
        Assert.AreEqual("pb_session", cookie.Name);
        Assert.IsTrue(cookie.HttpOnly);
        Assert.AreEqual(HttpStatusCode.Conflict, Send(http, HttpMethod.Post, "/api/setup", "{\"password\":\"another one\"}", csrf).Item1, "only once");

        Assert.AreEqual(HttpStatusCode.OK, Send(http, HttpMethod.Get, "/api/status").Item1, "the cookie logs in");
        Assert.AreEqual(HttpStatusCode.Forbidden, Send(http, HttpMethod.Put, "/api/config", "{\"ocpp.idTag\":\"X1\"}").Item1, "no CSRF token");
        Assert.AreEqual(HttpStatusCode.Forbidden, Send(http, HttpMethod.Put, "/api/config", "{\"ocpp.idTag\":\"X1\"}", "wrong").Item1);
        Assert.AreEqual(HttpStatusCode.Forbidden, Send(http, HttpMethod.Put, "/api/config", "{\"ocpp.idTag\":\"X1\"}", csrf, "http://evil.example").Item1, "cross-origin");
        Assert.AreEqual(HttpStatusCode.OK, Send(http, HttpMethod.Put, "/api/config", "{\"ocpp.idTag\":\"X1\"}", csrf, $"http://127.0.0.1:{emu.HttpPort}").Item1);

        Assert.AreEqual(HttpStatusCode.OK, Send(http, HttpMethod.Post, "/api/logout", null, csrf).Item1);
        Assert.AreEqual(HttpStatusCode.Unauthorized, Send(http, HttpMethod.Get, "/api/status").Item1, "logged out");
        StringAssert.DoesNotMatch(emu.Output, new System.Text.RegularExpressions.Regex("correct horse"), "never in the log");
        Assert.IsFalse(File.ReadAllText(Path.Combine(emu.DataFolder, "admin.json")).Contains("correct horse"), "stored as a salted hash");
    }

    [TestMethod]
    public void WrongPasswordsSlowTheNextAttempts()
    {
        using var emu = EmulatorProcess.Start();
        using var http = Anonymous(emu);
        Assert.AreEqual(HttpStatusCode.Unauthorized, Send(http, HttpMethod.Post, "/api/login", "{\"password\":\"nope1\"}").Item1);
        var r = http.PostAsync("/api/login", new StringContent("{\"password\":\"" + EmulatorProcess.AdminPassword + "\"}")).Result;
        Assert.AreEqual((HttpStatusCode)429, r.StatusCode, "even the right password waits after a wrong one");
        Assert.IsTrue(r.Headers.RetryAfter != null);
        System.Threading.Thread.Sleep(1100);
        Assert.AreEqual(HttpStatusCode.OK, Send(http, HttpMethod.Post, "/api/login", "{\"password\":\"" + EmulatorProcess.AdminPassword + "\"}").Item1);
    }

    [TestMethod]
    public void SettingsAreValidatedAllOrNothingAndSecretsNeverShown()
    {
        using var emu = EmulatorProcess.Start();
        using var http = emu.NewHttp();
        var (code, body) = Send(http, HttpMethod.Put, "/api/config",
            "{\"ocpp.url\":\"http://wrong\",\"ocpp.chargeBoxId\":\"has space\",\"charging.maxDeciA\":900,\"modbus.slaveId\":0,\"ocpp.idTag\":\"OK1\"}");
        Assert.AreEqual(HttpStatusCode.BadRequest, code);
        var errors = body["errors"].AsObject();
        StringAssert.Contains((string)errors["ocpp.url"], "ws:// or wss://");
        StringAssert.Contains((string)errors["ocpp.chargeBoxId"], "space");
        StringAssert.Contains((string)errors["charging.maxDeciA"], "between 6.0 A and 80.0 A");
        StringAssert.Contains((string)errors["modbus.slaveId"], "between 1 and 247");
        var cfg = Send(http, HttpMethod.Get, "/api/config").Item2["settings"].AsArray();
        Assert.AreEqual("", (string)cfg.Single(s => (string)s["key"] == "ocpp.idTag")["value"], "nothing was saved");

        (code, body) = Send(http, HttpMethod.Put, "/api/config", "{\"ocpp.password\":\"s3cret-pw\",\"ocpp.idTag\":\"OK1\",\"charging.maxDeciA\":320}");
        Assert.AreEqual(HttpStatusCode.OK, code);
        Assert.IsTrue((bool)body["restartNeeded"], "the OCPP password takes effect after a restart");
        cfg = Send(http, HttpMethod.Get, "/api/config").Item2["settings"].AsArray();
        var pw = cfg.Single(s => (string)s["key"] == "ocpp.password");
        Assert.IsTrue((bool)pw["isSet"]);
        Assert.IsNull(pw["value"]);
        foreach (var path in new[] { "/api/config", "/api/status", "/" })
            Assert.IsFalse(http.GetStringAsync(path).Result.Contains("s3cret-pw"), path + " shows the password");
        Assert.IsFalse(emu.Output.Contains("s3cret-pw"), "the log shows the password");

        var big = "{\"ocpp.idTag\":\"" + new string('x', 20000) + "\"}";
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, Send(http, HttpMethod.Put, "/api/config", big).Item1);
        Assert.AreEqual(HttpStatusCode.BadRequest, Send(http, HttpMethod.Put, "/api/config", "{not json").Item1);

        Assert.AreEqual(0, emu.Interrupt());
        using var again = EmulatorProcess.Start(emu.DataFolder);
        using var http2 = again.NewHttp();
        cfg = Send(http2, HttpMethod.Get, "/api/config").Item2["settings"].AsArray();
        Assert.AreEqual("OK1", (string)cfg.Single(s => (string)s["key"] == "ocpp.idTag")["value"], "kept over a restart");
        Assert.AreEqual(320, (int)cfg.Single(s => (string)s["key"] == "charging.maxDeciA")["value"]);
    }

    static byte[] PageGzip() => Enumerable.Range(0, PowerBrain.Firmware.Web.Page.Pieces)
        .SelectMany(i => Convert.FromBase64String(PowerBrain.Firmware.Web.Page.Piece(i))).ToArray();

    [TestMethod]
    public void ThePageFitsTheDevice()
    {
        var packed = PageGzip();
        using var inflate = new System.IO.Compression.GZipStream(new MemoryStream(packed), System.IO.Compression.CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        inflate.CopyTo(inflated);
        var html = Encoding.UTF8.GetString(inflated.ToArray());
        Assert.IsTrue(inflated.Length <= 24 * 1024, $"{inflated.Length} bytes uncompressed");
        Assert.AreEqual(PowerBrain.Firmware.Web.Page.HtmlBytes, inflated.Length);
        Assert.IsTrue(packed.Length < inflated.Length / 2, $"{packed.Length} bytes compressed");
        var source = File.ReadAllText(Path.Combine(Support.RepoPaths.Root, "PowerBrain.Web", "Web", "page.html"));
        Assert.AreEqual(source, html, "Page.cs is stale: run tools/embed-page.py");
        StringAssert.DoesNotMatch(html, new System.Text.RegularExpressions.Regex("https?://"), "no external resources");
    }

    [TestMethod]
    public void ThePageGoesOutGzipCompressedAndAClientRefusingGzipIsToldWhy()
    {
        using var emu = EmulatorProcess.Start();
        using var raw = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{emu.HttpPort}/") };
        var page = raw.GetAsync("/").Result;
        Assert.AreEqual(HttpStatusCode.OK, page.StatusCode);
        CollectionAssert.AreEqual(new[] { "gzip" }, page.Content.Headers.ContentEncoding.ToArray());
        var body = page.Content.ReadAsByteArrayAsync().Result;
        CollectionAssert.AreEqual(PageGzip(), body, "the stored bytes, sent as they are");

        var identityOnly = new HttpRequestMessage(HttpMethod.Get, "/");
        identityOnly.Headers.TryAddWithoutValidation("Accept-Encoding", "identity");
        var refused = raw.SendAsync(identityOnly).Result;
        Assert.AreEqual(HttpStatusCode.NotAcceptable, refused.StatusCode);
        StringAssert.Contains(refused.Content.ReadAsStringAsync().Result, "curl --compressed");
    }
}
