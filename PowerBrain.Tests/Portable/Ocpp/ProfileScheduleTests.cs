using System;
using System.Collections;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Ocpp;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>Charging profiles on the smart-charging store: relative schedules, validity windows
    /// with stacking, "never" as validTo, and the boundaries of a composite schedule (the end-to-end
    /// tests with ocpp-rpc cover Absolute and Recurring profiles over the wire).</summary>
    [TestClass]
    public class ProfileScheduleTests
    {
        static readonly DateTime T0 = new DateTime(new DateTime(2026, 11, 24, 10, 0, 0).Ticks, DateTimeKind.Utc);

        static SmartCharging Store(MemoryStorage storage) { return new SmartCharging(storage, new Logger(new ListLog(), new SimClock(), 10)); }

        [TestMethod]
        public void ARelativeScheduleRunsFromTheTransactionStart()
        {
            MemoryStorage storage = new MemoryStorage();
            SmartCharging profiles = Store(storage);
            ChargingProfile p = ProfileJson.Read(ProfileJson.Profile(1, 0, "Relative", "",
                "{\"startPeriod\":0,\"limit\":16},{\"startPeriod\":600,\"limit\":10},{\"startPeriod\":1200,\"limit\":6}", ",\"duration\":1800"));
            Assert.AreEqual("Accepted", profiles.Set(1, p, 1, -1, -1, T0));

            DateTime txStart = T0.AddMinutes(30);
            Assert.AreEqual(160L, profiles.LimitAt(txStart.AddMinutes(5), 1, 7, txStart, true));
            Assert.AreEqual(100L, profiles.LimitAt(txStart.AddMinutes(11), 1, 7, txStart, true));
            Assert.AreEqual(60L, profiles.LimitAt(txStart.AddMinutes(25), 1, 7, txStart, true));
            Assert.AreEqual(-1L, profiles.LimitAt(txStart.AddMinutes(31), 1, 7, txStart, true), "past its duration it limits nothing");
            Assert.AreEqual(160L, profiles.LimitAt(T0.AddHours(5), 1, -1, DateTime.MinValue, true), "without a transaction it starts now");

            SmartCharging restored = Store(storage);
            restored.Load();
            Assert.AreEqual(100L, restored.LimitAt(txStart.AddMinutes(11), 1, 7, txStart, true), "the same after a restart");
        }

        [TestMethod]
        public void AProfileLimitsOnlyInsideItsValidityWindowAndTheLowerStackTakesOverOutside()
        {
            SmartCharging profiles = Store(new MemoryStorage());
            Assert.AreEqual("Accepted", profiles.Set(1, ProfileJson.Read(ProfileJson.Profile(1, 0, "Absolute", "",
                "{\"startPeriod\":0,\"limit\":16}", ",\"startSchedule\":\"2026-01-01T00:00:00Z\"")), 1, -1, -1, T0));
            Assert.AreEqual("Accepted", profiles.Set(1, ProfileJson.Read(ProfileJson.Profile(2, 1, "Absolute",
                ",\"validFrom\":\"2026-11-24T11:00:00Z\",\"validTo\":\"2026-11-24T12:00:00Z\"",
                "{\"startPeriod\":0,\"limit\":10}", ",\"startSchedule\":\"2026-11-24T00:00:00Z\"")), 1, -1, -1, T0));

            Assert.AreEqual(160L, profiles.LimitAt(T0, 1, -1, DateTime.MinValue, true), "before validFrom");
            Assert.AreEqual(100L, profiles.LimitAt(T0.AddHours(1), 1, -1, DateTime.MinValue, true), "from validFrom");
            Assert.AreEqual(100L, profiles.LimitAt(T0.AddHours(2).AddSeconds(-1), 1, -1, DateTime.MinValue, true));
            Assert.AreEqual(160L, profiles.LimitAt(T0.AddHours(2), 1, -1, DateTime.MinValue, true), "validTo is the end, not included");
        }

        /// <summary>validTo 9999-12-31 is how backends write "never": accepted, persisted and in force
        /// on a runtime whose dates end with 3000.</summary>
        [TestMethod]
        public void AValidToOfNeverIsAcceptedKeptAndInForce()
        {
            MemoryStorage storage = new MemoryStorage();
            SmartCharging profiles = Store(storage);
            Assert.AreEqual("Accepted", profiles.Set(1, ProfileJson.Read(ProfileJson.Profile(3, 0, "Absolute",
                ",\"validFrom\":\"2026-01-01T00:00:00Z\",\"validTo\":\"9999-12-31T23:59:59Z\"",
                "{\"startPeriod\":0,\"limit\":8.5}", ",\"startSchedule\":\"2026-01-01T00:00:00Z\"")), 1, -1, -1, T0));
            Assert.AreEqual(85L, profiles.LimitAt(T0, 1, -1, DateTime.MinValue, true));
            Assert.AreEqual(85L, profiles.LimitAt(new DateTime(2999, 1, 1), 1, -1, DateTime.MinValue, true));
            SmartCharging restored = Store(storage);
            restored.Load();
            Assert.AreEqual(1, restored.Count);
            Assert.AreEqual(85L, restored.LimitAt(T0.AddDays(400), 1, -1, DateTime.MinValue, true), "after a restart");
        }

        [TestMethod]
        public void TheCompositeScheduleBreaksWhereAnyProfileChanges()
        {
            SmartCharging profiles = Store(new MemoryStorage());
            profiles.Set(1, ProfileJson.Read(ProfileJson.Profile(1, 0, "Absolute", "",
                "{\"startPeriod\":0,\"limit\":16},{\"startPeriod\":1800,\"limit\":10}", ",\"startSchedule\":\"2026-11-24T10:00:00Z\"")), 1, -1, -1, T0);
            profiles.Set(1, ProfileJson.Read(ProfileJson.Profile(2, 1, "Absolute", ",\"validTo\":\"2026-11-24T10:45:00Z\"",
                "{\"startPeriod\":0,\"limit\":6}", ",\"startSchedule\":\"2026-11-24T10:00:00Z\"")), 1, -1, -1, T0);
            ArrayList times = new ArrayList();
            profiles.Boundaries(T0, T0.AddHours(1), DateTime.MinValue, times);
            string seen = "";
            for (int i = 0; i < times.Count; i++) seen += Iso8601.Format((DateTime)times[i]) + " ";
            Assert.IsTrue(seen.IndexOf("2026-11-24T10:30:00Z") >= 0, seen);
            Assert.IsTrue(seen.IndexOf("2026-11-24T10:45:00Z") >= 0, seen);
            Assert.AreEqual(60L, profiles.LimitAt(T0.AddMinutes(40), 1, -1, DateTime.MinValue, true));
            Assert.AreEqual(100L, profiles.LimitAt(T0.AddMinutes(50), 1, -1, DateTime.MinValue, true));
        }
    }
}
