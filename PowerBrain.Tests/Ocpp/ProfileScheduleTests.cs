using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Ocpp;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Ocpp;

/// <summary>Relative schedules and validity windows, on the smart-charging store directly (the
/// end-to-end tests with ocpp-rpc cover Absolute and Recurring profiles).</summary>
[TestClass]
public sealed class ProfileScheduleTests
{
    static readonly DateTime T0 = new(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc);

    static SmartCharging Store(MemoryStorage storage) => new(storage, new Logger(new ListLog(), new SimClock(), 10));

    static string Profile(int id, int stackLevel, string kind, string extra, string periods, string schedule = "") =>
        $"{{\"chargingProfileId\":{id},\"stackLevel\":{stackLevel},\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"{kind}\"{extra}," +
        $"\"chargingSchedule\":{{\"chargingRateUnit\":\"A\"{schedule},\"chargingSchedulePeriod\":[{periods}]}}}}";

    [TestMethod]
    public void ARelativeScheduleRunsFromTheTransactionStart()
    {
        var storage = new MemoryStorage();
        var profiles = Store(storage);
        var p = ProfileJson.Read(Profile(1, 0, "Relative", "",
            "{\"startPeriod\":0,\"limit\":16},{\"startPeriod\":600,\"limit\":10},{\"startPeriod\":1200,\"limit\":6}", ",\"duration\":1800"));
        Assert.AreEqual("Accepted", profiles.Set(1, p, 1, -1, -1, T0));

        var txStart = T0.AddMinutes(30);
        Assert.AreEqual(160, profiles.LimitAt(txStart.AddMinutes(5), 1, 7, txStart, true));
        Assert.AreEqual(100, profiles.LimitAt(txStart.AddMinutes(11), 1, 7, txStart, true));
        Assert.AreEqual(60, profiles.LimitAt(txStart.AddMinutes(25), 1, 7, txStart, true));
        Assert.AreEqual(-1, profiles.LimitAt(txStart.AddMinutes(31), 1, 7, txStart, true), "past its duration it limits nothing");
        Assert.AreEqual(160, profiles.LimitAt(T0.AddHours(5), 1, -1, DateTime.MinValue, true), "without a transaction it starts now");

        var restored = Store(storage);
        restored.Load();
        Assert.AreEqual(100, restored.LimitAt(txStart.AddMinutes(11), 1, 7, txStart, true), "the same after a restart");
    }

    [TestMethod]
    public void AProfileLimitsOnlyInsideItsValidityWindowAndTheLowerStackTakesOverOutside()
    {
        var profiles = Store(new MemoryStorage());
        Assert.AreEqual("Accepted", profiles.Set(1, ProfileJson.Read(Profile(1, 0, "Absolute", "",
            "{\"startPeriod\":0,\"limit\":16}", ",\"startSchedule\":\"2026-01-01T00:00:00Z\"")), 1, -1, -1, T0));
        Assert.AreEqual("Accepted", profiles.Set(1, ProfileJson.Read(Profile(2, 1, "Absolute",
            ",\"validFrom\":\"2026-11-24T11:00:00Z\",\"validTo\":\"2026-11-24T12:00:00Z\"",
            "{\"startPeriod\":0,\"limit\":10}", ",\"startSchedule\":\"2026-11-24T00:00:00Z\"")), 1, -1, -1, T0));

        Assert.AreEqual(160, profiles.LimitAt(T0, 1, -1, DateTime.MinValue, true), "before validFrom");
        Assert.AreEqual(100, profiles.LimitAt(T0.AddHours(1), 1, -1, DateTime.MinValue, true), "from validFrom");
        Assert.AreEqual(100, profiles.LimitAt(T0.AddHours(2).AddSeconds(-1), 1, -1, DateTime.MinValue, true));
        Assert.AreEqual(160, profiles.LimitAt(T0.AddHours(2), 1, -1, DateTime.MinValue, true), "validTo is the end, not included");
    }
}
