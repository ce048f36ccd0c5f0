using PowerBrain.Firmware.Core;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>The kept log lines and their time window (GetDiagnostics startTime/stopTime, GetLog
    /// oldestTimestamp/latestTimestamp), on both runtimes.</summary>
    [TestClass]
    public class LoggerTests
    {
        [TestMethod]
        public void AWindowKeepsTheLinesWrittenWithinIt()
        {
            SimClock clock = new SimClock();   // 2026-11-24T10:00:00Z
            Logger log = new Logger(new ListLog(), clock, 3);
            log.Info("t", "first");
            clock.Advance(60000);
            log.Info("t", "second");
            clock.Advance(60000);
            log.Warning("t", "third");
            clock.Advance(60000);
            log.Info("t", "fourth");           // the ring keeps 3: "first" is gone
            Assert.AreEqual(3, log.Recent().Length);
            string[] window = log.Recent("2026-11-24T10:01:00Z", "2026-11-24T10:02:00Z");
            Assert.AreEqual(2, window.Length);
            Assert.AreEqual("60s INFO t: second", window[0]);
            Assert.AreEqual("120s WARN t: third", window[1]);
            Assert.AreEqual(1, log.Recent("2026-11-24T10:02:30Z", null).Length, "open at the end");
            Assert.AreEqual(2, log.Recent(null, "2026-11-24T10:02:00Z").Length, "open at the start");
            Assert.AreEqual(0, log.Recent("2026-11-25T00:00:00Z", null).Length, "nothing that late");
        }
    }
}
