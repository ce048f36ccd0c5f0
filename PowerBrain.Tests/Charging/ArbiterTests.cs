using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Modbus;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Charging;

/// <summary>The arbiter: the full truth table, through the whole charging core, and random event
/// sequences that must never offer more than any side allows.</summary>
[TestClass]
public sealed class ArbiterTests
{
    sealed record Case(bool ModbusEnabled, int ModbusLimit, bool OcppOn, bool Tx, int OcppLimit, bool Operative, int Cable, int HwMax, bool Fallback);

    /// <summary>The rule as the product states it, written independently of the firmware.</summary>
    static (bool Allowed, int Amps, string[] Who) Expected(Case c, int fallbackLimit = 80)
    {
        var limits = new List<(int, string)> { (c.ModbusLimit, "Modbus"), (c.Cable, "cable"), (c.HwMax, "hardware") };
        if (c.OcppOn && c.OcppLimit >= 0) limits.Add((c.OcppLimit, "OCPP"));
        if (c.Fallback) limits.Add((fallbackLimit, "fallback"));
        int min = limits.Min(l => l.Item1);
        var withholding = new List<string>();
        if (!c.ModbusEnabled) withholding.Add("Modbus");
        if (c.OcppOn && (!c.Tx || !c.Operative)) withholding.Add("OCPP");
        if (withholding.Count > 0) return (false, 0, withholding.ToArray());
        if (min < 60) return (false, 0, limits.Where(l => l.Item1 == min).Select(l => l.Item2).ToArray());
        return (true, min, limits.Where(l => l.Item1 == min).Select(l => l.Item2).ToArray());
    }

    static IEnumerable<Case> Grid()
    {
        foreach (bool en in new[] { true, false })
        foreach (int mb in new[] { 50, 100, 160, 320 })
        foreach (var (on, tx, lim) in new[] { (false, false, -1), (true, false, -1), (true, true, -1), (true, true, 0), (true, true, 60), (true, true, 100), (true, true, 160) })
        foreach (bool op in new[] { true, false })
        foreach (int cable in new[] { 130, 200, 320 })
        foreach (int hw in new[] { 160, 320 })
        foreach (bool fb in new[] { false, true })
            yield return new Case(en, mb, on, tx, lim, op, cable, hw, fb);
    }

    [TestMethod]
    public void PureTruthTable()
    {
        var d = new ArbiterDecision();
        int cases = 0;
        foreach (var c in Grid())
        {
            var i = new ArbiterInputs
            {
                ModbusActive = true, ModbusEnabled = c.ModbusEnabled, ModbusDeciAmps = c.ModbusLimit, FallbackActive = c.Fallback, FallbackDeciAmps = 80,
                OcppActive = c.OcppOn, OcppPermits = c.Tx, OcppDeciAmps = c.OcppLimit, Operative = c.Operative || !c.OcppOn,
                CableDeciAmps = c.Cable, HardwareMaxDeciAmps = c.HwMax,
            };
            Arbiter.Decide(i, d);
            var e = Expected(c with { Operative = c.Operative || !c.OcppOn });
            Assert.AreEqual(e.Allowed, d.Allowed, c.ToString());
            Assert.AreEqual(e.Amps, d.DeciAmps, c.ToString());
            CollectionAssert.Contains(e.Who, LimitedBy.Name(d.LimitedBy), c + " named " + LimitedBy.Name(d.LimitedBy));
            cases++;
        }
        Assert.AreEqual(2 * 4 * 7 * 2 * 3 * 2 * 2, cases);
    }

    [TestMethod]
    public void ModbusOrOcppSwitchedOffHaveNoSay()
    {
        var d = new ArbiterDecision();
        Arbiter.Decide(new ArbiterInputs { ModbusActive = false, ModbusEnabled = false, ModbusDeciAmps = 0, OcppActive = false, HardwareMaxDeciAmps = 160 }, d);
        Assert.IsTrue(d.Allowed);
        Assert.AreEqual(160, d.DeciAmps);
        Assert.AreEqual(LimitedBy.Hardware, d.LimitedBy);
    }

    [TestMethod]
    public void TruthTableThroughTheChargingCore()
    {
        using var t = new TestBox();
        var ev = t.Board.Ev;
        ev.Plug();
        ev.StartCharging(80);
        var box = t.Box;
        // A transaction in the store, so the connector status the backend would see is checked too.
        var session = box.OcppClient.Session;
        session.Store.Begin("TRUTH", 0, "2026-11-24T10:00:00.000Z", 1, System.Text.Encoding.UTF8.GetBytes("\"connectorId\":1"));
        int cases = 0;
        foreach (var c in Grid().Where((_, i) => i % 3 == 0))   // every third case: the core takes seconds per case
        {
            box.Modbus.Enabled = c.ModbusEnabled;
            box.Modbus.LimitDeciAmps = c.ModbusLimit;
            box.Modbus.LostMode = c.Fallback ? MasterLostMode.Fallback : MasterLostMode.Off;
            box.Modbus.FallbackDeciAmps = 80;
            box.Modbus.LostTimeoutMs = 1;
            if (c.Fallback) box.Modbus.CheckLost(t.Clock.UptimeMs + 10); else box.Modbus.Feed(t.Clock.UptimeMs);
            box.Ocpp.Active = c.OcppOn;
            box.Ocpp.TransactionRunning = c.Tx;
            box.Ocpp.LimitDeciAmps = c.OcppLimit;
            box.Ocpp.Operative = c.Operative || !c.OcppOn;
            ev.CableRatingAmps = c.Cable / 10;
            Assert.IsNull(box.Settings.Apply(new[] { SettingsCatalog.ChargingMaxCurrent }, new[] { c.HwMax.ToString() }, false));
            box.Charging.InputsChanged();
            t.Run(6000);   // past the re-closing hold-off
            var e = Expected(c with { Operative = c.Operative || !c.OcppOn });
            string what = c.ToString();
            Assert.AreEqual(e.Allowed ? DutyCycle.FromDeciAmps(e.Amps) : DutyCycle.Pause, ev.DutyPermille, "duty " + what);
            Assert.AreEqual(e.Allowed, t.Board.Contactor.FeedbackClosed, "contactor " + what);
            Assert.AreEqual(e.Allowed ? e.Amps : 0, t.Box.Status.OfferedDeciAmps, "offered " + what);
            CollectionAssert.Contains(e.Who, LimitedBy.Name(t.Box.Status.LimitedBy), "limitedBy " + what);
            Assert.AreEqual(e.Allowed ? "Charging" : "SuspendedEVSE", session.ComputeStatus(), "OCPP status " + what);
            cases++;
        }
        Assert.IsTrue(cases > 300);
    }

    [TestMethod]
    public void RandomEventsNeverOfferMoreThanAnySideAllows()
    {
        var rnd = new Random(20261124);
        using var t = new TestBox();
        var box = t.Box;
        var ev = t.Board.Ev;
        for (int step = 0; step < 4000; step++)
        {
            switch (rnd.Next(11))
            {
                case 0: if (ev.Plugged) ev.Unplug(); else ev.Plug(); break;
                case 1: if (rnd.Next(2) == 0) ev.StartCharging(rnd.Next(6, 33)); else ev.StopCharging(); break;
                case 2: t.WriteRegister(8094, rnd.Next(2)); break;
                case 3: t.WriteRegister(8093, rnd.Next(0, 801)); break;
                case 4: box.Ocpp.Active = rnd.Next(3) > 0; box.Charging.InputsChanged(); break;
                case 5: box.Ocpp.TransactionRunning = rnd.Next(3) > 0; box.Charging.InputsChanged(); break;
                case 6: box.Ocpp.LimitDeciAmps = rnd.Next(4) == 0 ? -1 : rnd.Next(0, 330); box.Charging.InputsChanged(); break;
                case 7: box.Ocpp.Operative = rnd.Next(4) > 0; box.Charging.InputsChanged(); break;
                case 8: ev.CableRatingAmps = new[] { 13, 20, 32, 63 }[rnd.Next(4)]; break;
                case 9: box.Settings.Apply(new[] { SettingsCatalog.ChargingMaxCurrent }, new[] { rnd.Next(60, 801).ToString() }, false); box.Charging.InputsChanged(); break;
                case 10:
                    box.Modbus.LostMode = rnd.Next(2) == 0 ? MasterLostMode.Off : MasterLostMode.Fallback;
                    box.Modbus.FallbackDeciAmps = rnd.Next(60, 200);
                    box.Modbus.LostTimeoutMs = rnd.Next(100, 3000);
                    box.Charging.InputsChanged();
                    break;
            }
            t.Run(rnd.Next(6, 40) * 10);   // at least one 50 ms pilot sample after each event
            int offered = box.Status.OfferedDeciAmps;
            string state = $"step {step}: offered {offered}";
            Assert.IsTrue(offered == 0 || offered >= 60, "never between 0 and 6 A, " + state);
            if (offered == 0) { Assert.AreEqual(DutyCycle.Pause, ev.DutyPermille, state); continue; }
            Assert.AreEqual(offered, DutyCycle.ToDeciAmps(ev.DutyPermille), state);
            Assert.IsTrue(box.Modbus.EffectiveEnabled && offered <= box.Modbus.LimitDeciAmps, "Modbus allows it, " + state);
            if (box.Modbus.FallbackActive) Assert.IsTrue(offered <= box.Modbus.FallbackDeciAmps, "fallback, " + state);
            if (box.Ocpp.Active) Assert.IsTrue(box.Ocpp.TransactionRunning && box.Ocpp.Operative && (box.Ocpp.LimitDeciAmps < 0 || offered <= box.Ocpp.LimitDeciAmps), "OCPP allows it, " + state);
            Assert.IsTrue(offered <= ev.CableRatingAmps * 10, "cable, " + state);
            Assert.IsTrue(offered <= box.Settings.GetNumber(SettingsCatalog.ChargingMaxCurrent), "hardware, " + state);
            Assert.IsTrue(ev.Plugged, "only to a plugged EV, " + state);
        }
    }
}
