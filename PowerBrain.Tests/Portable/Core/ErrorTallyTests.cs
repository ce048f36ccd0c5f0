using PowerBrain.Firmware.Core;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    [TestClass]
    public class ErrorTallyTests
    {
        [TestMethod]
        public void AFloodIsLoggedOncePerIntervalWithItsCount()
        {
            ListLog log = new ListLog();
            SimClock clock = new SimClock();
            ErrorTally tally = new ErrorTally(new Logger(log, clock, 10), clock, "web", 60000);
            for (int i = 0; i < 1300; i++) { tally.Record("bad request " + i); clock.Advance(100); }
            Assert.AreEqual(5, log.Lines.Count, log.Text);
            Assert.IsTrue(log.Has("Warning web: bad request 0"), log.Text);
            Assert.IsTrue(log.Has("Warning web: 599 more of these in the last 60 s were not logged"), log.Text);
            Assert.IsTrue(log.Has("Warning web: bad request 600"), log.Text);
            Assert.IsTrue(log.Has("Warning web: bad request 1200"), log.Text);
            Assert.AreEqual(99, tally.Suppressed);
        }
    }
}
