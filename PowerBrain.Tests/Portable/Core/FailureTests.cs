using System;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Json;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>What users read about a failure is the firmware's own text on every runtime: the
    /// device's exception messages ("Exception was thrown: System.X") are never shown as a reason.</summary>
    [TestClass]
    public class FailureTests
    {
        sealed class Boom : ICoreWork
        {
            public void Run() { throw new InvalidOperationException("runtime words"); }
        }

        sealed class BadJson : ICoreWork
        {
            public void Run() { JsonReader r = new JsonReader(); r.Reset("{\"a\":tru}"); r.Read(); r.Read(); r.Read(); }
        }

        [TestMethod]
        public void ARuntimeExceptionIsNamedByItsTypeOnly()
        {
            Assert.AreEqual("unexpected InvalidOperationException", Failure.Describe(new InvalidOperationException("runtime words")));
            int[] none = new int[0];
            string text = "none";
            try { none[1] = 2; } catch (Exception e) { text = Failure.Describe(e); }
            Assert.AreEqual("unexpected IndexOutOfRangeException", text);
        }

        [TestMethod]
        public void TheFirmwaresOwnReasonsAreKept()
        {
            Assert.AreEqual("expected ':' at offset 4", Failure.Describe(new JsonException("expected ':'", 4)));
        }

        [TestMethod]
        public void TheCoreLoopLogsAFailingItemWithoutTheRuntimesText()
        {
            ListLog log = new ListLog();
            SimClock clock = new SimClock();
            CoreLoop core = new CoreLoop(clock, new Logger(log, clock, 10));
            core.Post(new Boom());
            core.Post(new BadJson());
            core.RunPending();
            Assert.IsTrue(log.Has("Error core: unhandled in Boom: unexpected InvalidOperationException"), log.Text);
            Assert.IsTrue(log.Has("Error core: unhandled in BadJson: invalid literal, expected true at offset 5"), log.Text);
            Assert.IsFalse(log.Has("runtime words"), log.Text);
            Assert.IsFalse(log.Has("Exception was thrown"), log.Text);
        }
    }
}
