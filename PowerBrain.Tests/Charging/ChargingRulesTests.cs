using System.Linq;
using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Emulator.Sim;
using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Config;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Charging;

/// <summary>The control pilot, the contactor timing and the faults, on a simulated clock with the
/// simulated EV (its pin levels are the one thing mocked).</summary>
[TestClass]
public sealed class ChargingRulesTests
{
    [TestMethod]
    [DataRow(60, 100)]
    [DataRow(100, 166)]
    [DataRow(160, 266)]
    [DataRow(320, 533)]
    [DataRow(510, 850)]
    [DataRow(525, 850)]
    [DataRow(528, 851)]
    [DataRow(630, 892)]
    [DataRow(800, 960)]
    [DataRow(59, 1000)]
    [DataRow(0, 1000)]
    public void DutyFromCurrentUsesBothFormulaRanges(int deciAmps, int permille)
    {
        Assert.AreEqual(permille, DutyCycle.FromDeciAmps(deciAmps));
        if (permille < 1000 && (deciAmps <= 510 || deciAmps >= 528)) Assert.AreEqual(deciAmps, DutyCycle.ToDeciAmps(permille), "read back to the nearest 0.1 A");
    }

    [TestMethod]
    public void EveryCurrentIsSignalledAtOrBelowWhatWasAsked()
    {
        for (int d = 60; d <= 800; d++)
        {
            int duty = DutyCycle.FromDeciAmps(d);
            double exact = duty <= 850 ? duty * 0.06 : (duty / 10.0 - 64) * 2.5;
            Assert.IsTrue(exact <= d / 10.0 + 1e-9, $"{d / 10.0} A -> {duty} per mille offers {exact} A");
            // Just above 51 A nothing can be signalled (duty up to 85 % reads as the first formula): 51 A is.
            double best = d > 510 && d < 528 ? 51.0 : d / 10.0;
            Assert.IsTrue(best - exact < 0.3, $"{d / 10.0} A -> {exact} A loses too much");
        }
    }

    [TestMethod]
    [DataRow(12000, CpState.A)]
    [DataRow(9000, CpState.B)]
    [DataRow(6000, CpState.C)]
    [DataRow(3000, CpState.D)]
    [DataRow(0, CpState.E)]
    [DataRow(-12000, CpState.F)]
    public void PilotLevelsMapToStates(int mv, int state) => Assert.AreEqual(state, ControlPilot.StateFromHighLevel(mv));

    [TestMethod]
    [DataRow(1500, 130)]
    [DataRow(680, 200)]
    [DataRow(220, 320)]
    [DataRow(100, 630)]
    [DataRow(-1, -1)]
    [DataRow(5000, -1)]
    public void CableRatingFromPp(int ohms, int deciAmps) => Assert.AreEqual(deciAmps, ControlPilot.CableDeciAmpsFromOhms(ohms));

    static TestBox Charging(int requestAmps = 32, int delayMs = 0)
    {
        var t = new TestBox();
        t.Board.Ev.ResponseDelayMs = delayMs;
        t.Board.Ev.Plug();
        t.Board.Ev.StartCharging(requestAmps);
        t.Run(2000);
        Assert.IsTrue(t.Board.Contactor.FeedbackClosed, "charging");
        return t;
    }

    [TestMethod]
    public void TheWatchdogOpensTheContactorAndRestartsWhenTheCoreLoopHangs()
    {
        using var t = Charging();
        bool rebootRequested = false;
        t.Board.HostSystem.RebootRequested += () => rebootRequested = true;
        var watchdog = new PowerBrain.Firmware.Core.LoopWatchdog(t.Box.Core, t.Board, t.Box.Log);

        // A busy but live loop never trips it.
        for (int i = 0; i < 20; i++) { t.Run(5000); watchdog.Poll(); }
        Assert.IsFalse(watchdog.Fired);
        Assert.IsTrue(t.Board.Contactor.FeedbackClosed);

        // The loop stops passing (the clock runs on, RunPending is never called).
        t.Clock.Advance(PowerBrain.Firmware.Core.LoopWatchdog.StallMs - 100);
        watchdog.Poll();
        Assert.IsFalse(watchdog.Fired, "29.9 s is not a hang yet");
        t.Clock.Advance(200);
        watchdog.Poll();
        Assert.IsTrue(watchdog.Fired);
        Assert.IsFalse(t.Board.SimContactor.Commanded, "contactor opened from the watchdog's thread");
        Assert.AreEqual(1000, t.Board.Pilot.DutyPermille, "no current offered");
        Assert.IsTrue(rebootRequested);
        Assert.IsTrue(t.Log.Has("core loop stalled for 30 s: contactor opened, restarting"), t.Log.Text);
    }

    [TestMethod]
    public void TheWatchdogCountsFromWhenItWasArmed()
    {
        using var t = new TestBox();
        // On the device the loop starts only after the network is up, which can take a minute.
        t.Clock.Advance(60_000);
        var watchdog = new PowerBrain.Firmware.Core.LoopWatchdog(t.Box.Core, t.Board, t.Box.Log);
        watchdog.Poll();
        Assert.IsFalse(watchdog.Fired, "the minute before arming is not a hang");
        t.Run(1000);
        t.Clock.Advance(PowerBrain.Firmware.Core.LoopWatchdog.StallMs + 100);
        watchdog.Poll();
        Assert.IsTrue(watchdog.Fired, "a hang after arming is");
    }

    [TestMethod]
    public void APauseTheEvIgnoresIsForcedOpenWithinSixSeconds()
    {
        using var t = Charging();
        t.Board.Ev.IgnoreReduction = true;
        t.Run(2000);
        t.WriteRegister(8094, 0);
        t.Run(4900);
        Assert.IsTrue(t.Board.Contactor.FeedbackClosed);
        t.Run(200);
        Assert.IsFalse(t.Board.Contactor.FeedbackClosed, "forced open after 5 s");
    }

    [TestMethod]
    public void AFastToggleDoesNotChatterTheContactor()
    {
        using var t = Charging();
        int switches = 0;
        bool last = true;
        for (int i = 0; i < 40; i++)
        {
            t.WriteRegister(8094, i % 2);
            t.Run(250);
            bool now = t.Board.SimContactor.Commanded;
            if (now != last) switches++;
            last = now;
        }
        Assert.IsTrue(switches <= 4, $"the contactor switched {switches} times in 10 s of toggling every 250 ms");
    }

    [TestMethod]
    public void DisconnectCpOnlyWithTheContactorOpen()
    {
        using var t = Charging(32, 500);
        t.WriteRegister(8086, 3);
        t.Run(100);
        Assert.IsFalse(t.Box.Charging.DisconnectActive, "not with the contactor closed");
        Assert.AreEqual(DutyCycle.Pause, t.Board.Ev.DutyPermille, "it pauses first");
        t.Run(3000);
        Assert.IsFalse(t.Board.Contactor.FeedbackClosed);
        Assert.IsTrue(t.Box.Charging.DisconnectActive);
        t.Run(3100);
        Assert.IsFalse(t.Box.Charging.DisconnectActive, "back after 3 s");
        t.Run(6000);
        Assert.IsTrue(t.Board.Contactor.FeedbackClosed, "charging again");
    }

    [TestMethod]
    public void PhaseSwitchingNeverHappensUnderLoad()
    {
        using var t = Charging(16, 1000);
        Assert.AreEqual(3, t.Board.SimContactor.Phases);
        t.WriteRegister(8087, 1);
        t.Run(12_000);
        Assert.AreEqual(1, t.Board.SimContactor.Phases);
        Assert.AreEqual(1, t.Box.Status.Phases);
        Assert.IsTrue(t.Board.Contactor.FeedbackClosed, "resumed");
        t.WriteRegister(8087, 0);
        t.Run(12_000);
        Assert.AreEqual(3, t.Board.SimContactor.Phases);
        Assert.IsFalse(t.Board.SimContactor.SwitchedUnderLoad);
    }

    [TestMethod]
    public void AnEvDrawingMoreThanOfferedIsAFaultAfterTheGraceTime()
    {
        using var t = Charging();
        t.Board.Ev.IgnoreReduction = true;
        t.WriteRegister(8093, 60);
        t.Run(5000);
        Assert.AreEqual(FaultKind.None, t.Box.Charging.Fault, "grace time");
        t.Run(7000);
        Assert.AreEqual(FaultKind.OverCurrent, t.Box.Charging.Fault);
        Assert.IsFalse(t.Board.SimContactor.Commanded);
    }

    [TestMethod]
    public void TheEnergyRegisterOnlyGrowsIsPersistedInStepsAndRestoredFirst()
    {
        using var t = Charging(32);
        var file = System.IO.Path.Combine(t.DataFolder, EnergyRegister.BlobName);
        long start = t.Box.Energy.Wh;
        long last = start;
        int writes = 0;
        DateTime stamp = DateTime.MinValue;
        for (int i = 0; i < 120; i++)
        {
            t.Run(1000);
            Assert.IsTrue(t.Box.Energy.Wh >= last, "only grows");
            last = t.Box.Energy.Wh;
            if (System.IO.File.Exists(file) && System.IO.File.GetLastWriteTimeUtc(file) != stamp) { writes++; stamp = System.IO.File.GetLastWriteTimeUtc(file); }
        }
        long charged = last - start;
        Assert.IsTrue(charged > 300, $"charged {charged} Wh in 2 minutes at 16 A x 3");
        Assert.IsTrue(writes <= charged / EnergyRegister.PersistStepWh + 1, $"{writes} writes for {charged} Wh");
        t.Box.Energy.Persist();
        t.Boot();
        Assert.IsTrue(t.Box.Energy.Wh >= last, "restored before anyone reads it");
        var r = t.Modbus(3, 0x1F, 0x7A, 0, 4);
        long modbusWh = 0;
        for (int i = 0; i < 8; i++) modbusWh = (modbusWh << 8) | r[2 + i];
        Assert.AreEqual(t.Box.Energy.Wh, modbusWh);
    }
}
