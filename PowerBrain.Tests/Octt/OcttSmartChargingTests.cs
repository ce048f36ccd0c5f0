using System;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Octt;

/// <summary>The OCTT Smart Charging cases (TC_056 to TC_082).</summary>
[TestClass]
public sealed class OcttSmartChargingTests
{
    static object Period(int startPeriod, double limit) => new { startPeriod, limit };

    static object Profile(int id, string purpose, int stackLevel, int duration, object[] periods, int? transactionId = null, string kind = "Absolute") =>
        transactionId == null
            ? new { chargingProfileId = id, stackLevel, chargingProfilePurpose = purpose, chargingProfileKind = kind,
                    chargingSchedule = new { duration, startSchedule = kind == "Absolute" ? DateTime.UtcNow.AddSeconds(-1).ToString("yyyy-MM-ddTHH:mm:ssZ") : null, chargingRateUnit = "A", chargingSchedulePeriod = periods } }
            : (object)new { chargingProfileId = id, transactionId = transactionId.Value, stackLevel, chargingProfilePurpose = purpose, chargingProfileKind = kind,
                    chargingSchedule = new { duration, startSchedule = kind == "Absolute" ? DateTime.UtcNow.AddSeconds(-1).ToString("yyyy-MM-ddTHH:mm:ssZ") : null, chargingRateUnit = "A", chargingSchedulePeriod = periods } };

    static string Set(OcttRig t, int connectorId, object profile) => t.Status("SetChargingProfile", new { connectorId, csChargingProfiles = profile });

    static JsonObject Composite(OcttRig t, int duration, int connectorId = 1)
    {
        var c = t.Call("GetCompositeSchedule", new { connectorId, duration, chargingRateUnit = "A" });
        Assert.AreEqual("Accepted", (string)c["status"], c.ToJsonString());
        Assert.AreEqual(connectorId, (int)c["connectorId"]);
        return c;
    }

    static double[] Limits(JsonObject composite) => composite["chargingSchedule"]["chargingSchedulePeriod"].AsArray().Select(p => (double)p["limit"]).ToArray();
    static int[] Starts(JsonObject composite) => composite["chargingSchedule"]["chargingSchedulePeriod"].AsArray().Select(p => (int)p["startPeriod"]).ToArray();

    [TestMethod]
    public void TC_056_TxDefaultProfile()
    {
        using var t = new OcttRig();
        Assert.AreEqual("Accepted", Set(t, 1, Profile(1, "TxDefaultProfile", 0, 300, new[] { Period(0, 6) })));
        var c = Composite(t, 300);
        Assert.AreEqual(6.0, Limits(c)[0], "the default profile counts without a transaction");
        Assert.IsTrue(Math.Abs((DateTime.Parse((string)c["scheduleStart"]).ToUniversalTime() - DateTime.UtcNow).TotalSeconds) < 30);
    }

    [TestMethod]
    public void TC_057_TxProfile()
    {
        using var t = new OcttRig();
        var (_, id) = t.StartCharging();
        Assert.AreEqual("Accepted", Set(t, 1, Profile(2, "TxProfile", 0, 300, new[] { Period(0, 10) }, id)));
        Assert.AreEqual(10.0, Limits(Composite(t, 300))[0]);
        Assert.AreEqual(10.0, (double)t.Rig.Status()["charging"]["offeredAmps"], "the car is offered the profile's limit");
    }

    [TestMethod]
    public void TC_058_1_TxProfileWithoutATransaction()
    {
        using var t = new OcttRig();
        Assert.AreEqual("Rejected", Set(t, 1, Profile(3, "TxProfile", 0, 300, new[] { Period(0, 10) }, 12345)));
    }

    [TestMethod]
    public void TC_058_2_TxProfileWithAWrongTransactionId()
    {
        using var t = new OcttRig();
        var (_, id) = t.StartCharging();
        Assert.AreEqual("Rejected", Set(t, 1, Profile(4, "TxProfile", 0, 300, new[] { Period(0, 10) }, id + 1)));
    }

    [TestMethod]
    public void TC_059_RemoteStartWithATxProfile()
    {
        using var t = new OcttRig();
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("RemoteStartTransaction", new
        {
            connectorId = 1, idTag = "TAG-1",
            chargingProfile = new { chargingProfileId = 5, stackLevel = 0, chargingProfilePurpose = "TxProfile", chargingProfileKind = "Relative",
                                    chargingSchedule = new { duration = 600, chargingRateUnit = "A", chargingSchedulePeriod = new[] { Period(0, 8), Period(300, 12) } } },
        }));
        t.PlugAndCharge(m);
        var c = Composite(t, 600);
        Assert.AreEqual(600, (int)c["chargingSchedule"]["duration"]);
        Assert.AreEqual("A", (string)c["chargingSchedule"]["chargingRateUnit"]);
        Assert.IsTrue(Math.Abs((DateTime.Parse((string)c["scheduleStart"]).ToUniversalTime() - DateTime.UtcNow).TotalSeconds) < 30);
        Assert.AreEqual(8.0, Limits(c)[0]);
        Assert.IsTrue(Limits(c).Contains(12.0), "the second period follows: " + c.ToJsonString());
    }

    [TestMethod]
    public void TC_060_RemoteStartWithANonTxProfile()
    {
        using var t = new OcttRig();
        Assert.AreEqual("Rejected", t.Status("RemoteStartTransaction", new
        {
            connectorId = 1, idTag = "TAG-1",
            chargingProfile = new { chargingProfileId = 6, stackLevel = 0, chargingProfilePurpose = "TxDefaultProfile", chargingProfileKind = "Relative",
                                    chargingSchedule = new { chargingRateUnit = "A", chargingSchedulePeriod = new[] { Period(0, 8) } } },
        }));
    }

    [TestMethod]
    public void TC_066_CompositeSchedule()
    {
        using var t = new OcttRig();
        var keys = t.Call("GetConfiguration", new { key = new[] { "MaxChargingProfilesInstalled", "ChargingScheduleMaxPeriods" } })["configurationKey"].AsArray();
        Assert.IsTrue(keys.All(k => int.Parse((string)k["value"]) >= 3));
        var (_, id) = t.StartCharging();
        Assert.AreEqual("Accepted", Set(t, 0, Profile(7, "ChargePointMaxProfile", 0, 86400, new[] { Period(0, 10) })));
        Assert.AreEqual("Accepted", Set(t, 1, Profile(8, "TxDefaultProfile", 0, 400, new[] { Period(0, 8), Period(100, 12) })));
        Assert.AreEqual("Accepted", Set(t, 1, Profile(9, "TxProfile", 0, 400, new[] { Period(0, 6), Period(200, 16) }, id)));
        var c = Composite(t, 400);
        Assert.AreEqual(400, (int)c["chargingSchedule"]["duration"]);
        CollectionAssert.AreEqual(new[] { 6.0, 10.0 }, Limits(c), "the lower of the maximum and the transaction's profile, periods merged: " + c.ToJsonString());
        Assert.AreEqual(0, Starts(c)[0]);
        Assert.IsTrue(Math.Abs(Starts(c)[1] - 199) <= 2, c.ToJsonString());
    }

    [TestMethod]
    public void TC_067_ClearChargingProfile()
    {
        using var t = new OcttRig();
        object Default() => Profile(10, "TxDefaultProfile", 1, 400, new[] { Period(0, 6), Period(60, 8), Period(200, 10) });
        Assert.AreEqual("Accepted", Set(t, 1, Default()));
        Assert.AreEqual(6.0, Limits(Composite(t, 400))[0]);
        Assert.AreEqual("Accepted", t.Status("ClearChargingProfile", new { id = 10 }));
        Assert.AreEqual(0, Limits(Composite(t, 400)).Count(l => l == 6.0), "cleared by id");
        Assert.AreEqual("Accepted", Set(t, 1, Default()));
        Assert.AreEqual("Accepted", t.Status("ClearChargingProfile", new { connectorId = 1, chargingProfilePurpose = "TxDefaultProfile", stackLevel = 1 }));
        Assert.AreEqual(0, Limits(Composite(t, 400)).Count(l => l == 6.0), "cleared by criteria");
        Assert.AreEqual("Accepted", Set(t, 1, Default()));
        Assert.AreEqual("Accepted", t.Status("ClearChargingProfile", new { }));
        Assert.AreEqual(0, Limits(Composite(t, 400)).Count(l => l == 6.0), "cleared all");
        Assert.AreEqual("Unknown", t.Status("ClearChargingProfile", new { id = 10 }), "nothing left to clear");
    }

    [TestMethod]
    public void TC_072_Stacking()
    {
        using var t = new OcttRig();
        Assert.AreEqual("Accepted", Set(t, 1, Profile(11, "TxDefaultProfile", 0, 400, new[] { Period(0, 6), Period(100, 8), Period(200, 10) })));
        Assert.AreEqual("Accepted", Set(t, 1, Profile(12, "TxDefaultProfile", 1, 150, new[] { Period(0, 7), Period(100, 9) })));
        var c = Composite(t, 400);
        // The profiles began a second before the request, so the window may end with the box's own maximum.
        CollectionAssert.AreEqual(new[] { 7.0, 9.0, 8.0, 10.0 }, Limits(c).Take(4).ToArray(), c.ToJsonString());
        int[] s = Starts(c);
        Assert.IsTrue(Math.Abs(s[1] - 99) <= 2 && Math.Abs(s[2] - 149) <= 2 && Math.Abs(s[3] - 199) <= 2, c.ToJsonString());
    }

    [TestMethod]
    public void TC_082_TxDefaultProfileDuringATransaction()
    {
        using var t = new OcttRig();
        t.StartCharging();
        Assert.AreEqual(16.0, (double)t.Rig.Status()["charging"]["offeredAmps"]);
        Assert.AreEqual("Accepted", Set(t, 1, Profile(13, "TxDefaultProfile", 0, 3600, new[] { Period(0, 7) })));
        Assert.AreEqual(7.0, Limits(Composite(t, 300))[0]);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while ((double)t.Rig.Status()["charging"]["offeredAmps"] != 7.0 && sw.ElapsedMilliseconds < 5000) System.Threading.Thread.Sleep(50);
        Assert.AreEqual(7.0, (double)t.Rig.Status()["charging"]["offeredAmps"], "the running transaction follows the new default");
    }
}
