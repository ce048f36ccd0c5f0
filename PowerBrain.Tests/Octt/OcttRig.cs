using System;
using System.Diagnostics;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Octt;

/// <summary>
/// An OCTT case's set-up: the emulator (a box with a card reader and no fixed idTag unless asked)
/// against the strict ocpp-rpc central system, booted and Available, with the manual steps of the
/// test tool ("present identification", "plug in", …) as calls to the emulator's simulation API.
/// </summary>
public sealed class OcttRig : IDisposable
{
    public readonly OcppRig Rig;
    public Csms Csms => Rig.Csms;

    readonly string _idTag;

    public OcttRig(string idTag = "", string bootStatus = "Accepted", int interval = 300, bool waitAvailable = true)
    {
        _idTag = idTag;
        Rig = new OcppRig(bootStatus, interval, "secret", "--id-tag", idTag);
        if (!waitAvailable) return;
        Csms.WaitStatus("Available");
    }

    /// <summary>Where the events of the central system stand now: "after" in the waits below.</summary>
    public int Mark() => Csms.Events.Count;

    public void Card(string tag) => Rig.Post("/api/rfid", $"{{\"idTag\":\"{tag}\"}}");
    public void Plug() => Rig.Post("/api/ev/plug");
    public void Unplug() => Rig.Post("/api/ev/unplug");
    /// <summary>The car leaves; the cable stays in the box's socket until Unplug.</summary>
    public void UnplugAtEv() => Rig.Post("/api/ev/unplug", "{\"atEv\":true}");
    public void Charge(int amps = 16) => Rig.Post("/api/ev/charge", $"{{\"requestAmps\":{amps}}}");
    public void Weld() => Rig.Post("/api/ev/misbehave", "{\"weldContactor\":true}");

    public JsonObject Call(string action, object parameters) => Csms.Call(action, parameters);

    public string Status(string action, object parameters) => (string)Call(action, parameters)["status"];

    /// <summary>The params of the first CALL of this action after the mark.</summary>
    public JsonObject WaitCall(string action, int after, int timeoutMs = 15_000) => (JsonObject)WaitEvent(after, timeoutMs, action,
        e => Csms.Event(e) == "call" && (string)e["action"] == action)["params"];

    /// <summary>Waits for StatusNotification(status) of connector 1 (or the one given) after the mark.</summary>
    public JsonObject WaitStatus(string status, int after, int timeoutMs = 15_000, int connectorId = 1) => (JsonObject)WaitEvent(after, timeoutMs, "status " + status,
        e => Csms.Event(e) == "call" && (string)e["action"] == "StatusNotification" && (string)e["params"]["status"] == status
             && (int)e["params"]["connectorId"] == connectorId)["params"];

    public JsonObject WaitEvent(int after, int timeoutMs, string what, Func<JsonObject, bool> match)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var found = Csms.Events.Skip(after).FirstOrDefault(match);
            if (found != null) return found;
            if (sw.ElapsedMilliseconds > timeoutMs) throw new TimeoutException($"waited {timeoutMs} ms for {what}; events:\n{Csms.Dump()}\n--- emulator:\n{Rig.Emu.Output}");
            Thread.Sleep(20);
        }
    }

    /// <summary>CALLs of this action after the mark.</summary>
    public int Count(string action, int after) => Csms.Events.Skip(after).Count(e => Csms.Event(e) == "call" && (string)e["action"] == action);

    /// <summary>Gives the box a moment in which something must not happen.</summary>
    public static void Quiet(int ms = 1500) => Thread.Sleep(ms);

    public static string In(int seconds) => DateTime.UtcNow.AddSeconds(seconds).ToString("yyyy-MM-ddTHH:mm:ssZ");

    public void Configure(string key, string value) => Rig.Configure(key, value);

    /// <summary>The cable goes in, the transaction starts and the car draws current; returns
    /// StartTransaction's params.</summary>
    public JsonObject PlugAndCharge(int after)
    {
        Plug();
        var start = WaitCall("StartTransaction", after);
        Charge();
        WaitStatus("Charging", after);
        return start;
    }

    /// <summary>The reusable state *Charging*: a card, the cable, the car drawing current; returns
    /// StartTransaction's params and the transaction id the backend gave.</summary>
    public (JsonObject Start, int TransactionId) StartCharging(string tag = "TAG-1")
    {
        int m = Mark();
        Card(tag);
        return (PlugAndCharge(m), TransactionId());
    }

    /// <summary>The backend's id of the running transaction, as the status page shows it.</summary>
    public int TransactionId()
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var id = Rig.Status()["transaction"]?["id"];
            if (id != null && (int)id >= 0) return (int)id;
            if (sw.ElapsedMilliseconds > 15_000) throw new TimeoutException("no transaction id");
            Thread.Sleep(50);
        }
    }

    /// <summary>The backend goes away (the connection drops and nobody answers).</summary>
    public int GoOffline()
    {
        int port = Csms.Port;
        Csms.Kill();
        var sw = Stopwatch.StartNew();
        while ((string)Rig.Status()["ocpp"]["connection"] == "connected")
        {
            if (sw.ElapsedMilliseconds > 15_000) throw new TimeoutException("the box did not notice the backend was gone");
            Thread.Sleep(100);
        }
        return port;
    }

    /// <summary>The backend is back on the same port; waits for the box to reconnect.</summary>
    public void ComeBack(int port)
    {
        Csms.Dispose();
        Rig.Csms = new Csms(port, "secret");
        var sw = Stopwatch.StartNew();
        while ((string)Rig.Status()["ocpp"]["connection"] != "connected")
        {
            if (sw.ElapsedMilliseconds > 90_000) throw new TimeoutException("no reconnect\n" + Rig.Emu.Output);
            Thread.Sleep(100);
        }
    }

    /// <summary>Power off and on: the process is killed and started again on the same data.</summary>
    public void PowerCycle()
    {
        Rig.Emu.Kill();
        Rig.StartEmulator("--id-tag", _idTag);
    }

    public void Dispose() => Rig.Dispose();
}
