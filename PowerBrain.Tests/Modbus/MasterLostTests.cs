using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Modbus;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Modbus;

/// <summary>The master-lost watchdog in each mode, on a simulated clock with the simulated EV charging.</summary>
[TestClass]
public sealed class MasterLostTests
{
    static TestBox Charging(int mode, int timeoutS = 10, int fallbackDeciA = 60)
    {
        var t = new TestBox();
        Assert.IsNull(t.Box.Settings.Apply(
            new[] { SettingsCatalog.ModbusLostMode, SettingsCatalog.ModbusLostTimeout, SettingsCatalog.ModbusLostFallback },
            new[] { mode.ToString(), timeoutS.ToString(), fallbackDeciA.ToString() }, true));
        t.Boot();
        t.WriteRegister(8093, 160);
        t.Board.Ev.Plug();
        t.Board.Ev.StartCharging(32);
        t.Run(500);
        Assert.AreEqual(160, t.Box.Status.OfferedDeciAmps);
        return t;
    }

    /// <summary>Keeps a master polling 8092 every second for `seconds`.</summary>
    static void Poll(TestBox t, int seconds)
    {
        for (int i = 0; i < seconds; i++) { t.ReadRegister(8092); t.Run(1000); }
    }

    [TestMethod]
    public void OffByDefaultNothingChangesWithoutAMaster()
    {
        using var t = Charging(MasterLostMode.Off);
        t.Run(120_000);
        Assert.IsFalse(t.Box.Modbus.MasterLost);
        Assert.AreEqual(160, t.Box.Status.OfferedDeciAmps);
    }

    [TestMethod]
    public void StopModePausesAfterTheTimeoutAndResumesOnTheNextRequest()
    {
        using var t = Charging(MasterLostMode.Stop);
        Poll(t, 20);
        Assert.AreEqual(160, t.Box.Status.OfferedDeciAmps, "any valid request feeds the watchdog, reads included");
        t.Run(9_000);
        Assert.IsFalse(t.Box.Modbus.MasterLost);
        t.Run(2_000);
        Assert.IsTrue(t.Box.Modbus.MasterLost);
        Assert.AreEqual(0, t.Box.Status.OfferedDeciAmps);
        Assert.AreEqual(LimitedBy.Modbus, t.Box.Status.LimitedBy);
        Assert.AreEqual(DutyCycle.Pause, t.Board.Ev.DutyPermille);
        t.Run(6_000);
        Assert.IsFalse(t.Board.Contactor.FeedbackClosed, "the contactor opens after a pause");
        t.ReadRegister(8094);
        Assert.IsFalse(t.Box.Modbus.MasterLost);
        Assert.AreEqual(160, t.Box.Status.OfferedDeciAmps);
    }

    [TestMethod]
    public void FallbackModeLimitsToTheFallbackCurrent()
    {
        using var t = Charging(MasterLostMode.Fallback, 10, 80);
        t.Run(11_000);
        Assert.IsTrue(t.Box.Modbus.MasterLost);
        Assert.AreEqual(80, t.Box.Status.OfferedDeciAmps);
        Assert.AreEqual(LimitedBy.Fallback, t.Box.Status.LimitedBy);
        Assert.AreEqual(160, t.ReadRegister(8093), "the master's value is kept and reads back unchanged");
        t.Run(100);
        Assert.AreEqual(160, t.Box.Status.OfferedDeciAmps, "a request ends the fallback");
    }

    [TestMethod]
    public void FallbackNeverRaisesALowerLimit()
    {
        using var t = Charging(MasterLostMode.Fallback, 10, 120);
        t.WriteRegister(8093, 70);
        t.Run(11_000);
        Assert.IsTrue(t.Box.Modbus.MasterLost);
        Assert.AreEqual(70, t.Box.Status.OfferedDeciAmps);
    }

    [TestMethod]
    public void KeepModeReportsTheLossButKeepsCharging()
    {
        using var t = Charging(MasterLostMode.KeepLast);
        t.Run(11_000);
        Assert.IsTrue(t.Box.Modbus.MasterLost);
        Assert.AreEqual(160, t.Box.Status.OfferedDeciAmps);
    }
}
