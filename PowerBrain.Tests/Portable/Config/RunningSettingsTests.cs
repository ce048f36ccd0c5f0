using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Config;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>Settings marked "no restart" change the running box at once, whoever changes them
    /// (here as the web page does, through Settings.Apply on the core thread).</summary>
    [TestClass]
    public class RunningSettingsTests
    {
        static void Set(ScriptBox t, string key, string value)
        {
            Assert.IsNull(t.Box.Settings.Apply(new string[] { key }, new string[] { value }, true), key);
        }

        [TestMethod]
        public void ANewSlaveIdIsAnsweredWithoutARestart()
        {
            ScriptBox t = new ScriptBox();
            Set(t, SettingsCatalog.ModbusSlaveId, "7");
            Assert.AreEqual(7, t.Box.ModbusSlave.SlaveId);
            Assert.AreEqual(7, t.ReadRegister(8040));
            t.WriteRegister(8040, 9);
            Assert.AreEqual(9, t.Box.ModbusSlave.SlaveId, "register 8040 takes the same path");
            Assert.AreEqual(9, t.Box.Settings.GetNumber(SettingsCatalog.ModbusSlaveId));
        }

        [TestMethod]
        public void TheMasterLostPolicyTakesEffectWhileRunning()
        {
            ScriptBox t = new ScriptBox();
            t.Board.ScriptPilot.State = 'C';
            t.WriteRegister(8093, 160);
            t.Run(1000);
            Assert.AreEqual(160, t.Box.Status.OfferedDeciAmps);
            Set(t, SettingsCatalog.ModbusLostFallback, "80");
            Set(t, SettingsCatalog.ModbusLostTimeout, "2");
            Set(t, SettingsCatalog.ModbusLostMode, "2");
            t.Run(2500);   // no Modbus request for more than 2 s
            Assert.AreEqual(80, t.Box.Status.OfferedDeciAmps, "fallback current");
            Assert.AreEqual(LimitedBy.Fallback, t.Box.Status.LimitedBy);
            Set(t, SettingsCatalog.ModbusLostMode, "0");
            Assert.AreEqual(160, t.Box.Status.OfferedDeciAmps, "the watchdog off again, at once");
        }

        [TestMethod]
        public void ALowerHardwareMaximumIsSignalledAtOnce()
        {
            ScriptBox t = new ScriptBox();
            t.Board.ScriptPilot.State = 'C';
            t.Run(1000);
            Assert.AreEqual(DutyCycle.FromDeciAmps(160), t.Board.ScriptPilot.DutyPermille);
            Set(t, SettingsCatalog.ChargingMaxCurrent, "100");
            Assert.AreEqual(DutyCycle.FromDeciAmps(100), t.Board.ScriptPilot.DutyPermille, "no tick needed");
            Assert.AreEqual(LimitedBy.Hardware, t.Box.Status.LimitedBy);
        }
    
        [TestMethod]
        public void AFixedCableAndItsRatingTakeEffectWhileRunning()
        {
            ScriptBox t = new ScriptBox();
            t.Board.ScriptPilot.State = 'C';
            t.Run(1000);
            Set(t, SettingsCatalog.ChargingFixedCable, "100");
            Set(t, SettingsCatalog.ChargingCableMode, "1");
            Assert.AreEqual(100, t.Box.Status.OfferedDeciAmps, "the fixed cable's rating at once");
            Assert.AreEqual(LimitedBy.Cable, t.Box.Status.LimitedBy);
            Set(t, SettingsCatalog.ChargingFixedCable, "130");
            Assert.AreEqual(130, t.Box.Status.OfferedDeciAmps);
        }
    }
}
