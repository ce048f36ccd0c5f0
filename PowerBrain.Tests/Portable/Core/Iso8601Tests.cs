using System;
using PowerBrain.Firmware.Core;

namespace PowerBrain.Tests.Portable
{
    [TestClass]
    public class Iso8601Tests
    {
        static DateTime Parsed(string s)
        {
            DateTime t;
            Assert.IsTrue(Iso8601.TryParse(s, out t), "should parse: " + s);
            return t;
        }

        [TestMethod]
        public void FormatsWholeSecondsInUtc()
        {
            Assert.AreEqual("2026-11-24T10:15:30Z", Iso8601.Format(new DateTime(2026, 11, 24, 10, 15, 30, 999)));
            Assert.AreEqual("0999-01-02T03:04:05Z".Substring(1), Iso8601.Format(new DateTime(1999, 1, 2, 3, 4, 5)).Substring(1));
        }

        [TestMethod]
        public void ParsesZuluFractionsAndOffsets()
        {
            Assert.AreEqual(new DateTime(2026, 11, 24, 10, 15, 30).Ticks, Parsed("2026-11-24T10:15:30Z").Ticks);
            Assert.AreEqual(new DateTime(2026, 11, 24, 10, 15, 30).Ticks + 1230000, Parsed("2026-11-24T10:15:30.123Z").Ticks);
            Assert.AreEqual(new DateTime(2026, 11, 24, 8, 45, 30).Ticks, Parsed("2026-11-24T10:15:30+01:30").Ticks);
            Assert.AreEqual(new DateTime(2026, 11, 25, 0, 15, 30).Ticks, Parsed("2026-11-24T22:15:30-02:00").Ticks);
        }

        [TestMethod]
        public void RefusesWhatIsNotATimestamp()
        {
            string[] bad = { null, "", "2026-11-24", "2026-11-24T10:15:30", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
                             "2026-11-24T24:00:00Z", "2026-11-24T10:15:30.Z", "2026-11-24T10:15:30+1:00", "2026-11-24T10:15:30Zjunk",
                             "20x6-11-24T10:15:30Z", "2026-11-24 10:15:30Z" };
            for (int i = 0; i < bad.Length; i++)
            {
                DateTime t;
                Assert.IsFalse(Iso8601.TryParse(bad[i], out t), "should refuse: " + bad[i]);
            }
            DateTime leap;
            Assert.IsTrue(Iso8601.TryParse("2028-02-29T00:00:00Z", out leap), "2028 is a leap year");
        }

        /// <summary>Backends write 9999-12-31 for "never". The device's DateTime ends with 3000, where
        /// constructing such a date throws: the parser clamps to the last date both runtimes have.</summary>
        [TestMethod]
        public void DatesAfterTheDevicesLastDayMeanNoEnd()
        {
            Assert.AreEqual(Iso8601.LastDate.Ticks, Parsed("9999-12-31T23:59:59Z").Ticks);
            Assert.AreEqual(Iso8601.LastDate.Ticks, Parsed("9999-12-31T23:59:59.999+14:00").Ticks);
            Assert.AreEqual(Iso8601.LastDate.Ticks, Parsed("3001-01-01T00:00:00Z").Ticks);
            Assert.AreEqual(Iso8601.LastDate.Ticks, Parsed("3000-12-31T23:59:59.5-01:00").Ticks);
            Assert.AreEqual("3000-12-31T23:59:59Z", Iso8601.Format(Parsed("9999-12-31T23:59:59Z")));
            Assert.AreEqual(new DateTime(3000, 12, 31, 12, 0, 0).Ticks, Parsed("3000-12-31T12:00:00Z").Ticks);
            DateTime t;
            Assert.IsFalse(Iso8601.TryParse("9999-02-30T00:00:00Z", out t), "still a calendar check");
        }

        [TestMethod]
        public void DatesBeforeTheDevicesFirstDayAreClampedToIt()
        {
            Assert.AreEqual(Iso8601.FirstDate.Ticks, Parsed("0001-01-01T00:00:00Z").Ticks);
            Assert.AreEqual(Iso8601.FirstDate.Ticks, Parsed("1601-01-01T00:30:00+01:00").Ticks);
        }
    }
}
