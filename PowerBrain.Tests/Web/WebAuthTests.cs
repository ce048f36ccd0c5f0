using System;
using System.Text;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Web;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Web;

/// <summary>The admin password's key derivation runs off the core loop, once per password: HTTP
/// Basic polling does not stall charging and Modbus. Desktop only: the Linux nanoCLR has no HMAC.</summary>
[TestClass]
public sealed class WebAuthTests
{
    const string Password = "a good admin password";

    sealed class Request(string method, string url, string authorization, string body = "") : IHttpRequest
    {
        public string Method => method;
        public string RawUrl => url;
        public string Header(string name) => name == "Authorization" ? authorization : null;
        public byte[] ReadBody(int maxBytes, out string broken) { broken = null; return Encoding.UTF8.GetBytes(body); }
    }

    sealed class Response : IHttpResponse
    {
        public int Status;
        public void SetHeader(string name, string value) { }
        public void Send(int statusCode, string contentType, byte[] body, int offset, int count) => Status = statusCode;
        public void Begin(int statusCode, string contentType, int length) => Status = statusCode;
        public void Write(byte[] piece, int offset, int count) { }
    }

    sealed class Ok : IRoute
    {
        public int Handle(WebRequestContext context, JsonWriter json) { json.StartObject().EndObject(); return 200; }
    }

    sealed class Block(ManualResetEventSlim entered, ManualResetEventSlim release) : ICoreWork
    {
        public void Run() { entered.Set(); release.Wait(10_000); }
    }

    static (WebApp App, WebAuth Auth, CoreLoop Core, SimClock Clock) Site()
    {
        var clock = new SimClock();
        var log = new Logger(new ListLog(), clock, 10);
        var auth = new WebAuth(new MemoryStorage(), clock, log);
        Assert.IsNull(auth.SetPassword(Password));
        var core = new CoreLoop(clock, log);
        var app = new WebApp(core, log, auth);
        app.Add("GET", "/api/x", new Ok());
        return (app, auth, core, clock);
    }

    static string Basic(string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + password));

    [TestMethod]
    public void TheDerivationRunsWhileTheCoreLoopIsBusy()
    {
        var (app, auth, core, _) = Site();
        Assert.AreEqual(200, WhileTheCoreIsHeld(app, auth, core, new Request("GET", "/api/x", Basic(Password))));
    }

    /// <summary>Holds the core loop while the request runs on its own thread: the route cannot run,
    /// but the password must be derived meanwhile. Returns the status once the loop is free.</summary>
    static int WhileTheCoreIsHeld(WebApp app, WebAuth auth, CoreLoop core, Request request)
    {
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = new Thread(() => core.Invoke(new Block(entered, release)));
        holder.Start();
        Assert.IsTrue(entered.Wait(5000));
        var response = new Response();
        var client = new Thread(() => app.Handle(request, response));
        client.Start();
        for (int i = 0; i < 500 && auth.Derivations == 0; i++) Thread.Sleep(10);
        Assert.AreEqual(1, auth.Derivations, "derived while the core loop was busy");
        Assert.AreEqual(0, response.Status, "the route waits for the core loop");
        release.Set();
        holder.Join();
        client.Join();
        return response.Status;
    }

    [TestMethod]
    public void APasswordThatCheckedOutIsNotDerivedAgainAndAWrongOneStillIs()
    {
        var (app, auth, _, clock) = Site();
        for (int i = 0; i < 5; i++)
        {
            var r = new Response();
            app.Handle(new Request("GET", "/api/x", Basic(Password)), r);
            Assert.AreEqual(200, r.Status);
        }
        Assert.AreEqual(1, auth.Derivations, "five polls, one derivation");
        var wrong = new Response();
        app.Handle(new Request("GET", "/api/x", Basic("not the password")), wrong);
        Assert.AreEqual(401, wrong.Status);
        Assert.AreEqual(2, auth.Derivations);
        var locked = new Response();
        app.Handle(new Request("GET", "/api/x", Basic(Password)), locked);
        Assert.AreEqual(429, locked.Status, "the delay after a wrong password holds for the right one too");
        clock.Advance(1500);
        var again = new Response();
        app.Handle(new Request("GET", "/api/x", Basic(Password)), again);
        Assert.AreEqual(200, again.Status);
        Assert.IsNull(auth.SetPassword("another good password"));
        var old = new Response();
        app.Handle(new Request("GET", "/api/x", Basic(Password)), old);
        Assert.AreEqual(401, old.Status, "a new password forgets the old one's digest");
    }

    [TestMethod]
    public void TheLoginFormDerivesWhileTheCoreLoopIsBusy()
    {
        var (app, auth, core, _) = Site();
        new AuthRoutes(auth).AddTo(app);
        Assert.AreEqual(200, WhileTheCoreIsHeld(app, auth, core, new Request("POST", "/api/login", null, "{\"password\":\"" + Password + "\"}")));
        var wrong = new Response();
        app.Handle(new Request("POST", "/api/login", null, "{\"password\":\"not the password\"}"), wrong);
        Assert.AreEqual(401, wrong.Status);
        var locked = new Response();
        app.Handle(new Request("POST", "/api/login", null, "{\"password\":\"" + Password + "\"}"), locked);
        Assert.AreEqual(429, locked.Status, "the delay after a wrong password holds for the login form too");
        var broken = new Response();
        app.Handle(new Request("POST", "/api/login", null, "{\"password\":"), broken);
        Assert.AreEqual(400, broken.Status);
    }
}
