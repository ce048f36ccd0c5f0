using System;
using System.Diagnostics;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Ocpp;

/// <summary>Smart charging against the strict ocpp-rpc CSMS, and the whole arbiter end to end with
/// mbpoll as the Modbus master at the same time.</summary>
[TestClass]
public sealed class SmartChargingTests
{
    static object Profile(int id, string purpose, int stack, double limit, string unit = "A", string kind = "Absolute", int? duration = null,
                          int? transactionId = null, string recurrency = null, string startSchedule = null, object[] periods = null)
    {
        var schedule = new JsonObject
        {
            ["chargingRateUnit"] = unit,
            ["chargingSchedulePeriod"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(periods ?? new object[] { new { startPeriod = 0, limit } })),
        };
        if (duration != null) schedule["duration"] = duration;
        if (startSchedule != null) schedule["startSchedule"] = startSchedule;
        var p = new JsonObject
        {
            ["chargingProfileId"] = id, ["stackLevel"] = stack, ["chargingProfilePurpose"] = purpose, ["chargingProfileKind"] = kind,
            ["chargingSchedule"] = schedule,
        };
        if (transactionId != null) p["transactionId"] = transactionId;
        if (recurrency != null) p["recurrencyKind"] = recurrency;
        return p;
    }

    static string Set(OcppRig rig, int connector, object profile) =>
        (string)rig.Csms.Call("SetChargingProfile", new { connectorId = connector, csChargingProfiles = profile })["status"];

    static JsonObject WaitCharging(OcppRig rig, Func<JsonObject, bool> until, string what, int timeoutMs = 15_000)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var s = rig.Status();
            if (until(s)) return s;
            if (sw.ElapsedMilliseconds > timeoutMs) throw new TimeoutException(what + ": " + s["charging"].ToJsonString());
            Thread.Sleep(50);
        }
    }

    static double Offered(JsonObject s) => (double)s["charging"]["offeredAmps"];

    static OcppRig Charging(params string[] extra)
    {
        var rig = new OcppRig("Accepted", 300, "secret", extra.Length > 0 ? extra : new[] { "--id-tag", "FREE" });
        rig.Csms.WaitStatus("Available");
        rig.Post("/api/ev/plug");
        rig.Post("/api/ev/charge", "{\"requestAmps\":32}");
        rig.Csms.WaitCall("StartTransaction");
        WaitCharging(rig, s => Offered(s) == 16 && s["transaction"]["id"] != null, "16 A (hardware maximum), transaction numbered");
        return rig;
    }

    [TestMethod]
    public void TxDefaultProfileLimitsAndTxProfileRules()
    {
        using var rig = Charging();
        Assert.AreEqual("Accepted", Set(rig, 0, Profile(1, "TxDefaultProfile", 0, 10)));
        var s = WaitCharging(rig, s => Offered(s) == 10, "TxDefault 10 A");
        Assert.AreEqual("OCPP", (string)s["charging"]["limitedBy"]);

        int tx = (int)s["transaction"]["id"];
        Assert.AreEqual("Rejected", Set(rig, 1, Profile(2, "TxProfile", 1, 8, transactionId: tx + 1)), "another transaction");
        Assert.AreEqual("Rejected", Set(rig, 0, Profile(2, "TxProfile", 1, 8)), "not on connector 0");
        Assert.AreEqual("Rejected", Set(rig, 0, Profile(3, "ChargePointMaxProfile", 9, 8)), "stack level above 8");
        Assert.AreEqual("Rejected", Set(rig, 0, Profile(3, "TxDefaultProfile", 1, 8, periods: new object[] { new { startPeriod = 5, limit = 8.0 } })), "first period must start at 0");
        Assert.AreEqual("Rejected", Set(rig, 0, Profile(3, "TxDefaultProfile", 1, 8, periods: Enumerable.Range(0, 25).Select(i => (object)new { startPeriod = i * 10, limit = 8.0 }).ToArray())), "25 periods");
        Assert.AreEqual("Accepted", Set(rig, 1, Profile(2, "TxProfile", 1, 13.3, transactionId: tx)));
        s = WaitCharging(rig, s => Offered(s) == 13.3, "TxProfile wins over TxDefault");
        Assert.AreEqual("13.3", (string)s["ocpp"]["limitAmps"].ToString());

        rig.Post("/api/ev/unplug");
        rig.Csms.WaitCall("StopTransaction");
        Assert.AreEqual("Rejected", Set(rig, 1, Profile(4, "TxProfile", 1, 8)), "no transaction");
        var composite = rig.Csms.Call("GetCompositeSchedule", new { connectorId = 1, duration = 600 });
        Assert.AreEqual(10.0, (double)composite["chargingSchedule"]["chargingSchedulePeriod"][0]["limit"], "the TxProfile ended with its transaction");
    }

    [TestMethod]
    public void StackingFallsBackWhenTheUpperLevelExpires()
    {
        using var rig = Charging();
        Assert.AreEqual("Accepted", Set(rig, 0, Profile(1, "TxDefaultProfile", 0, 12)));
        Assert.AreEqual("Accepted", Set(rig, 0, Profile(2, "TxDefaultProfile", 1, 6, duration: 4)));
        WaitCharging(rig, s => Offered(s) == 6, "level 1: 6 A");
        var composite = rig.Csms.Call("GetCompositeSchedule", new { connectorId = 1, duration = 60, chargingRateUnit = "A" });
        var periods = composite["chargingSchedule"]["chargingSchedulePeriod"].AsArray();
        Assert.AreEqual(2, periods.Count, composite.ToJsonString());
        Assert.AreEqual(6.0, (double)periods[0]["limit"]);
        Assert.AreEqual(12.0, (double)periods[1]["limit"]);
        Assert.IsTrue((int)periods[1]["startPeriod"] is >= 1 and <= 4);
        Assert.IsNull(composite["chargingSchedule"]["startSchedule"], "scheduleStart is given instead");
        Assert.IsNotNull(composite["scheduleStart"]);
        WaitCharging(rig, s => Offered(s) == 12, "back to level 0 after 4 s", 10_000);
    }

    [TestMethod]
    public void RecurringDailyProfileAndCompositeInWattsForBothConnectors()
    {
        using var rig = Charging();
        // A daily schedule that began (yesterday's recurrence included) 10 s ago: 8 A, 10 A from 13 s, 8 A from 3613 s.
        string began = DateTime.UtcNow.AddDays(-1).AddSeconds(-10).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var periods = new object[] { new { startPeriod = 0, limit = 8.0 }, new { startPeriod = 13, limit = 10.0 }, new { startPeriod = 3613, limit = 8.0 } };
        Assert.AreEqual("Accepted", Set(rig, 0, Profile(5, "ChargePointMaxProfile", 0, 0, kind: "Recurring", recurrency: "Daily", startSchedule: began, periods: periods)));
        WaitCharging(rig, s => Offered(s) == 8, "8 A before the second period");
        WaitCharging(rig, s => Offered(s) == 10, "10 A from the second period", 10_000);

        var a = rig.Csms.Call("GetCompositeSchedule", new { connectorId = 0, duration = 7200 });
        var w = rig.Csms.Call("GetCompositeSchedule", new { connectorId = 1, duration = 7200, chargingRateUnit = "W" });
        Assert.AreEqual("A", (string)a["chargingSchedule"]["chargingRateUnit"]);
        Assert.AreEqual(10.0, (double)a["chargingSchedule"]["chargingSchedulePeriod"][0]["limit"]);
        Assert.AreEqual(8.0, (double)a["chargingSchedule"]["chargingSchedulePeriod"][1]["limit"]);
        Assert.AreEqual("W", (string)w["chargingSchedule"]["chargingRateUnit"]);
        Assert.AreEqual(10 * 230 * 3, (double)w["chargingSchedule"]["chargingSchedulePeriod"][0]["limit"], "W = A x 230 V x 3 phases");
        Assert.AreEqual(0, (int)a["connectorId"]);
        Assert.AreEqual(1, (int)w["connectorId"]);
    }

    [TestMethod]
    public void ClearByIdByCriteriaAndAll()
    {
        using var rig = Charging();
        Assert.AreEqual("Accepted", Set(rig, 0, Profile(1, "TxDefaultProfile", 0, 12)));
        Assert.AreEqual("Accepted", Set(rig, 0, Profile(2, "TxDefaultProfile", 1, 10)));
        Assert.AreEqual("Accepted", Set(rig, 0, Profile(3, "ChargePointMaxProfile", 0, 14)));
        WaitCharging(rig, s => Offered(s) == 10, "10 A");
        Assert.AreEqual("Accepted", (string)rig.Csms.Call("ClearChargingProfile", new { id = 2, stackLevel = 7 })["status"], "by id, other fields ignored");
        WaitCharging(rig, s => Offered(s) == 12, "12 A");
        Assert.AreEqual("Unknown", (string)rig.Csms.Call("ClearChargingProfile", new { chargingProfilePurpose = "TxDefaultProfile", stackLevel = 3 })["status"]);
        Assert.AreEqual("Accepted", (string)rig.Csms.Call("ClearChargingProfile", new { chargingProfilePurpose = "TxDefaultProfile", stackLevel = 0 })["status"]);
        WaitCharging(rig, s => Offered(s) == 14, "ChargePointMax 14 A is left, above the 16 A hardware? no: 14");
        Assert.AreEqual("Accepted", (string)rig.Csms.Call("ClearChargingProfile", new { })["status"], "no fields: all");
        WaitCharging(rig, s => Offered(s) == 16, "no profiles: 16 A");
        Assert.AreEqual("Unknown", (string)rig.Csms.Call("ClearChargingProfile", new { })["status"]);
    }

    [TestMethod]
    public void ALimitZeroDefaultProfileMeansNoChargingAndProfilesSurviveARestart()
    {
        using var rig = Charging();
        Assert.AreEqual("Accepted", Set(rig, 0, Profile(9, "TxDefaultProfile", 0, 0)));
        rig.Csms.WaitStatus("SuspendedEVSE");
        var s = WaitCharging(rig, s => Offered(s) == 0 && !(bool)s["charging"]["contactorClosed"], "paused, contactor open", 10_000);
        Assert.AreEqual("OCPP", (string)s["charging"]["limitedBy"]);

        Assert.AreEqual(0, rig.Emu.Interrupt());
        rig.StartEmulator("--id-tag", "FREE");
        rig.Csms.WaitCall("BootNotification", 20_000, 1);
        rig.Csms.WaitStatus("Available");
        rig.Post("/api/ev/plug");              // a new emulator process: a new simulated car
        rig.Post("/api/ev/charge", "{\"requestAmps\":32}");
        s = WaitCharging(rig, s => s["transaction"]["id"] != null, "a new transaction after the restart", 20_000);
        Assert.AreEqual(0.0, Offered(s), "the stored limit-0 profile still applies");
        Assert.AreEqual(0.0, (double)s["ocpp"]["limitAmps"]);
    }

    /// <summary>The end-to-end flow: both peers at once, the arbiter in between.</summary>
    [TestMethod]
    public void BothSidesMustAllowAtTheLowerCurrent()
    {
        using var rig = Charging();
        string[] Mb(params string[] a) => new[] { "-m", "tcp", "-a", "1", "-p", rig.Emu.ModbusPort.ToString(), "-0", "-1" }.Concat(a).ToArray();

        // 1. TxDefaultProfile 16 A, Modbus 10 A: the EV gets 10 A, Modbus limits.
        Assert.AreEqual("Accepted", Set(rig, 0, Profile(1, "TxDefaultProfile", 0, 16)));
        Assert.AreEqual(0, Peer.Run("mbpoll", Mb("-r", "8093", "127.0.0.1", "100")).Exit);
        var s = WaitCharging(rig, s => Offered(s) == 10, "10 A");
        Assert.AreEqual("Modbus", (string)s["charging"]["limitedBy"]);
        Assert.AreEqual(100, Peer.MbpollValues(Peer.Run("mbpoll", Mb("-r", "8095", "127.0.0.1")).Output)[8095]);

        // 2. The profile drops to 6 A: OCPP limits.
        Assert.AreEqual("Accepted", Set(rig, 0, Profile(1, "TxDefaultProfile", 0, 6)));
        s = WaitCharging(rig, s => Offered(s) == 6, "6 A");
        Assert.AreEqual("OCPP", (string)s["charging"]["limitedBy"]);

        // 3. Modbus pauses: SuspendedEVSE, then the contactor opens.
        Assert.AreEqual(0, Peer.Run("mbpoll", Mb("-r", "8094", "127.0.0.1", "0")).Exit);
        rig.Csms.WaitStatus("SuspendedEVSE");
        WaitCharging(rig, s => !(bool)s["charging"]["contactorClosed"], "contactor open", 10_000);

        // 4. Modbus resumes: charging again.
        Assert.AreEqual(0, Peer.Run("mbpoll", Mb("-r", "8094", "127.0.0.1", "1")).Exit);
        WaitCharging(rig, s => Offered(s) == 6 && (bool)s["charging"]["contactorClosed"], "charging again", 15_000);
        rig.Csms.WaitEvent(e => Csms.Event(e) == "call" && (string)e["action"] == "StatusNotification" && (string)e["params"]["status"] == "Charging",
                           15_000, "Charging again", 1);

        // 5. The backend stops remotely while Modbus still says enable = 1.
        int tx = (int)rig.Status()["transaction"]["id"];
        Assert.AreEqual("Accepted", (string)rig.Csms.Call("RemoteStopTransaction", new { transactionId = tx })["status"]);
        Assert.AreEqual("Remote", (string)rig.Csms.WaitCall("StopTransaction")["reason"]);
        Assert.AreEqual(1, Peer.MbpollValues(Peer.Run("mbpoll", Mb("-r", "8094", "127.0.0.1")).Output)[8094]);
        WaitCharging(rig, s => Offered(s) == 0, "nothing offered without a transaction");
    }

    /// <summary>The charging manager's flow: a default profile that allows nothing, steering with its
    /// own profiles, then "deactivate" clears them, and charging works without it, also after a reset.</summary>
    [TestMethod]
    public void ChargingManagerDeactivationLeavesTheBoxUsable()
    {
        using var rig = Charging();
        Assert.AreEqual("Accepted", Set(rig, 0, Profile(100, "TxDefaultProfile", 0, 0)));
        WaitCharging(rig, s => Offered(s) == 0, "blocked by default");
        int tx = (int)rig.Status()["transaction"]["id"];
        Assert.AreEqual("Accepted", Set(rig, 1, Profile(101, "TxProfile", 1, 9, transactionId: tx)));
        WaitCharging(rig, s => Offered(s) == 9, "steered to 9 A");
        Assert.AreEqual("Accepted", (string)rig.Csms.Call("ClearChargingProfile", new { })["status"]);
        WaitCharging(rig, s => Offered(s) == 16, "charging without the manager");
        Assert.AreEqual("Accepted", (string)rig.Csms.Call("Reset", new { type = "Soft" })["status"]);
        rig.Csms.WaitCall("BootNotification", 20_000, 1);
        WaitCharging(rig, s => s["transaction"]["id"] != null && Offered(s) == 16, "after the reset it charges at 16 A", 20_000);
    }
}
