using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Modbus;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Charging;

/// <summary>The arbiter on the emulator board: random event sequences that must never offer more
/// than any side allows. The truth table runs on both runtimes (Portable/Charging).</summary>
[TestClass]
public sealed class ArbiterTests
{
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
                    box.Modbus.Changed();   // the Modbus side tells charging, as a register write does
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
