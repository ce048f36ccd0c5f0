using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Tests.Core;

/// <summary>The arithmetic the ESP32 adapters rely on (they only read raw values).</summary>
[TestClass]
public sealed class BoardLogicTests
{
    // The reference board's divider: ±12 V centred on 1.65 V with a gain of 8.
    [TestMethod]
    [DataRow(3150, 12000, CpState.A)]
    [DataRow(2775, 9000, CpState.B)]
    [DataRow(2400, 6000, CpState.C)]
    [DataRow(2025, 3000, CpState.D)]
    [DataRow(1650, 0, CpState.E)]
    [DataRow(150, -12000, CpState.F)]
    public void CpAdcLevelsMapToStates(int adcMv, int cpMv, int state)
    {
        int mv = AdcScaling.CpMillivolts(adcMv, 1650, 8000);
        Assert.AreEqual(cpMv, mv);
        Assert.AreEqual(state, ControlPilot.StateFromHighLevel(mv));
    }

    [TestMethod]
    [DataRow(1980, 1500, 130)]   // 1.5 kΩ against a 1 kΩ pull-up: 13 A
    [DataRow(1336, 680, 200)]
    [DataRow(595, 220, 320)]
    [DataRow(300, 100, 630)]
    public void PpResistorFromItsVoltage(int mv, int ohms, int deciAmps)
    {
        int r = AdcScaling.PpOhms(mv, 3300, 1000);
        Assert.IsTrue(System.Math.Abs(r - ohms) <= ohms / 50, $"{r} ohms");
        Assert.AreEqual(deciAmps, ControlPilot.CableDeciAmpsFromOhms(r));
    }

    [TestMethod]
    public void PpOpenOrShortedIsNoCable()
    {
        Assert.AreEqual(-1, AdcScaling.PpOhms(3290, 3300, 1000));
        Assert.AreEqual(-1, AdcScaling.PpOhms(0, 3300, 1000));
    }

    [TestMethod]
    public void S0PulsesGiveEnergyAndPower()
    {
        Assert.AreEqual(12345, AdcScaling.PulsesToWh(12345, 1000));
        Assert.AreEqual(6172, AdcScaling.PulsesToWh(12345, 2000));
        // 1000 pulses/kWh, one pulse every 326 ms = 11 kW.
        Assert.AreEqual(11042, AdcScaling.PulsePowerW(326_000, 100_000, 1000));
        Assert.AreEqual(0, AdcScaling.PulsePowerW(326_000, 61_000_000, 1000), "no pulse for a minute: no power");
    }

    [TestMethod]
    public void BoardDefinitionsAreComplete()
    {
        foreach (var b in new[] { PowerBrain.Esp32.Boards.WroverReference.Create(), PowerBrain.Esp32.Boards.WroomBasic.Create() })
        {
            Assert.IsFalse(string.IsNullOrEmpty(b.Name));
            Assert.IsTrue(b.CpPwmPin >= 0 && b.ContactorPin >= 0 && b.CpAdcChannel >= 0);
            Assert.AreNotEqual(b.CpPwmPin, b.ContactorPin);
            Assert.IsTrue(b.CpAdcGainPermille > 0);
        }
    }
}
