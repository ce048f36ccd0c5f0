using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Octt;

/// <summary>The OCTT Core cases, each as the test tool runs it.</summary>
[TestClass]
public sealed class OcttCoreTests
{
    static DateTime Time(JsonObject o, string name) => DateTime.Parse((string)o[name]).ToUniversalTime();

    static void FixedCable(OcttRig t)
    {
        var r = t.Rig.Http.PutAsync("/api/config", new StringContent("{\"charging.cableMode\":1}")).Result;
        Assert.IsTrue(r.IsSuccessStatusCode, r.Content.ReadAsStringAsync().Result);
    }

    /// <summary>Authorizes TAG-1 once online so it is in the cache, then lets the authorization
    /// run out (ConnectionTimeOut 10 s) without a car.</summary>
    static void CacheTag(OcttRig t, string tag)
    {
        t.Configure("AuthorizationCacheEnabled", "true");
        t.Configure("LocalPreAuthorize", "true");
        t.Configure("ConnectionTimeOut", "10");
        int m = t.Mark();
        t.Card(tag);
        t.WaitCall("Authorize", m);
        t.WaitStatus("Preparing", m);
        t.WaitStatus("Available", m, 20_000);
    }

    [TestMethod]
    public void TC_001_ColdBoot()
    {
        using var t = new OcttRig(bootStatus: "Rejected", interval: 4, waitAvailable: false);
        t.WaitCall("BootNotification", 0);
        var sw = Stopwatch.StartNew();
        t.Csms.SetBoot("Accepted", 3);
        int m = t.Mark();
        t.WaitCall("BootNotification", m, 20_000);
        Assert.IsTrue(sw.ElapsedMilliseconds >= 3000, "the retry waited for the interval: " + sw.ElapsedMilliseconds + " ms");
        Assert.AreEqual(1, t.Csms.Events.Count(e => Csms.Event(e) == "call") - t.Count("BootNotification", m), "nothing but the first Boot while rejected");
        t.WaitStatus("Available", m, connectorId: 0);
        t.WaitStatus("Available", m);
        int h = t.Mark();
        t.WaitCall("Heartbeat", h, 10_000);
        var first = Stopwatch.StartNew();
        t.WaitCall("Heartbeat", t.Mark(), 10_000);
        Assert.IsTrue(first.ElapsedMilliseconds is >= 2000 and <= 4500, "a heartbeat every 3 s: " + first.ElapsedMilliseconds + " ms");
    }

    [TestMethod]
    public void TC_002_ColdBootPending()
    {
        using var t = new OcttRig(bootStatus: "Pending", interval: 4, waitAvailable: false);
        t.WaitCall("BootNotification", 0);
        Assert.IsNotNull(t.Call("GetConfiguration", new { key = new[] { "MeterValueSampleInterval" } })["configurationKey"]);
        Assert.AreEqual("Accepted", t.Status("ChangeConfiguration", new { key = "MeterValueSampleInterval", value = "30" }));
        Assert.AreEqual(0, t.Count("StatusNotification", 0) + t.Count("Authorize", 0) + t.Count("StartTransaction", 0), "nothing of its own while Pending");
        t.Csms.SetBoot("Accepted", 300);
        int m = t.Mark();
        t.WaitCall("BootNotification", m, 20_000);
        t.WaitStatus("Available", m, connectorId: 0);
        t.WaitStatus("Available", m);
    }

    [TestMethod]
    public void TC_003_RegularSessionPlugInFirst()
    {
        using var t = new OcttRig();
        t.Configure("MeterValueSampleInterval", "2");
        int m = t.Mark();
        t.Plug();
        t.WaitStatus("Preparing", m);
        t.Card("TAG-1");
        Assert.AreEqual("TAG-1", (string)t.WaitCall("Authorize", m)["idTag"]);
        Assert.AreEqual("TAG-1", (string)t.WaitCall("StartTransaction", m)["idTag"]);
        t.Charge();
        t.WaitStatus("Charging", m);
        int mv = t.Mark();
        var a = t.WaitCall("MeterValues", mv);
        var b = t.WaitCall("MeterValues", t.Mark());
        double apart = (Time((JsonObject)b["meterValue"][0], "timestamp") - Time((JsonObject)a["meterValue"][0], "timestamp")).TotalSeconds;
        Assert.IsTrue(apart is >= 1 and <= 3, "sampled every 2 s: " + apart);
    }

    [TestMethod]
    public void TC_004_1_IdentificationFirst()
    {
        using var t = new OcttRig();
        t.Configure("MeterValueSampleInterval", "10");
        int m = t.Mark();
        t.Card("TAG-1");
        t.WaitCall("Authorize", m);
        t.WaitStatus("Preparing", m);
        Assert.AreEqual("TAG-1", (string)t.PlugAndCharge(m)["idTag"]);
    }

    [TestMethod]
    public void TC_004_2_IdentificationFirstConnectionTimeOut()
    {
        using var t = new OcttRig();
        t.Configure("ConnectionTimeOut", "10");
        int m = t.Mark();
        t.Card("TAG-1");
        t.WaitStatus("Preparing", m);
        var sw = Stopwatch.StartNew();
        t.WaitStatus("Available", m, 20_000);
        Assert.IsTrue(sw.ElapsedMilliseconds >= 8000, "after ConnectionTimeOut: " + sw.ElapsedMilliseconds + " ms");
        Assert.AreEqual(0, t.Count("StartTransaction", m));
    }

    [TestMethod]
    public void TC_005_1_EvSideDisconnectStopAndUnlock()
    {
        using var t = new OcttRig();
        t.Configure("MinimumStatusDuration", "0");
        t.Configure("StopTransactionOnEVSideDisconnect", "true");
        var unlock = t.Call("GetConfiguration", new { key = new[] { "UnlockConnectorOnEVSideDisconnect" } })["configurationKey"][0];
        Assert.AreEqual("true", (string)unlock["value"], "the socket is never locked: read-only true");
        t.StartCharging();
        int m = t.Mark();
        t.UnplugAtEv();
        Assert.AreEqual("EVDisconnected", (string)t.WaitCall("StopTransaction", m)["reason"]);
        t.WaitStatus("Finishing", m);
        OcttRig.Quiet(1000);
        Assert.AreEqual("Finishing", (string)t.Rig.Status()["connector"]["status"], "the cable is still in the socket");
        m = t.Mark();
        t.Unplug();
        t.WaitStatus("Available", m);
    }

    [TestMethod]
    public void TC_005_3_EvSideDisconnectWithoutStop()
    {
        using var t = new OcttRig();
        t.Configure("StopTransactionOnEVSideDisconnect", "false");
        t.Configure("MinimumStatusDuration", "0");
        var (_, id) = t.StartCharging();
        int m = t.Mark();
        t.Unplug();
        t.WaitStatus("SuspendedEV", m);
        OcttRig.Quiet(1000);
        Assert.AreEqual(0, t.Count("StopTransaction", m), "the transaction is kept");
        Assert.AreEqual("Accepted", t.Status("RemoteStopTransaction", new { transactionId = id }));
        Assert.AreEqual("Remote", (string)t.WaitCall("StopTransaction", m)["reason"]);
    }

    [TestMethod]
    public void TC_068_StopWithTheSameIdTag()
    {
        using var t = new OcttRig();
        t.StartCharging("TAG-1");
        int m = t.Mark();
        t.Card("TAG-2");
        OcttRig.Quiet();
        Assert.AreEqual(0, t.Count("Authorize", m) + t.Count("StopTransaction", m), "another tag neither asks nor stops");
        t.Card("TAG-1");
        var stop = t.WaitCall("StopTransaction", m);
        Assert.AreEqual("TAG-1", (string)stop["idTag"]);
        t.WaitStatus("Finishing", m);
    }

    [TestMethod]
    public void TC_069_StopWithTheSameParentIdTag()
    {
        using var t = new OcttRig();
        t.Csms.SetParents(new Dictionary<string, string> { ["TAG-1"] = "FLEET", ["TAG-2"] = "FLEET" });
        t.StartCharging("TAG-1");
        int m = t.Mark();
        t.Card("TAG-2");
        Assert.AreEqual("TAG-2", (string)t.WaitCall("Authorize", m)["idTag"], "the box asks for the new card's parent");
        var stop = t.WaitCall("StopTransaction", m);
        Assert.AreEqual("TAG-2", (string)stop["idTag"]);
        Assert.AreEqual("Local", (string)stop["reason"]);
        t.WaitStatus("Finishing", m);
    }

    [TestMethod]
    public void TC_007_1_LocalStartWithACachedId()
    {
        using var t = new OcttRig();
        CacheTag(t, "TAG-1");
        int m = t.Mark();
        t.Card("TAG-1");
        t.WaitStatus("Preparing", m);
        t.PlugAndCharge(m);
        Assert.AreEqual(0, t.Count("Authorize", m), "the cache hit stands in for Authorize");
    }

    [TestMethod]
    public void TC_007_2_RemoteStartWithACachedId()
    {
        using var t = new OcttRig();
        CacheTag(t, "TAG-1");
        t.Configure("AuthorizeRemoteTxRequests", "true");
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("RemoteStartTransaction", new { connectorId = 1, idTag = "TAG-1" }));
        t.WaitStatus("Preparing", m);
        t.Plug();
        t.WaitCall("StartTransaction", m);
        Assert.AreEqual(0, t.Count("Authorize", m), "the cache stands in for Authorize");
    }

    [TestMethod]
    public void TC_061_1_ClearCacheLocal()
    {
        using var t = new OcttRig();
        CacheTag(t, "TAG-1");
        Assert.AreEqual("Accepted", t.Status("ClearCache", new { }));
        int m = t.Mark();
        t.Card("TAG-1");
        Assert.AreEqual("TAG-1", (string)t.WaitCall("Authorize", m)["idTag"], "asked online once the cache is cleared");
    }

    [TestMethod]
    public void TC_061_2_ClearCacheRemote()
    {
        using var t = new OcttRig();
        CacheTag(t, "TAG-1");
        t.Configure("AuthorizeRemoteTxRequests", "true");
        Assert.AreEqual("Accepted", t.Status("ClearCache", new { }));
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("RemoteStartTransaction", new { connectorId = 1, idTag = "TAG-1" }));
        Assert.AreEqual("TAG-1", (string)t.WaitCall("Authorize", m)["idTag"]);
    }

    [TestMethod]
    public void TC_010_RemoteStartCableFirst()
    {
        using var t = new OcttRig();
        var key = t.Call("GetConfiguration", new { key = new[] { "AuthorizeRemoteTxRequests" } })["configurationKey"][0];
        Assert.AreEqual("false", (string)key["value"]);
        int m = t.Mark();
        t.Plug();
        t.WaitStatus("Preparing", m);
        Assert.AreEqual("Accepted", t.Status("RemoteStartTransaction", new { connectorId = 1, idTag = "REMOTE-1" }));
        Assert.AreEqual("REMOTE-1", (string)t.WaitCall("StartTransaction", m)["idTag"]);
        t.Charge();
        t.WaitStatus("Charging", m);
        Assert.AreEqual(0, t.Count("Authorize", m), "AuthorizeRemoteTxRequests is false");
    }

    [TestMethod]
    public void TC_011_1_RemoteStartFirst()
    {
        using var t = new OcttRig();
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("RemoteStartTransaction", new { connectorId = 1, idTag = "REMOTE-1" }));
        t.WaitStatus("Preparing", m);
        t.PlugAndCharge(m);
    }

    [TestMethod]
    public void TC_011_2_RemoteStartTimeOut()
    {
        using var t = new OcttRig();
        t.Configure("ConnectionTimeOut", "10");
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("RemoteStartTransaction", new { connectorId = 1, idTag = "REMOTE-1" }));
        t.WaitStatus("Preparing", m);
        t.WaitStatus("Available", m, 20_000);
        Assert.AreEqual(0, t.Count("StartTransaction", m));
    }

    [TestMethod]
    public void TC_012_RemoteStop()
    {
        using var t = new OcttRig();
        var (_, id) = t.StartCharging();
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("RemoteStopTransaction", new { transactionId = id }));
        Assert.AreEqual("Remote", (string)t.WaitCall("StopTransaction", m)["reason"]);
        t.WaitStatus("Finishing", m);
    }

    static void ResetKeepsUnavailable(string type)
    {
        using var t = new OcttRig();
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("ChangeAvailability", new { connectorId = 1, type = "Inoperative" }));
        t.WaitStatus("Unavailable", m);
        m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("Reset", new { type }));
        t.WaitCall("BootNotification", m, 30_000);
        t.WaitStatus("Unavailable", m, 20_000);
        m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("ChangeAvailability", new { connectorId = 1, type = "Operative" }));
        t.WaitStatus("Available", m);
    }

    [TestMethod]
    public void TC_013_HardResetWithoutTransaction() => ResetKeepsUnavailable("Hard");

    [TestMethod]
    public void TC_014_SoftResetWithoutTransaction() => ResetKeepsUnavailable("Soft");

    static void ResetDuringCharging(string type)
    {
        using var t = new OcttRig();
        t.StartCharging();
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("Reset", new { type }));
        Assert.AreEqual(type + "Reset", (string)t.WaitCall("StopTransaction", m, 30_000)["reason"]);
        t.WaitCall("BootNotification", m, 30_000);
        var after = t.WaitEvent(m, 20_000, "the connector's status after the boot", e => Csms.Event(e) == "call" && (string)e["action"] == "StatusNotification"
            && (int)e["params"]["connectorId"] == 1 && t.Csms.Events.IndexOf(e) > t.Csms.Events.FindIndex(m, x => Csms.Event(x) == "call" && (string)x["action"] == "BootNotification"));
        string status = (string)after["params"]["status"];
        Assert.IsTrue(status is "Finishing" or "Preparing" or "Charging" or "SuspendedEV" or "SuspendedEVSE", "the plugged connector is not reported Available: " + status);
    }

    [TestMethod]
    public void TC_015_HardResetWithTransaction() => ResetDuringCharging("Hard");

    [TestMethod]
    public void TC_016_SoftResetWithTransaction() => ResetDuringCharging("Soft");

    [TestMethod]
    public void TC_017_1_UnlockNoSessionSocket()
    {
        using var t = new OcttRig();
        Assert.AreEqual("Unlocked", t.Status("UnlockConnector", new { connectorId = 1 }));
    }

    [TestMethod]
    public void TC_017_2_UnlockNoSessionFixedCable()
    {
        using var t = new OcttRig();
        FixedCable(t);
        Assert.AreEqual("NotSupported", t.Status("UnlockConnector", new { connectorId = 1 }));
    }

    [TestMethod]
    public void TC_018_1_UnlockDuringASessionSocket()
    {
        using var t = new OcttRig();
        t.StartCharging();
        int m = t.Mark();
        Assert.AreEqual("Unlocked", t.Status("UnlockConnector", new { connectorId = 1 }));
        Assert.AreEqual("UnlockCommand", (string)t.WaitCall("StopTransaction", m)["reason"]);
        t.WaitStatus("Finishing", m);
        t.Unplug();
        t.WaitStatus("Available", m);
    }

    [TestMethod]
    public void TC_018_2_UnlockDuringASessionFixedCable()
    {
        using var t = new OcttRig();
        FixedCable(t);
        var (_, id) = t.StartCharging();
        int m = t.Mark();
        Assert.AreEqual("NotSupported", t.Status("UnlockConnector", new { connectorId = 1 }));
        OcttRig.Quiet(1000);
        Assert.AreEqual(0, t.Count("StopTransaction", m), "the transaction keeps running");
        Assert.AreEqual("Accepted", t.Status("RemoteStopTransaction", new { transactionId = id }));
        Assert.AreEqual("Remote", (string)t.WaitCall("StopTransaction", m)["reason"]);
        t.Unplug();
        t.WaitStatus("Available", m);
    }

    [TestMethod]
    public void TC_019_RetrieveConfiguration()
    {
        using var t = new OcttRig();
        var profiles = t.Call("GetConfiguration", new { key = new[] { "SupportedFeatureProfiles" } });
        Assert.AreEqual(0, profiles["unknownKey"]?.AsArray().Count ?? 0);
        var claimed = ((string)profiles["configurationKey"][0]["value"]).Split(',');
        CollectionAssert.Contains(claimed, "Core");
        var all = t.Call("GetConfiguration", new { })["configurationKey"].AsArray().ToDictionary(k => (string)k["key"], k => (JsonObject)k);
        string table = Path.Combine(RepoPaths.Shared, "ocpp", "config-keys.tsv");
        int checkedKeys = 0;
        foreach (var line in File.ReadLines(table).Skip(1))
        {
            var f = line.Split('\t');
            if (f.Length < 4 || f[2] != "required" || !claimed.Contains(f[1])) continue;
            Assert.IsTrue(all.ContainsKey(f[0]), "required key missing: " + f[0]);
            bool readOnly = (bool)all[f[0]]["readonly"];
            if (f[3] == "R") Assert.IsTrue(readOnly, f[0] + " must be read-only");
            else if (f[3] == "RW") Assert.IsFalse(readOnly, f[0] + " must be writable");
            checkedKeys++;
        }
        Assert.IsTrue(checkedKeys >= 25, "keys checked: " + checkedKeys);
        Assert.IsFalse(all.ContainsKey("AuthorizationKey") && all["AuthorizationKey"]["value"] != null && ((string)all["AuthorizationKey"]["value"]).Length > 0, "the AuthorizationKey is never shown");
    }

    [TestMethod]
    public void TC_021_ChangeConfiguration()
    {
        using var t = new OcttRig();
        Assert.AreEqual("Accepted", t.Status("ChangeConfiguration", new { key = "MeterValueSampleInterval", value = "17" }));
        Assert.AreEqual("17", (string)t.Call("GetConfiguration", new { key = new[] { "MeterValueSampleInterval" } })["configurationKey"][0]["value"]);
    }

    [TestMethod]
    public void TC_070_SampledMeterValues()
    {
        using var t = new OcttRig();
        t.Configure("MeterValueSampleInterval", "2");
        t.Configure("ClockAlignedDataInterval", "0");
        var measurands = ((string)t.Call("GetConfiguration", new { key = new[] { "MeterValuesSampledData" } })["configurationKey"][0]["value"]).Split(',');
        t.StartCharging();
        int m = t.Mark();
        var samples = new List<JsonObject>();
        for (int i = 0; i < 3; i++) samples.Add(t.WaitCall("MeterValues", i == 0 ? m : t.Mark()));
        for (int i = 0; i < samples.Count; i++)
        {
            var value = (JsonObject)samples[i]["meterValue"][0];
            var sampled = value["sampledValue"].AsArray();
            Assert.IsTrue(sampled.All(v => ((string)v["context"] ?? "Sample.Periodic") == "Sample.Periodic"));
            CollectionAssert.AreEquivalent(measurands, sampled.Select(v => (string)v["measurand"] ?? "Energy.Active.Import.Register").Distinct().ToArray());
            Assert.IsTrue(sampled.All(v => (string)v["location"] != "EV"), "EV only for SoC");
            if (i > 0)
            {
                double apart = (Time(value, "timestamp") - Time((JsonObject)samples[i - 1]["meterValue"][0], "timestamp")).TotalSeconds;
                Assert.IsTrue(apart is >= 1 and <= 3, "2 s apart: " + apart);
            }
        }
    }

    [TestMethod]
    public void TC_071_ClockAlignedMeterValues()
    {
        using var t = new OcttRig();
        t.Configure("MeterValueSampleInterval", "0");
        t.Configure("ClockAlignedDataInterval", "5");
        t.StartCharging();
        int m = t.Mark();
        for (int i = 0; i < 2; i++)
        {
            var value = (JsonObject)t.WaitCall("MeterValues", i == 0 ? m : t.Mark(), 15_000)["meterValue"][0];
            Assert.AreEqual(0, Time(value, "timestamp").Second % 5, "on the 5 s grid: " + value["timestamp"]);
            Assert.IsTrue(value["sampledValue"].AsArray().All(v => (string)v["context"] == "Sample.Clock"));
        }
        Assert.IsFalse(t.Csms.Calls("MeterValues").Any(c => ((string)c["params"].ToJsonString()).Contains("Sample.Periodic")), "no periodic samples at interval 0");
    }

    [TestMethod]
    public void TC_023_4_LocalStartAuthorizeInvalid()
    {
        using var t = new OcttRig();
        t.Configure("MinimumStatusDuration", "10");
        t.Configure("LocalPreAuthorize", "true");
        t.Csms.SetTags(new Dictionary<string, string> { ["BAD-1"] = "Invalid" });
        int m = t.Mark();
        t.Card("BAD-1");
        t.WaitCall("Authorize", m);
        t.Plug();
        t.WaitStatus("Preparing", m, 20_000);
        OcttRig.Quiet();
        Assert.AreEqual(0, t.Count("StartTransaction", m));
    }

    [TestMethod]
    public void TC_023_5_RemoteStartAuthorizeInvalid()
    {
        using var t = new OcttRig();
        t.Configure("AuthorizeRemoteTxRequests", "true");
        t.Csms.SetTags(new Dictionary<string, string> { ["BAD-1"] = "Invalid" });
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("RemoteStartTransaction", new { connectorId = 1, idTag = "BAD-1" }));
        t.WaitCall("Authorize", m);
        t.Plug();
        t.WaitStatus("Preparing", m);
        OcttRig.Quiet();
        Assert.AreEqual(0, t.Count("StartTransaction", m));
    }

    [TestMethod]
    public void TC_026_RemoteStartRejectedConnectorBusy()
    {
        using var t = new OcttRig();
        t.Configure("LocalPreAuthorize", "false");
        t.StartCharging();
        Assert.AreEqual("Rejected", t.Status("RemoteStartTransaction", new { connectorId = 1, idTag = "REMOTE-1" }));
    }

    [TestMethod]
    public void TC_027_RemoteStartOnConnectorZero()
    {
        using var t = new OcttRig();
        Assert.AreEqual("Rejected", t.Status("RemoteStartTransaction", new { connectorId = 0, idTag = "REMOTE-1" }));
    }

    [TestMethod]
    public void TC_028_RemoteStopRejected()
    {
        using var t = new OcttRig();
        var (_, id) = t.StartCharging();
        int m = t.Mark();
        Assert.AreEqual("Rejected", t.Status("RemoteStopTransaction", new { transactionId = id + 1000 }));
        OcttRig.Quiet(1000);
        Assert.AreEqual(0, t.Count("StopTransaction", m), "the running transaction is left alone");
    }

    [TestMethod]
    public void TC_031_UnlockAnUnknownConnector()
    {
        using var t = new OcttRig();
        Assert.AreEqual("NotSupported", t.Status("UnlockConnector", new { connectorId = 2 }));
    }

    [TestMethod]
    public void TC_032_2_PowerLossStopAfterRestart()
    {
        using var t = new OcttRig();
        t.StartCharging();
        int m = t.Mark();
        t.PowerCycle();
        t.WaitCall("BootNotification", m, 30_000);
        Assert.AreEqual("PowerLoss", (string)t.WaitCall("StopTransaction", m, 30_000)["reason"]);
    }

    [TestMethod]
    public void TC_034_PowerFailureWithUnavailableStatus()
    {
        using var t = new OcttRig();
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("ChangeAvailability", new { connectorId = 0, type = "Inoperative" }));
        t.WaitStatus("Unavailable", m);
        t.WaitStatus("Unavailable", m, connectorId: 0);
        m = t.Mark();
        t.PowerCycle();
        t.WaitCall("BootNotification", m, 30_000);
        t.WaitStatus("Unavailable", m, 20_000, connectorId: 0);
        t.WaitStatus("Unavailable", m, 20_000);
    }

    [TestMethod]
    public void TC_036_ConnectionLossDuringATransaction()
    {
        using var t = new OcttRig();
        t.Configure("MeterValueSampleInterval", "2");
        t.StartCharging();
        int port = t.GoOffline();
        OcttRig.Quiet(7000);
        t.ComeBack(port);
        t.WaitCall("MeterValues", 0);
        t.WaitEvent(0, 15_000, "three queued samples", _ => t.Csms.Calls("MeterValues").Count >= 3);
        var values = t.Csms.Calls("MeterValues").Select(c => Time((JsonObject)c["params"]["meterValue"][0], "timestamp")).ToList();
        Assert.IsTrue(values.Count >= 3, "the queued samples arrive: " + values.Count);
        for (int i = 1; i < values.Count; i++)
        {
            double apart = (values[i] - values[i - 1]).TotalSeconds;
            Assert.IsTrue(apart is >= 1 and <= 3, "oldest first, none missing: " + string.Join(", ", values.Select(v => v.ToString("HH:mm:ss"))));
        }
    }

    [TestMethod]
    public void TC_037_1_OfflineStartValidTag()
    {
        using var t = new OcttRig();
        t.Configure("LocalAuthorizeOffline", "true");
        Assert.AreEqual("Accepted", t.Status("SendLocalList", new { listVersion = 1, updateType = "Full", localAuthorizationList = new[] { new { idTag = "TAG-1", idTagInfo = new { status = "Accepted" } } } }));
        int port = t.GoOffline();
        t.Card("TAG-1");
        t.Plug();
        t.Charge();
        var startedAt = DateTime.UtcNow;
        OcttRig.Quiet(2000);
        t.ComeBack(port);
        var start = t.WaitCall("StartTransaction", 0);
        Assert.AreEqual("TAG-1", (string)start["idTag"]);
        Assert.IsTrue(Time(start, "timestamp") <= startedAt.AddSeconds(2), "the real start time, not the reconnect: " + start["timestamp"]);
        t.WaitStatus("Charging", 0);
    }

    static void OfflineUnknownTag(bool stopOnInvalid)
    {
        using var t = new OcttRig();
        t.Configure("AllowOfflineTxForUnknownId", "true");
        t.Configure("LocalAuthorizeOffline", "true");
        t.Configure("StopTransactionOnInvalidId", stopOnInvalid ? "true" : "false");
        int port = t.GoOffline();
        t.Card("UNKNOWN-1");
        t.Plug();
        t.Charge();
        OcttRig.Quiet(2000);
        t.ComeBack(port);
        t.Csms.SetTags(new Dictionary<string, string> { ["UNKNOWN-1"] = "Invalid" });
        t.WaitCall("StartTransaction", 0);
        if (stopOnInvalid)
        {
            Assert.AreEqual("DeAuthorized", (string)t.WaitCall("StopTransaction", 0)["reason"]);
            t.WaitStatus("Finishing", 0);
            return;
        }
        t.WaitStatus("SuspendedEVSE", 0);
        OcttRig.Quiet(1000);
        Assert.AreEqual(0, t.Count("StopTransaction", 0), "the transaction stays open, without energy");
        t.Card("UNKNOWN-1");
        Assert.AreEqual("Local", (string)t.WaitCall("StopTransaction", 0)["reason"]);
    }

    [TestMethod]
    public void TC_037_2_OfflineStartInvalidTagKeptOpen() => OfflineUnknownTag(false);

    [TestMethod]
    public void TC_037_3_OfflineStartInvalidTagStopped() => OfflineUnknownTag(true);

    [TestMethod]
    public void TC_038_OfflineStop()
    {
        using var t = new OcttRig();
        t.StartCharging("TAG-1");
        int m = t.Mark();
        int port = t.GoOffline();
        t.Card("TAG-1");
        OcttRig.Quiet(1500);
        t.ComeBack(port);
        string reason = (string)t.WaitCall("StopTransaction", 0)["reason"];
        Assert.IsTrue(reason is null or "Local", reason);
        t.WaitStatus("Finishing", 0);
    }

    [TestMethod]
    public void TC_039_OfflineTransaction()
    {
        using var t = new OcttRig();
        t.Configure("LocalAuthorizeOffline", "true");
        Assert.AreEqual("Accepted", t.Status("SendLocalList", new { listVersion = 1, updateType = "Full", localAuthorizationList = new[] { new { idTag = "TAG-1", idTagInfo = new { status = "Accepted" } } } }));
        int port = t.GoOffline();
        t.Card("TAG-1");
        t.Plug();
        t.Charge();
        OcttRig.Quiet(2000);
        t.Card("TAG-1");
        OcttRig.Quiet(1000);
        t.Unplug();
        OcttRig.Quiet(1000);
        t.ComeBack(port);
        var stop = t.WaitCall("StopTransaction", 0);
        var answers = t.Csms.Events.Where(e => Csms.Event(e) == "message" && (bool)e["outbound"] && ((string)e["message"]).Contains("transactionId")).ToList();
        Assert.IsTrue(answers.Count >= 1, "StartTransaction was answered first");
        int given = (int)JsonNode.Parse((string)answers[0]["message"])[2]["transactionId"];
        Assert.AreEqual(given, (int)stop["transactionId"], "the id from the StartTransaction answer");
        string reason = (string)stop["reason"];
        Assert.IsTrue(reason is null or "Local", reason);
    }

    [TestMethod]
    public void TC_040_1_UnknownConfigurationKey()
    {
        using var t = new OcttRig();
        Assert.AreEqual("NotSupported", t.Status("ChangeConfiguration", new { key = "Testing", value = "true" }));
    }

    [TestMethod]
    public void TC_040_2_InvalidConfigurationValue()
    {
        using var t = new OcttRig();
        Assert.AreEqual("Rejected", t.Status("ChangeConfiguration", new { key = "MeterValueSampleInterval", value = "-1" }));
    }

    [TestMethod]
    public void TC_041_FaultBehaviour()
    {
        using var t = new OcttRig();
        int m = t.Mark();
        t.Weld();
        var faulted = t.WaitStatus("Faulted", m);
        Assert.AreEqual("PowerSwitchFailure", (string)faulted["errorCode"]);
        t.Card("TAG-1");
        t.Plug();
        OcttRig.Quiet(2000);
        Assert.AreEqual(0, t.Count("StartTransaction", m), "no transaction while faulted");
    }

    [TestMethod]
    public void TC_062_DataTransferToTheChargePoint()
    {
        using var t = new OcttRig();
        string status = t.Status("DataTransfer", new { vendorId = "com.example.unknown", messageId = "Test", data = "x" });
        Assert.IsTrue(status is "Rejected" or "UnknownMessageId" or "UnknownVendorId", status);
    }
}
