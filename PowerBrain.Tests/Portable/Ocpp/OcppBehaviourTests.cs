using PowerBrain.Firmware.Web;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>OCPP behaviour in process on the simulated clock: the firmware's client against a
    /// scripted backend on the board's websocket (ScriptedCsms). Minutes of protocol time take
    /// milliseconds and never depend on the machine's speed; the strict ocpp-rpc tests over real
    /// sockets stay the conformance layer.</summary>
    [TestClass]
    public class OcppBehaviourTests
    {
        delegate void OcppCase(ScriptBox t, ScriptedCsms csms);

        /// <summary>Runs a case on a box with OCPP on (and this fixed idTag) and its scripted backend;
        /// stops the link thread afterwards, which would otherwise keep the runtime alive.</summary>
        static void With(string idTag, OcppCase body)
        {
            ScriptBox t = new ScriptBox(new string[] { "ocpp.url", "ocpp.chargeBoxId", "ocpp.idTag", "modbus.tcp.enabled" },
                                        new string[] { "ws://csms.example/ocpp", "WB-7", idTag, "0" });
            try { body(t, new ScriptedCsms(t.Board, t.Box)); }
            finally { t.Box.OcppClient.Stop(); }
        }

        [TestMethod]
        public void HeartbeatsFollowTheIntervalOfTheBootAnswer() { With("", new OcppCase(HeartbeatsFollowTheIntervalOfTheBootAnswerCase)); }

        static void HeartbeatsFollowTheIntervalOfTheBootAnswerCase(ScriptBox t, ScriptedCsms csms)
        {
            csms.HeartbeatIntervalS = 60;
            Assert.IsTrue(csms.Connect());
            Assert.AreEqual(1, csms.Count("BootNotification"));
            csms.Run(185);
            Assert.AreEqual(3, csms.Count("Heartbeat"), "one a minute for three minutes");
            Assert.IsTrue(csms.Call("GetConfiguration", "{\"key\":[\"HeartbeatInterval\"]}").IndexOf("\"value\":\"60\"") > 0, csms.LastReply);
        }

        [TestMethod]
        public void AFixedIdTagSessionSamplesMeterValuesAtTheInterval() { With("FREE", new OcppCase(AFixedIdTagSessionSamplesMeterValuesAtTheIntervalCase)); }

        static void AFixedIdTagSessionSamplesMeterValuesAtTheIntervalCase(ScriptBox t, ScriptedCsms csms)
        {
            Assert.IsTrue(csms.Connect());
            string reply = csms.Call("ChangeConfiguration", "{\"key\":\"MeterValueSampleInterval\",\"value\":\"10\"}");
            Assert.AreEqual("[3,\"cs-1\",{\"status\":\"Accepted\"}]", reply);
            t.Board.ScriptPilot.State = 'C';
            csms.Run(65);
            Assert.AreEqual(1, csms.Count("Authorize"));
            Assert.AreEqual(1, csms.Count("StartTransaction"));
            int samples = csms.Count("MeterValues");
            Assert.IsTrue(samples == 6 || samples == 7, "every 10 s for 65 s: " + samples);
            Assert.AreEqual(101, t.Box.OcppClient.Transactions.Store.ServerId(t.Box.OcppClient.Transactions.Current.Local));
            t.Board.ScriptPilot.State = 'A';
            csms.Run(3);
            Assert.AreEqual(1, csms.Count("StopTransaction"));
            Assert.IsNull(t.Box.OcppClient.Transactions.Current);
            Assert.AreEqual(0, t.Box.OcppClient.Transactions.Store.Count, "everything answered");
        }

        [TestMethod]
        public void AnInvalidTagStartsNothingAndTheReasonSaysWhy() { With("FREE", new OcppCase(AnInvalidTagStartsNothingAndTheReasonSaysWhyCase)); }

        static void AnInvalidTagStartsNothingAndTheReasonSaysWhyCase(ScriptBox t, ScriptedCsms csms)
        {
            csms.TagStatus = "Invalid";
            Assert.IsTrue(csms.Connect());
            t.Board.ScriptPilot.State = 'C';
            csms.Run(5);
            Assert.AreEqual(1, csms.Count("Authorize"));
            Assert.AreEqual(0, csms.Count("StartTransaction"));
            Assert.AreEqual(0, t.Box.Status.OfferedDeciAmps);
            ChargingReason reason = new ChargingReason();
            reason.Explain(t.Box);
            Assert.AreEqual("auth-refused", reason.Code);
            Assert.AreEqual("Not charging: the backend answered Invalid for FREE", reason.Text);
        }

        [TestMethod]
        public void ARemoteStartBeginsATransactionForItsTag() { With("", new OcppCase(ARemoteStartBeginsATransactionForItsTagCase)); }

        static void ARemoteStartBeginsATransactionForItsTagCase(ScriptBox t, ScriptedCsms csms)
        {
            Assert.IsTrue(csms.Connect());
            t.Board.ScriptPilot.State = 'B';
            csms.Run(2);
            string reply = csms.Call("RemoteStartTransaction", "{\"idTag\":\"REMOTE-1\"}");
            Assert.AreEqual("[3,\"cs-1\",{\"status\":\"Accepted\"}]", reply);
            csms.Run(5);
            Assert.AreEqual(1, csms.Count("StartTransaction"));
            Assert.AreEqual("REMOTE-1", t.Box.OcppClient.Transactions.Current.IdTag);
            Assert.IsTrue(t.Box.Status.OfferedDeciAmps >= 60, "offered: " + t.Box.Status.OfferedDeciAmps);
        }

        [TestMethod]
        public void ARejectedBoxAnswersNothingUntilTheIntervalHasPassed() { With("", new OcppCase(ARejectedBoxAnswersNothingUntilTheIntervalHasPassedCase)); }

        static void ARejectedBoxAnswersNothingUntilTheIntervalHasPassedCase(ScriptBox t, ScriptedCsms csms)
        {
            csms.BootStatus = "Rejected";
            csms.HeartbeatIntervalS = 30;
            Assert.IsTrue(csms.Connect());
            int frames = csms.Frames;
            Assert.IsNull(csms.Call("GetConfiguration", "{}"), "no answer while rejected");
            csms.Run(20);
            Assert.AreEqual(frames, csms.Frames, "nothing at all sent while rejected");
            csms.BootStatus = "Accepted";
            csms.Run(11);
            Assert.AreEqual(2, csms.Count("BootNotification"), "booted again after the interval");
            Assert.IsNotNull(csms.Call("GetConfiguration", "{}"), "answers once accepted");
        }

        [TestMethod]
        public void InoperativeDuringATransactionIsScheduledAndKeptOverARestart() { With("FREE", new OcppCase(InoperativeCase)); }

        static void InoperativeCase(ScriptBox t, ScriptedCsms csms)
        {
            Assert.IsTrue(csms.Connect());
            t.Board.ScriptPilot.State = 'C';
            csms.Run(5);
            Assert.AreEqual(1, csms.Count("StartTransaction"));
            Assert.AreEqual("[3,\"cs-1\",{\"status\":\"Scheduled\"}]", csms.Call("ChangeAvailability", "{\"connectorId\":1,\"type\":\"Inoperative\"}"));
            Assert.IsTrue(t.Box.Status.OfferedDeciAmps >= 60, "the transaction goes on");
            t.Board.ScriptPilot.State = 'A';
            csms.Run(3);
            Assert.AreEqual(1, csms.Count("StopTransaction"));
            Assert.IsFalse(t.Box.OcppClient.Availability.Operative, "inoperative once the transaction ended");
            Assert.AreEqual("Unavailable", t.Box.OcppClient.Status.Compute());
            t.Box.OcppClient.Stop();
            t.Boot();
            Assert.IsFalse(t.Box.OcppClient.Availability.Operative, "kept over a restart");
            t.Board.ScriptPilot.State = 'C';
            t.Run(3000);
            Assert.AreEqual(0, t.Box.Status.OfferedDeciAmps, "no charging while inoperative");
        }
    }
}
