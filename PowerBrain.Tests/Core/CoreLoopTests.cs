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
        // Named by type: the runtime's message is not shown (it reads "Exception was thrown: ..." on the device).
        Assert.IsTrue(log.Has("unhandled in Work: unexpected InvalidOperationException"), log.Text);
        Assert.IsFalse(log.Has("boom"), log.Text);
    }

    [TestMethod]
    public void InvokedWorkNeverRunsAlongsideTheLoop()
    {
        var (core, clock, _) = Make();
        int inside = 0, overlaps = 0, runs = 0;
        void Body()
        {
            if (Interlocked.Increment(ref inside) > 1) Interlocked.Increment(ref overlaps);
            Thread.SpinWait(200);
            runs++;                          // not atomic on purpose: only safe when alone
            Interlocked.Decrement(ref inside);
        }
        core.Schedule(new Work(Body), 0, 1);
        var loop = new Thread(core.Run) { IsBackground = true };
        loop.Start();
        var callers = new Thread[3];
        for (int c = 0; c < callers.Length; c++)
        {
            callers[c] = new Thread(() => { for (int i = 0; i < 2000; i++) core.Invoke(new Work(Body)); });
            callers[c].Start();
        }
        for (int i = 0; i < 200; i++) { clock.Advance(1); core.Post(new Work(Body)); Thread.Sleep(0); }
        foreach (var c in callers) Assert.IsTrue(c.Join(30_000));
        core.Stop();
        Assert.IsTrue(loop.Join(5000), "the loop stops on request");
        Assert.AreEqual(0, overlaps, "two pieces of work ran at once");
        Assert.IsTrue(runs >= 6200, $"runs {runs}");
    }

    [TestMethod]
    public void AFailingInvokeIsLoggedAndDoesNotEscape()
    {
        var (core, _, log) = Make();
        core.Invoke(new Work(() => throw new InvalidOperationException("bad request")));
        Assert.IsTrue(log.Has("unexpected InvalidOperationException"), log.Text);
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
