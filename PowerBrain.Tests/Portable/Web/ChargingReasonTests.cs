using PowerBrain.Firmware.Web;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>"Why (not) charging" in words, for each side that can decide, on the simulated clock.</summary>
    [TestClass]
    public class ChargingReasonTests
    {
        static ChargingReason Explain(ScriptBox t)
        {
            ChargingReason r = new ChargingReason();
            r.Explain(t.Box);
            return r;
        }

        static void Expect(ScriptBox t, string code, string text)
        {
            ChargingReason r = Explain(t);
            Assert.AreEqual(code, r.Code, r.Text);
            Assert.IsTrue(r.Text.IndexOf(text) >= 0, "'" + r.Text + "' should say '" + text + "'");
        }

        static ScriptBox Charging()
        {
            ScriptBox t = new ScriptBox();
            Expect(t, "no-car", "No car connected");
            t.Board.ScriptPilot.State = 'C';
            t.Run(2000);
            return t;
        }

        [TestMethod]
        public void TheHardwareMaximumAndTheCable()
        {
            ScriptBox t = Charging();
            Expect(t, "limit-hardware", "Charging at 16.0 A, limited by the hardware maximum (16.0 A)");
            t.Box.Settings.Apply(new string[] { "charging.cableMode", "charging.fixedCableDeciA" }, new string[] { "1", "130" }, true);
            t.Run(500);
            Expect(t, "limit-cable", "Charging at 13.0 A, limited by the cable (13.0 A)");
        }

        [TestMethod]
        public void TheLoadManagerLimitsAndPauses()
        {
            ScriptBox t = Charging();
            t.WriteRegister(8093, 100);
            t.Run(200);
            Expect(t, "limit-modbus", "Charging at 10.0 A, limited by the load manager (Modbus limit 10.0 A)");
            t.WriteRegister(8094, 0);
            t.Run(200);
            Expect(t, "modbus-paused", "Paused by the load manager (Modbus enable = 0)");
        }

        [TestMethod]
        public void ASilentMasterGivesTheFallback()
        {
            ScriptBox t = Charging();
            t.Box.Settings.Apply(new string[] { "modbus.masterLost.mode", "modbus.masterLost.timeoutS", "modbus.masterLost.fallbackDeciA" }, new string[] { "2", "5", "80" }, true);
            t.ReadRegister(8000);
            t.Run(7000);
            Expect(t, "limit-fallback", ": Modbus master silent since ");
            Expect(t, "limit-fallback", "UTC, fallback 8.0 A");
            Expect(t, "limit-fallback", "Charging at 8.0 A");
        }

        [TestMethod]
        public void AWeldedContactorIsAFault()
        {
            ScriptBox t = Charging();
            t.Board.ScriptContactor.Welded = true;
            t.Board.ScriptPilot.State = 'A';
            t.Run(3000);
            Expect(t, "fault", "Fault: contactor welded");
        }
    }
}
