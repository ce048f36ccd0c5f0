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

/// <summary>The emulator against the strict ocpp-rpc central system with the official 1.6 schemas.</summary>
[TestClass]
public sealed class OcppSessionTests
{
    [TestMethod]
    public void FixedIdTagSessionFromPlugToUnplug()
    {
        using var rig = new OcppRig();
        var boot = rig.Csms.WaitCall("BootNotification");
        Assert.AreEqual("PowerBrain", (string)boot["chargePointVendor"]);
        var auth = rig.Csms.WaitEvent(e => Csms.Event(e) == "auth", 1000, "auth");
        Assert.AreEqual("/ocpp", (string)auth["endpoint"]);
        Assert.AreEqual("WB-1", (string)auth["identity"]);
        Assert.AreEqual("secret", (string)auth["password"]);
        rig.Csms.WaitStatus("Available");
        rig.Configure("MeterValueSampleInterval", "2");

        rig.Post("/api/ev/plug");
        rig.Csms.WaitStatus("Preparing");
        Assert.AreEqual("FREE", (string)rig.Csms.WaitCall("Authorize")["idTag"]);
        var start = rig.Csms.WaitCall("StartTransaction");
        Assert.AreEqual("FREE", (string)start["idTag"]);
        Assert.AreEqual(1, (int)start["connectorId"]);
        long meterStart = (long)start["meterStart"];
        Assert.IsTrue(meterStart > 0);
        rig.Post("/api/ev/charge", "{\"requestAmps\":16}");
        rig.Csms.WaitStatus("Charging");
        var mv1 = rig.Csms.WaitCall("MeterValues", 10_000);
        var mv2 = rig.Csms.WaitCall("MeterValues", 10_000, 1);
        var sampled = mv2["meterValue"][0]["sampledValue"].AsArray();
        CollectionAssert.IsSubsetOf(new[] { "Energy.Active.Import.Register", "Power.Active.Import", "Current.Import", "Current.Offered" },
                                    sampled.Select(v => (string)v["measurand"] ?? "Energy.Active.Import.Register").Distinct().ToArray(), "an absent measurand is the energy register");
        Assert.AreEqual("16", (string)sampled.First(v => (string)v["measurand"] == "Current.Offered")["value"]);
        var t1 = DateTime.Parse((string)mv1["meterValue"][0]["timestamp"]);
        var t2 = DateTime.Parse((string)mv2["meterValue"][0]["timestamp"]);
        Assert.IsTrue((t2 - t1).TotalSeconds is >= 1 and <= 4, $"sampled every 2 s: {t1:O} {t2:O}");
        var status = rig.Status();
        Assert.AreEqual("Charging", (string)status["connector"]["status"]);
        Assert.AreEqual("FREE", (string)status["transaction"]["idTag"]);

        rig.Post("/api/ev/unplug");
        var stop = rig.Csms.WaitCall("StopTransaction");
        Assert.AreEqual("EVDisconnected", (string)stop["reason"]);
        Assert.IsTrue((long)stop["meterStop"] > meterStart, "energy was charged");
        Assert.AreEqual((int)status["transaction"]["id"], (int)stop["transactionId"]);
        rig.Csms.WaitEvent(e => Csms.Event(e) == "call" && (string)e["action"] == "StatusNotification" && (string)e["params"]["status"] == "Available", 10_000, "Available again", 1);
        Assert.AreEqual(1, rig.Csms.Calls("StartTransaction").Count);
        Assert.AreEqual(1, rig.Csms.Calls("StopTransaction").Count);
    }

    [TestMethod]
    public void BootPendingAnswersTheBackendButRefusesRemoteStartThenBootsAgain()
    {
        using var rig = new OcppRig("Pending", 3);
        rig.Csms.WaitCall("BootNotification");
        var keys = rig.Csms.Call("GetConfiguration", new { key = new[] { "HeartbeatInterval" } });
        Assert.AreEqual("HeartbeatInterval", (string)keys["configurationKey"][0]["key"]);
        Assert.AreEqual("Rejected", (string)rig.Csms.Call("RemoteStartTransaction", new { idTag = "X", connectorId = 1 })["status"]);
        Assert.AreEqual(0, rig.Csms.Calls("StatusNotification").Count, "nothing of its own while Pending");
        rig.Csms.SetBoot("Accepted", 300);
        rig.Csms.WaitCall("BootNotification", 10_000, 1);
        rig.Csms.WaitStatus("Available");
    }

    // A Rejected boot's silence and the heartbeat interval are tested in process on the simulated
    // clock: Portable/Ocpp/OcppBehaviourTests.

    [TestMethod]
    public void RfidSessionsWithAnAcceptedAndAnInvalidTag()
    {
        using var rig = new OcppRig("Accepted", 300, "secret", "--id-tag", "");
        rig.Csms.SetTags(new Dictionary<string, string> { ["BAD1"] = "Invalid" });
        rig.Csms.WaitStatus("Available");
        rig.Post("/api/ev/plug");
        rig.Csms.WaitStatus("Preparing");
        rig.Post("/api/rfid", "{\"idTag\":\"BAD1\"}");
        Assert.AreEqual("BAD1", (string)rig.Csms.WaitCall("Authorize")["idTag"]);
        Thread.Sleep(1500);
        Assert.AreEqual(0, rig.Csms.Calls("StartTransaction").Count, "an Invalid tag starts nothing");

        rig.Post("/api/rfid", "{\"idTag\":\"CARD42\"}");
        Assert.AreEqual("CARD42", (string)rig.Csms.WaitCall("Authorize", 10_000, 1)["idTag"]);
        Assert.AreEqual("CARD42", (string)rig.Csms.WaitCall("StartTransaction")["idTag"]);
        rig.Post("/api/rfid", "{\"idTag\":\"CARD42\"}");
        Assert.AreEqual("Local", (string)rig.Csms.WaitCall("StopTransaction")["reason"]);
    }

    [TestMethod]
    public void RemoteStartAndStop()
    {
        using var rig = new OcppRig("Accepted", 300, "secret", "--id-tag", "");
        rig.Csms.WaitStatus("Available");
        Assert.AreEqual("Rejected", (string)rig.Csms.Call("RemoteStartTransaction", new { idTag = "R1", connectorId = 0 })["status"], "connector 0 is not allowed");
        rig.Post("/api/ev/plug");
        Assert.AreEqual("Accepted", (string)rig.Csms.Call("RemoteStartTransaction", new { idTag = "R1", connectorId = 1 })["status"]);
        var start = rig.Csms.WaitCall("StartTransaction");
        Assert.AreEqual("R1", (string)start["idTag"]);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var status = rig.Status();
        while (status["transaction"]["id"] == null && sw.ElapsedMilliseconds < 10_000) { Thread.Sleep(50); status = rig.Status(); }
        int id = (int)status["transaction"]["id"];   // known once the StartTransaction answer is in
        Assert.AreEqual("Rejected", (string)rig.Csms.Call("RemoteStopTransaction", new { transactionId = id + 1 })["status"]);
        Assert.AreEqual("Rejected", (string)rig.Csms.Call("RemoteStartTransaction", new { idTag = "R2" })["status"], "already charging");
        Assert.AreEqual("Accepted", (string)rig.Csms.Call("RemoteStopTransaction", new { transactionId = id })["status"]);
        var stop = rig.Csms.WaitCall("StopTransaction");
        Assert.AreEqual("Remote", (string)stop["reason"]);
        Assert.AreEqual(id, (int)stop["transactionId"]);
        rig.Csms.WaitStatus("Finishing");
    }
}
