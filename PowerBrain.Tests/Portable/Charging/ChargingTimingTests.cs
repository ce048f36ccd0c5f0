using PowerBrain.Firmware.Charging;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>Pilot and contactor timing through the charging core on the simulated clock.</summary>
    [TestClass]
    public class ChargingTimingTests
    {
        static ScriptBox Charging()
        {
            ScriptBox t = new ScriptBox();
            t.Board.ScriptPilot.State = 'C';
            t.Run(1000);
            Assert.IsTrue(t.Board.Contactor.FeedbackClosed, "charging");
            return t;
        }

        [TestMethod]
        public void PlugRequestAndChargeAtTheLowestLimit()
        {
            ScriptBox t = new ScriptBox();
            Assert.AreEqual(DutyCycle.Pause, t.Board.ScriptPilot.DutyPermille, "no EV: no PWM");
            t.Board.ScriptPilot.State = 'B';
            t.Run(200);
            Assert.AreEqual(CpState.B, t.Box.Status.CpState);
            Assert.AreEqual(266, t.Board.ScriptPilot.DutyPermille, "B2: 16 A offered (hardware maximum)");
            Assert.IsFalse(t.Board.Contactor.FeedbackClosed, "the contactor stays open in B");
            t.Board.ScriptPilot.State = 'C';
            t.Run(200);
            Assert.IsTrue(t.Board.Contactor.FeedbackClosed, "closed in C2 after a good diode check");
            Assert.AreEqual(LimitedBy.Hardware, t.Box.Status.LimitedBy);
        }

        [TestMethod]
        public void AModbusLimitReachesThePilotInTheSameStep()
        {
            ScriptBox t = Charging();
            t.WriteRegister(8093, 100);
            Assert.AreEqual(DutyCycle.FromDeciAmps(100), t.Board.ScriptPilot.DutyPermille, "no tick needed");
            Assert.AreEqual(100, t.Box.Status.OfferedDeciAmps);
        }

        [TestMethod]
        public void PauseGoesThrough100PercentAndOpensWhenTheEvStops()
        {
            ScriptBox t = Charging();
            t.WriteRegister(8094, 0);
            Assert.AreEqual(DutyCycle.Pause, t.Board.ScriptPilot.DutyPermille, "100 % at once (same core step as the write)");
            t.Run(4500);
            Assert.IsFalse(t.Board.Contactor.FeedbackClosed, "opened once the EV stopped drawing");
            Assert.AreEqual(0, t.Box.Status.OfferedDeciAmps);
            t.WriteRegister(8094, 1);
            t.Run(6000);
            Assert.IsTrue(t.Board.Contactor.FeedbackClosed, "resumed after the re-closing hold-off");
        }

        [TestMethod]
        public void LeavingStateCOpensAtOnce()
        {
            ScriptBox t = Charging();
            t.Board.ScriptPilot.State = 'B';
            t.Run(60);
            Assert.IsFalse(t.Board.Contactor.FeedbackClosed, "within one 50 ms tick");
            ScriptBox u = Charging();
            u.Board.ScriptPilot.State = 'A';
            u.Run(60);
            Assert.IsFalse(u.Board.Contactor.FeedbackClosed);
        }

        [TestMethod]
        public void AWeldedContactorIsAFault()
        {
            ScriptBox t = Charging();
            t.Board.ScriptContactor.Welded = true;
            t.Board.ScriptPilot.State = 'B';
            t.Run(1500);
            Assert.AreEqual(FaultKind.Contactor, t.Box.Charging.Fault);
            Assert.AreEqual(CpState.Fault, t.ReadRegister(8092));
            Assert.AreEqual(0, t.Box.Status.OfferedDeciAmps);
        }

        [TestMethod]
        public void AFailedDiodeCheckNeverClosesTheContactor()
        {
            ScriptBox t = new ScriptBox();
            t.Board.ScriptPilot.DiodeFault = true;
            t.Board.ScriptPilot.State = 'C';
            t.Run(3000);
            Assert.IsFalse(t.Board.ScriptContactor.Commanded);
        }

        [TestMethod]
        public void TheEnergyRegisterFollowsTheMeterAndSurvivesARestart()
        {
            ScriptBox t = Charging();
            t.Run(60000);
            long wh = t.Box.Status.Meter.EnergyWh;
            Assert.IsTrue(wh > 1000 + 150, "16 A on three phases for a minute is about 184 Wh: " + wh);
            t.Box.Energy.Persist();
            t.Boot();
            t.Run(1100);
            Assert.IsTrue(t.Box.Status.Meter.EnergyWh >= wh);
        }
    }
}
