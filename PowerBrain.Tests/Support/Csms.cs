using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PowerBrain.Tests.Support;

/// <summary>
/// The strict ocpp-rpc central system (PowerBrain.Tests/Peers/csms.js) as a test sees it: every
/// event it reports, and commands to it. Any strictValidationFailure fails the test on Dispose.
/// </summary>
public sealed class Csms : IDisposable
{
    readonly Process _node;
    readonly List<JsonObject> _events = new();
    public readonly int Port;
    int _ref;

    public Csms(int port = 0, string password = null, string tlsDir = null, bool requireClientCert = false)
    {
        Port = port == 0 ? Emulator.EmulatorProcess.FreePort() : port;
        var args = new List<string> { Peer.Script("csms.js"), Port.ToString(), password ?? "-" };
        if (tlsDir != null) { args.Add("--tls"); args.Add(tlsDir); }
        if (requireClientCert) args.Add("--client-cert");
        Tls = tlsDir != null;
        _node = Peer.Start(true, "node", args.ToArray());
        _node.OutputDataReceived += (_, e) =>
        {
            if (string.IsNullOrWhiteSpace(e.Data)) return;
            var o = JsonNode.Parse(e.Data) as JsonObject;
            lock (_events) _events.Add(o);
        };
        _node.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_events) _events.Add(new JsonObject { ["event"] = "stderr", ["text"] = e.Data }); };
        _node.BeginOutputReadLine();
        _node.BeginErrorReadLine();
        WaitEvent(o => Event(o) == "listening", 20_000, "the CSMS to listen");
    }

    public readonly bool Tls;

    public string Url => $"{(Tls ? "wss" : "ws")}://127.0.0.1:{Port}/ocpp";

    public static string Event(JsonObject o) => (string)o["event"];

    public List<JsonObject> Events { get { lock (_events) return _events.ToList(); } }

    /// <summary>CALLs the charge point sent, in order.</summary>
    public List<JsonObject> Calls(string action = null) =>
        Events.Where(e => Event(e) == "call" && (action == null || (string)e["action"] == action)).ToList();

    public JsonObject WaitEvent(Func<JsonObject, bool> match, int timeoutMs, string what, int skip = 0)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var found = Events.Where(match).Skip(skip).FirstOrDefault();
            if (found != null) return found;
            if (sw.ElapsedMilliseconds > timeoutMs) throw new TimeoutException($"waited {timeoutMs} ms for {what}; events:\n{Dump()}");
            Thread.Sleep(20);
        }
    }

    /// <summary>Waits for the (n+1)-th CALL of an action; returns its params.</summary>
    public JsonObject WaitCall(string action, int timeoutMs = 15_000, int nth = 0) =>
        (JsonObject)WaitEvent(e => Event(e) == "call" && (string)e["action"] == action, timeoutMs, action, nth)["params"];

    public JsonObject WaitStatus(string status, int timeoutMs = 15_000) =>
        (JsonObject)WaitEvent(e => Event(e) == "call" && (string)e["action"] == "StatusNotification"
                                   && (string)e["params"]["status"] == status && (int)e["params"]["connectorId"] == 1,
                              timeoutMs, "status " + status)["params"];

    public void Command(object command)
    {
        _node.StandardInput.WriteLine(JsonSerializer.Serialize(command));
        _node.StandardInput.Flush();
    }

    public void SetBoot(string status, int interval) => Command(new { cmd = "boot", status, interval });
    public void SetTags(Dictionary<string, string> tags) => Command(new { cmd = "tags", tags });
    /// <summary>The parentIdTag the backend gives these tags in its idTagInfo.</summary>
    public void SetParents(Dictionary<string, string> parents) => Command(new { cmd = "parents", parents });
    public void SendRaw(string data) => Command(new { cmd = "raw", data });
    /// <summary>Answers every later CALL of this action ms late.</summary>
    public void Delay(string action, int ms) => Command(new { cmd = "delay", action, ms });

    /// <summary>Sends a CALL to the charge point and returns its result (or throws with the CALLERROR code).</summary>
    public JsonObject Call(string action, object parameters, int timeoutMs = 20_000)
    {
        int r = Interlocked.Increment(ref _ref);
        Command(new { cmd = "call", @ref = r, action, @params = parameters });
        var e = WaitEvent(o => (Event(o) == "callResult" || Event(o) == "callError") && (int?)o["ref"] == r, timeoutMs, action + " answer");
        if (Event(e) == "callError") throw new CallErrorException((string)e["error"], (string)e["message"]);
        return (JsonObject)e["result"];
    }

    public sealed class CallErrorException(string code, string message) : Exception(code + ": " + message)
    {
        public string Code { get; } = code;
    }

    public string Dump() => string.Join("\n", Events.Select(e => e.ToJsonString()).Select(s => s.Length > 400 ? s[..400] : s));

    public void AssertNoValidationFailures()
    {
        var failures = Events.Where(e => Event(e) == "strictValidationFailure").ToList();
        Assert.AreEqual(0, failures.Count, "strict schema validation failed:\n" + string.Join("\n", failures.Select(f => f.ToJsonString())));
    }

    public void Kill()
    {
        if (!_node.HasExited) { _node.Kill(); _node.WaitForExit(); }
    }

    public void Dispose()
    {
        Kill();
        _node.Dispose();
        AssertNoValidationFailures();
    }
}
