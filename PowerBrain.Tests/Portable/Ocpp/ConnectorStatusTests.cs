using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>The connector status (page, API, OCPP) with OCPP off follows the pilot and the
    /// contactor: a car charging is Charging, not Preparing.</summary>
    [TestClass]
    public class ConnectorStatusTests
    {
        [TestMethod]
        public void WithOcppOffTheStatusFollowsThePilotAndTheContactor()
        {
            ScriptBox t = new ScriptBox();
            Assert.IsFalse(t.Box.OcppClient.IsOn);
            Assert.AreEqual("Available", t.Box.OcppClient.Status.Compute());
            t.Board.ScriptPilot.State = 'C';
            t.Run(2000);
            Assert.IsTrue(t.Board.Contactor.FeedbackClosed);
            Assert.IsTrue(t.Box.Status.Meter.PowerW > 10000, "about 11 kW: " + t.Box.Status.Meter.PowerW);
            Assert.AreEqual("Charging", t.Box.OcppClient.Status.Compute());
            t.WriteRegister(8094, 0);
            t.Run(200);
            Assert.AreEqual("SuspendedEVSE", t.Box.OcppClient.Status.Compute(), "paused by the load manager");
            t.WriteRegister(8094, 1);
            t.Board.ScriptPilot.State = 'B';
            t.Run(200);
            Assert.AreEqual("SuspendedEV", t.Box.OcppClient.Status.Compute(), "the car does not take the offer");
            t.Board.ScriptPilot.State = 'A';
            t.Run(200);
            Assert.AreEqual("Available", t.Box.OcppClient.Status.Compute());
        }
    }
}
