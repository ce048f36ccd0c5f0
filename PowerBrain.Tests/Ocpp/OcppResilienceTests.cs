using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Emulator;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Ocpp;

/// <summary>Processes killed mid-transaction, wrong passwords, resets, configuration and hostile frames.</summary>
[TestClass]
public sealed class OcppResilienceTests
{
    static readonly string[] Base = { "--charge-box-id", "WB-1", "--ocpp-password", "secret", "--id-tag", "FREE" };

    static string NewData() => Path.Combine(Path.GetTempPath(), "pb-ocpp-" + Guid.NewGuid().ToString("N"));

    static EmulatorProcess Emulator(Csms csms, string data, params string[] extra) =>
        EmulatorProcess.Start(data, new[] { "--ocpp-url", csms.Url }.Concat(Base).Concat(extra).ToArray());

    static void Post(EmulatorProcess emu, string path, string body = "")
    {
        using var http = emu.NewHttp();
        var r = http.PostAsync(path, new StringContent(body)).Result;
        Assert.IsTrue(r.IsSuccessStatusCode, path);
    }

    static JsonObject Status(EmulatorProcess emu)
    {
        using var http = emu.NewHttp();
        return (JsonObject)JsonNode.Parse(http.GetStringAsync("/api/status").Result);
    }

    [TestMethod]
    public void BackendKilledMidTransactionGetsEveryQueuedMessageInOrderOnce()
    {
        var data = NewData();
        int port = EmulatorProcess.FreePort();
        var first = new Csms(port, "secret");
        using var emu = Emulator(first, data);
        first.WaitStatus("Available");
        first.Call("ChangeConfiguration", new { key = "MeterValueSampleInterval", value = "1" });
        Post(emu, "/api/ev/plug");
        Post(emu, "/api/ev/charge", "{\"requestAmps\":16}");
        var start = first.WaitCall("StartTransaction");
        first.WaitCall("MeterValues", 10_000);
        first.Dispose();                    // the backend dies mid-transaction

        Thread.Sleep(3500);                 // MeterValues pile up in the persistent queue
        Post(emu, "/api/ev/unplug");        // and the transaction ends while offline
        Thread.Sleep(500);
        Assert.IsTrue((int)Status(emu)["transaction"]["queued"] >= 3, "queued while offline");

        using var second = new Csms(port, "secret");
        var stop = second.WaitCall("StopTransaction", 60_000);
        Assert.AreEqual("EVDisconnected", (string)stop["reason"]);
        var calls = second.Calls().Where(c => (string)c["action"] is "MeterValues" or "StopTransaction" or "StartTransaction").ToList();
        Assert.AreEqual(0, calls.Count(c => (string)c["action"] == "StartTransaction"), "the Start was delivered before the crash and not sent again");
        Assert.AreEqual("StopTransaction", (string)calls.Last()["action"], "Stop comes after the MeterValues it follows");
        var times = calls.Select(c => (string)c["params"]["timestamp"] ?? (string)c["params"]["meterValue"][0]["timestamp"]).ToList();
        CollectionAssert.AreEqual(times.OrderBy(t => t).ToList(), times, "chronological order");
        int tx = (int)stop["transactionId"];
        Assert.IsTrue(calls.Where(c => (string)c["action"] == "MeterValues").All(c => (int)c["params"]["transactionId"] == tx));
        Thread.Sleep(1500);
        Assert.AreEqual(1, second.Calls("StopTransaction").Count, "no duplicate StopTransaction");
        Assert.AreEqual(0, (int)Status(emu)["transaction"]["queued"]);
        first.AssertNoValidationFailures();
    }

    [TestMethod]
    public void EmulatorKilledMidTransactionSendsPowerLossExactlyOnce()
    {
        var data = NewData();
        using var csms = new Csms(0, "secret");
        var emu = Emulator(csms, data);
        csms.WaitStatus("Available");
        Post(emu, "/api/ev/plug");
        Post(emu, "/api/ev/charge", "{\"requestAmps\":16}");
        var start = csms.WaitCall("StartTransaction");
        csms.WaitStatus("Charging");
        Thread.Sleep(1500);
        emu.Kill();                          // power cut

        using var again = Emulator(csms, data);
        var stop = csms.WaitCall("StopTransaction", 30_000);
        Assert.AreEqual("PowerLoss", (string)stop["reason"]);
        Assert.IsTrue((long)stop["meterStop"] >= (long)start["meterStart"]);
        Assert.AreEqual(2, csms.Calls("BootNotification").Count);
        var bootIndex = csms.Events.FindLastIndex(e => Csms.Event(e) == "call" && (string)e["action"] == "BootNotification");
        var stopIndex = csms.Events.FindIndex(e => Csms.Event(e) == "call" && (string)e["action"] == "StopTransaction");
        Assert.IsTrue(stopIndex > bootIndex, "sent after the Accepted boot");

        WaitForEmptyQueue(again);                // the answer is stored before the clean restart
        Assert.AreEqual(0, again.Interrupt());   // a clean restart must not send it again
        using var third = Emulator(csms, data);
        csms.WaitCall("BootNotification", 20_000, 2);
        WaitForEmptyQueue(third);
        Assert.AreEqual(1, csms.Calls("StopTransaction").Count, "exactly once");
    }

    /// <summary>Until the box reports that nothing is queued and it is accepted (a state, not a sleep).</summary>
    static void WaitForEmptyQueue(EmulatorProcess emu)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var status = Status(emu);
            if ((int)status["transaction"]["queued"] == 0 && (string)status["ocpp"]["bootStatus"] == "Accepted") return;
            if (sw.ElapsedMilliseconds > 30_000) Assert.Fail("the queue did not empty: " + status.ToJsonString());
            Thread.Sleep(100);
        }
    }

    /// <summary>A clean stop while a StopTransaction is on the wire and the backend answers late:
    /// the box waits for the answer, stores it, and the next start does not send it again.</summary>
    [TestMethod]
    public void ACleanStopWaitsForTheAnswerToATransactionMessageOnTheWire()
    {
        var data = NewData();
        using var csms = new Csms(0, "secret");
        using var emu = Emulator(csms, data);
        csms.WaitStatus("Available");
        Post(emu, "/api/ev/plug");
        Post(emu, "/api/ev/charge", "{\"requestAmps\":16}");
        csms.WaitCall("StartTransaction");
        csms.WaitStatus("Charging");
        WaitForEmptyQueue(emu);
        csms.Delay("StopTransaction", 1500);
        Post(emu, "/api/ev/unplug");
        csms.WaitCall("StopTransaction", 20_000);
        Assert.AreEqual(0, emu.Interrupt(), emu.Output);   // the answer is still 1.5 s away
        StringAssert.Contains(emu.Output, "stopped, state saved");

        csms.Delay("StopTransaction", 0);
        using var again = Emulator(csms, data);
        csms.WaitCall("BootNotification", 20_000, 1);
        WaitForEmptyQueue(again);
        Assert.AreEqual(1, csms.Calls("StopTransaction").Count, "the stored answer means no second StopTransaction");
    }

    [TestMethod]
    public void AWrongPasswordGets401AndTheRetriesBackOff()
    {
        using var csms = new Csms(0, "right");
        using var emu = Emulator(csms, NewData());
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var times = new List<long>();
        for (int i = 0; i < 4; i++)
        {
            csms.WaitEvent(e => Csms.Event(e) == "auth", 40_000, "attempt " + i, i);
            times.Add(sw.ElapsedMilliseconds);
        }
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        Assert.IsTrue(gaps[2] > gaps[0], "the delay grows: " + string.Join(", ", gaps));
        Assert.AreEqual("HTTP 401", (string)Status(emu)["ocpp"]["lastError"]);
        Assert.AreEqual(0, csms.Calls().Count);
    }

    [TestMethod]
    public void ConfigurationKeysAndTheWriteOnlyAuthorizationKey()
    {
        var data = NewData();
        using var csms = new Csms(0, "secret");
        using var emu = Emulator(csms, data);
        csms.WaitStatus("Available");
        var all = csms.Call("GetConfiguration", new { });
        var keys = all["configurationKey"].AsArray();
        Assert.IsTrue(keys.Count >= 30);
        Assert.IsTrue(keys.Any(k => (string)k["key"] == "NumberOfConnectors" && (bool)k["readonly"] && (string)k["value"] == "1"));
        var authKey = keys.Single(k => (string)k["key"] == "AuthorizationKey");
        Assert.IsNull(authKey["value"], "write-only: never returned");

        var some = csms.Call("GetConfiguration", new { key = new[] { "HeartbeatInterval", "NoSuchKey" } });
        Assert.AreEqual(1, some["configurationKey"].AsArray().Count);
        Assert.AreEqual("NoSuchKey", (string)some["unknownKey"][0]);

        Assert.AreEqual("NotSupported", (string)csms.Call("ChangeConfiguration", new { key = "NoSuchKey", value = "1" })["status"]);
        Assert.AreEqual("Rejected", (string)csms.Call("ChangeConfiguration", new { key = "NumberOfConnectors", value = "2" })["status"]);
        Assert.AreEqual("Rejected", (string)csms.Call("ChangeConfiguration", new { key = "HeartbeatInterval", value = "soon" })["status"]);
        Assert.AreEqual("Rejected", (string)csms.Call("ChangeConfiguration", new { key = "MeterValuesSampledData", value = "Energy.Active.Import.Register,Frequency" })["status"]);
        Assert.AreEqual("Accepted", (string)csms.Call("ChangeConfiguration", new { key = "LocalPreAuthorize", value = "TRUE" })["status"]);
        Assert.AreEqual("Rejected", (string)csms.Call("ChangeConfiguration", new { key = "AuthorizationKey", value = "not hex" })["status"]);

        // A new key: accepted, then the box reconnects with it as its Basic-auth password.
        const string newKey = "0123456789abcdef0123456789abcdef";
        csms.Command(new { cmd = "password", hex = newKey });
        Assert.AreEqual("Accepted", (string)csms.Call("ChangeConfiguration", new { key = "AuthorizationKey", value = newKey })["status"]);
        var auth = csms.WaitEvent(e => Csms.Event(e) == "auth", 20_000, "reconnect", 1);
        Assert.AreEqual(newKey, (string)auth["passwordHex"], "raw key bytes in the Basic-auth header");
        csms.WaitEvent(e => Csms.Event(e) == "connected", 20_000, "connected with the new key", 1);
        var after = csms.Call("GetConfiguration", new { key = new[] { "AuthorizationKey" } });
        Assert.IsNull(after["configurationKey"][0]["value"]);
        Assert.IsFalse(File.ReadAllText(Path.Combine(data, "settings.json")).Contains(newKey));
        Assert.IsFalse(Status(emu).ToJsonString().Contains(newKey), "never in the status API");
    }

    [TestMethod]
    public void EveryKindOfTriggerMessage()
    {
        using var csms = new Csms(0, "secret");
        using var emu = Emulator(csms, NewData());
        csms.WaitStatus("Available");
        foreach (var (message, action) in new[] { ("BootNotification", "BootNotification"), ("Heartbeat", "Heartbeat"), ("MeterValues", "MeterValues"),
                                                  ("StatusNotification", "StatusNotification"), ("DiagnosticsStatusNotification", "DiagnosticsStatusNotification"),
                                                  ("FirmwareStatusNotification", "FirmwareStatusNotification") })
        {
            int before = csms.Calls(action).Count;
            Assert.AreEqual("Accepted", (string)csms.Call("TriggerMessage", new { requestedMessage = message })["status"], message);
            csms.WaitCall(action, 10_000, before);
        }
        Assert.AreEqual("Rejected", (string)csms.Call("TriggerMessage", new { requestedMessage = "MeterValues", connectorId = 7 })["status"]);
    }

    [TestMethod]
    public void SoftAndHardResetDuringATransaction()
    {
        var data = NewData();
        using var csms = new Csms(0, "secret");
        using var emu = Emulator(csms, data);
        csms.WaitStatus("Available");
        Post(emu, "/api/ev/plug");
        csms.WaitCall("StartTransaction");
        Assert.AreEqual("Accepted", (string)csms.Call("Reset", new { type = "Soft" })["status"]);
        Assert.AreEqual("SoftReset", (string)csms.WaitCall("StopTransaction")["reason"]);
        emu.WaitFor("rebooting", 15_000);
        csms.WaitCall("BootNotification", 20_000, 1);
        // Still plugged after the restart: the fixed idTag starts a new transaction.
        csms.WaitCall("StartTransaction", 20_000, 1);
        Assert.AreEqual("Accepted", (string)csms.Call("Reset", new { type = "Hard" })["status"]);
        csms.WaitCall("BootNotification", 20_000, 2);
        var stop = csms.WaitCall("StopTransaction", 20_000, 1);
        Assert.AreEqual("HardReset", (string)stop["reason"]);
        Thread.Sleep(1000);
        Assert.AreEqual(2, csms.Calls("StopTransaction").Count);
    }

    [TestMethod]
    public void HostileFramesAreAnsweredAndTheConnectionSurvives()
    {
        using var csms = new Csms(0, "secret");
        using var emu = Emulator(csms, NewData());
        csms.WaitStatus("Available");
        string Answer(string raw, string id)
        {
            int before = csms.Events.Count;
            csms.SendRaw(raw);
            var reply = csms.WaitEvent(e => Csms.Event(e) == "message" && !(bool)e["outbound"] && ((string)e["message"]).Contains("\"" + id + "\""),
                                       5000, "answer to " + raw, 0);
            return (string)reply["message"];
        }
        StringAssert.Contains(Answer("this is not json", "-1"), "FormationViolation");
        StringAssert.Contains(Answer("[2,\"h1\",\"Heartbeat\"]", "h1"), "FormationViolation");
        StringAssert.Contains(Answer("[2,\"h2\",\"FlyToTheMoon\",{}]", "h2"), "NotImplemented");
        StringAssert.Contains(Answer("[2,\"h3\",\"CertificateSigned\",{}]", "h3"), "NotSupported");
        StringAssert.Contains(Answer("[2,\"h4\",\"RemoteStopTransaction\",{\"transactionId\":\"abc\"}]", "h4"), "TypeConstraintViolation");
        StringAssert.Contains(Answer("[2,\"h5\",\"RemoteStopTransaction\",{}]", "h5"), "OccurenceConstraintViolation");
        StringAssert.Contains(Answer("[2,\"h6\",\"Reset\",{\"type\":\"Sideways\"}]", "h6"), "PropertyConstraintViolation");
        StringAssert.Contains(Answer("[2,\"h7\",\"RemoteStartTransaction\",{\"idTag\":\"N1\",\"connectorId\":null,\"chargingProfile\":null}]", "h7"), "Accepted");
        StringAssert.Contains(Answer("[2,\"h8\",\"GetConfiguration\",{\"key\":null}]", "h8"), "configurationKey");
        var garbage = new string('x', 100_000);
        csms.SendRaw("[2,\"h9\",\"DataTransfer\",{\"vendorId\":\"" + garbage + "\"}]");
        csms.SendRaw(garbage);
        Thread.Sleep(1000);
        var answer = csms.Call("GetConfiguration", new { key = new[] { "NumberOfConnectors" } });
        Assert.AreEqual("1", (string)answer["configurationKey"][0]["value"], "the link still works");
        Assert.IsTrue(csms.Events.Count(e => Csms.Event(e) == "connected") == 1, "never reconnected\n" + csms.Dump());
    }
}
