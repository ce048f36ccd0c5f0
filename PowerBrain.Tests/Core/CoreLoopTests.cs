using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Firmware.Core;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Core;

[TestClass]
public sealed class CoreLoopTests
{
    sealed class Work(Action a) : ICoreWork { public void Run() => a(); }

    sealed class Request(Func<int> f) : CoreRequest
    {
        public int Result;
        public int ThreadId;
        protected override void Execute() { ThreadId = Environment.CurrentManagedThreadId; Result = f(); }
    }

    static (CoreLoop, SimClock, ListLog) Make()
    {
        var clock = new SimClock();
        var log = new ListLog();
        return (new CoreLoop(clock, new Logger(log, clock, 10)), clock, log);
    }

    [TestMethod]
    public void TimersFireOnTheSimulatedClockInOrder()
    {
        var (core, clock, _) = Make();
        var fired = new List<string>();
        core.Schedule(new Work(() => fired.Add($"once@{clock.UptimeMs}")), 500, 0);
        var periodic = core.Schedule(new Work(() => fired.Add($"tick@{clock.UptimeMs}")), 300, 300);
        for (int i = 0; i < 10; i++) { clock.Advance(100); core.RunPending(); }
        core.Cancel(periodic);
        clock.Advance(1000); core.RunPending();
        CollectionAssert.AreEqual(new[] { "tick@300", "once@500", "tick@600", "tick@900" }, fired);
        Assert.IsFalse(periodic.IsActive);
    }

    [TestMethod]
    public void RunPendingTellsHowLongUntilTheNextTimer()
    {
        var (core, clock, _) = Make();
        core.Schedule(new Work(() => { }), 250, 0);
        Assert.AreEqual(250, core.RunPending());
        clock.Advance(200);
        Assert.AreEqual(50, core.RunPending());
    }

    [TestMethod]
    public void AFailingWorkItemIsLoggedAndTheLoopGoesOn()
    {
        var (core, _, log) = Make();
        int ran = 0;
        core.Post(new Work(() => throw new InvalidOperationException("boom")));
        core.Post(new Work(() => ran++));
        core.RunPending();
        Assert.AreEqual(1, ran);
        Assert.IsTrue(log.Lines.Exists(l => l.Contains("boom")), string.Join("\n", log.Lines));
    }

    [TestMethod]
    public void InvokeFromAnotherThreadRunsOnTheCoreThread()
    {
        var (core, _, _) = Make();
        var loop = new Thread(core.Run) { IsBackground = true };
        loop.Start();
        try
        {
            var req = new Request(() => 42);
            for (int i = 0; i < 100; i++)
            {
                Assert.IsTrue(core.Invoke(req, 5000));
                Assert.AreEqual(42, req.Result);
                Assert.AreEqual(loop.ManagedThreadId, req.ThreadId);
            }
        }
        finally
        {
            core.Stop();
            Assert.IsTrue(loop.Join(5000), "the loop stops on request");
        }
    }

    [TestMethod]
    public void TheQueueIsBounded()
    {
        var (core, _, _) = Make();
        int accepted = 0;
        for (int i = 0; i < 1000; i++) if (core.Post(new Work(() => { }))) accepted++;
        Assert.AreEqual(256, accepted);
    }
}
