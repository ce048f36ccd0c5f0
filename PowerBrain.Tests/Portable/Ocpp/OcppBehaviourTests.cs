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
        [TestMethod]
        public void HeartbeatsFollowTheIntervalOfTheBootAnswer() { OcppCases.With("", new OcppCase(HeartbeatsFollowTheIntervalOfTheBootAnswerCase)); }

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
        public void AFixedIdTagSessionSamplesMeterValuesAtTheInterval() { OcppCases.With("FREE", new OcppCase(AFixedIdTagSessionSamplesMeterValuesAtTheIntervalCase)); }

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
        public void AnInvalidTagStartsNothingAndTheReasonSaysWhy() { OcppCases.With("FREE", new OcppCase(AnInvalidTagStartsNothingAndTheReasonSaysWhyCase)); }

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
        public void ARemoteStartBeginsATransactionForItsTag() { OcppCases.With("", new OcppCase(ARemoteStartBeginsATransactionForItsTagCase)); }

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
        public void ARejectedBoxAnswersNothingUntilTheIntervalHasPassed() { OcppCases.With("", new OcppCase(ARejectedBoxAnswersNothingUntilTheIntervalHasPassedCase)); }

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
        public void InoperativeDuringATransactionIsScheduledAndKeptOverARestart() { OcppCases.With("FREE", new OcppCase(InoperativeCase)); }

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
    
        static bool Has(string text, string part) { return text != null && text.IndexOf(part) >= 0; }

        [TestMethod]
        public void QueuedTransactionMessagesGoInOrderOnceWhenTheLinkReturns() { OcppCases.With("FREE", new OcppCase(QueuedInOrderCase)); }

        static void QueuedInOrderCase(ScriptBox t, ScriptedCsms csms)
        {
            Assert.IsTrue(csms.Connect());
            csms.Call("ChangeConfiguration", "{\"key\":\"MeterValueSampleInterval\",\"value\":\"10\"}");
            t.Board.ScriptPilot.State = 'C';
            csms.Run(5);
            Assert.AreEqual(1, csms.Count("StartTransaction"));
            int before = csms.CallCount;
            t.Board.Socket.Unreachable = true;
            t.Board.Socket.Drop();
            csms.Run(35);
            t.Board.ScriptPilot.State = 'A';
            csms.Run(2);
            Assert.AreEqual(before, csms.CallCount, "nothing goes out while the backend is away");
            int queued = t.Box.OcppClient.Transactions.Store.Count;
            Assert.IsTrue(queued >= 4, "three samples and the stop queued: " + queued);
            t.Board.Socket.Unreachable = false;
            Assert.IsTrue(csms.Reconnect(200), "reconnected");
            csms.Run(5);
            string expected = "";
            for (int i = 1; i < queued; i++) expected += "MeterValues,";
            expected += "StopTransaction";
            string order = csms.Actions(before);
            Assert.IsTrue(order.IndexOf(expected) == 0, "transaction messages first and in order: " + order);
            for (int i = before; i < before + queued; i++) Assert.IsTrue(Has(csms.CallFrame(i), "\"transactionId\":101"), csms.CallFrame(i));
            Assert.AreEqual(1, csms.Count("StopTransaction"), "sent once");
            Assert.AreEqual(0, t.Box.OcppClient.Transactions.Store.Count);
        }

        [TestMethod]
        public void AnUnansweredStopTransactionIsSentAgainAfterMessageTimeout() { OcppCases.With("FREE", new OcppCase(UnansweredStopCase)); }

        static void UnansweredStopCase(ScriptBox t, ScriptedCsms csms)
        {
            Assert.IsTrue(csms.Connect());
            csms.Call("ChangeConfiguration", "{\"key\":\"TransactionMessageRetryInterval\",\"value\":\"10\"}");
            t.Board.ScriptPilot.State = 'C';
            csms.Run(5);
            csms.Ignore = "StopTransaction";
            t.Board.ScriptPilot.State = 'A';
            csms.Run(2);
            Assert.AreEqual(1, csms.Count("StopTransaction"));
            int first = csms.CallCount - 1;
            csms.Run(35);
            Assert.AreEqual(1, csms.Count("StopTransaction"), "MessageTimeout (30 s), then the retry interval (10 s)");
            Assert.AreEqual(1, t.Box.OcppClient.Transactions.Store.Count, "kept until answered");
            csms.Ignore = null;
            csms.Run(10);
            Assert.AreEqual(2, csms.Count("StopTransaction"));
            Assert.AreEqual(0, t.Box.OcppClient.Transactions.Store.Count);
            string again = csms.CallFrame(csms.CallCount - 1);
            string original = csms.CallFrame(first);
            Assert.AreEqual(original.Substring(original.IndexOf(",\"StopTransaction\"")), again.Substring(again.IndexOf(",\"StopTransaction\"")), "the same message again");
        }

        [TestMethod]
        public void OfflineCardsAreDecidedByTheLocalList() { OcppCases.With("", new OcppCase(OfflineCardsCase)); }

        static void OfflineCardsCase(ScriptBox t, ScriptedCsms csms)
        {
            Assert.IsTrue(csms.Connect());
            Assert.IsTrue(Has(csms.Call("SendLocalList", "{\"listVersion\":1,\"updateType\":\"Full\",\"localAuthorizationList\":[" +
                "{\"idTag\":\"LIST-1\",\"idTagInfo\":{\"status\":\"Accepted\"}},{\"idTag\":\"BLOCKED\",\"idTagInfo\":{\"status\":\"Blocked\"}}]}"), "Accepted"), csms.LastReply);
            t.Board.Socket.Unreachable = true;
            t.Board.Socket.Drop();
            t.Board.ScriptPilot.State = 'B';
            csms.Run(1);
            ChargingReason reason = new ChargingReason();
            t.Board.ScriptMeter.PresentCard("NOPE");
            csms.Run(1);
            reason.Explain(t.Box);
            Assert.AreEqual("Not charging: backend offline and unknown tags are not allowed offline", reason.Text);
            t.Board.ScriptMeter.PresentCard("BLOCKED");
            csms.Run(1);
            reason.Explain(t.Box);
            Assert.AreEqual("Not charging: backend offline and BLOCKED is Blocked locally", reason.Text);
            Assert.IsNull(t.Box.OcppClient.Transactions.Current);
            t.Board.ScriptMeter.PresentCard("LIST-1");
            t.Board.ScriptPilot.State = 'C';
            csms.Run(3);
            Assert.AreEqual("LIST-1", t.Box.OcppClient.Transactions.Current.IdTag, "started offline from the list");
            Assert.IsTrue(t.Box.Status.OfferedDeciAmps >= 60);
            t.Board.Socket.Unreachable = false;
            Assert.IsTrue(csms.Reconnect(200));
            csms.Run(3);
            Assert.AreEqual(1, csms.Count("StartTransaction"), "told once back online");
            Assert.AreEqual(0, csms.Count("Authorize"), "no card was asked for online");
        }

        [TestMethod]
        public void ANewAuthorizationKeyReconnectsWithItAndIsReported() { OcppCases.With("", new OcppCase(AuthorizationKeyCase)); }

        static void AuthorizationKeyCase(ScriptBox t, ScriptedCsms csms)
        {
            Assert.IsTrue(csms.Connect());
            Assert.IsNull(t.Board.Socket.Authorization, "no password yet");
            Assert.AreEqual("[3,\"cs-1\",{\"status\":\"Accepted\"}]",
                csms.Call("ChangeConfiguration", "{\"key\":\"AuthorizationKey\",\"value\":\"30313233343536373839616263646566\"}"));
            Assert.IsTrue(csms.Reconnect(10));
            string expected = "Basic " + System.Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("WB-7:0123456789abcdef"));
            Assert.AreEqual(expected, t.Board.Socket.Authorization);
            csms.Run(2);
            Assert.AreEqual(1, csms.Count("SecurityEventNotification"));
            string reply = csms.Call("GetConfiguration", "{\"key\":[\"AuthorizationKey\"]}");
            Assert.IsFalse(Has(reply, "30313233"), "the key is write-only: " + reply);
        }

        [TestMethod]
        public void EveryTriggeredMessageFollowsItsAnswer() { OcppCases.With("", new OcppCase(TriggerCase)); }

        static void TriggerCase(ScriptBox t, ScriptedCsms csms)
        {
            Assert.IsTrue(csms.Connect());
            csms.Run(2);
            string[] messages = { "BootNotification", "Heartbeat", "MeterValues", "StatusNotification", "DiagnosticsStatusNotification", "FirmwareStatusNotification" };
            for (int i = 0; i < messages.Length; i++)
            {
                int before = csms.Count(messages[i]);
                Assert.AreEqual("[3,\"cs-" + (i + 1) + "\",{\"status\":\"Accepted\"}]", csms.Call("TriggerMessage", "{\"requestedMessage\":\"" + messages[i] + "\"}"));
                csms.Run(1);
                Assert.IsTrue(csms.Count(messages[i]) > before, messages[i] + " sent");
            }
            Assert.IsTrue(Has(csms.Call("TriggerMessage", "{\"requestedMessage\":\"Heartbeat\",\"connectorId\":2}"), "Rejected"), "no connector 2");
        }

        [TestMethod]
        public void HostileFramesAreAnsweredAndTheLinkSurvives() { OcppCases.With("", new OcppCase(HostileCase)); }

        static void HostileCase(ScriptBox t, ScriptedCsms csms)
        {
            Assert.IsTrue(csms.Connect());
            csms.Run(1);
            Assert.IsTrue(Has(csms.Raw("hello"), "[4,\"-1\",\"FormationViolation\""), csms.LastReply);
            Assert.IsTrue(Has(csms.Raw("[2,\"a1\",\"Reset\"]"), "[4,\"a1\",\"FormationViolation\""), csms.LastReply);
            Assert.IsTrue(Has(csms.Raw("[2,\"a2\",\"Reset\",[]]"), "[4,\"a2\",\"FormationViolation\""), csms.LastReply);
            Assert.IsTrue(Has(csms.Raw("[2,\"a3\",\"NoSuchAction\",{}]"), "[4,\"a3\",\"NotImplemented\""), csms.LastReply);
            Assert.IsTrue(Has(csms.Raw("[2,\"a4\",\"Reset\",{\"type\":\"Sideways\"}]"), "[4,\"a4\",\"PropertyConstraintViolation\""), csms.LastReply);
            Assert.IsTrue(Has(csms.Raw("[7,\"a5\",{}]"), "[4,\"a5\",\"FormationViolation\""), csms.LastReply);
            Assert.IsNull(csms.Raw("[3,\"not-ours\",{}]"), "an answer to nothing is ignored");
            Assert.IsFalse(t.Box.Rebooting, "no reset from a broken Reset");
            Assert.IsTrue(t.Box.OcppClient.Online);
            Assert.IsTrue(Has(csms.Call("GetConfiguration", "{\"key\":[\"HeartbeatInterval\"]}"), "HeartbeatInterval"), "still answering");
        }

        [TestMethod]
        public void APendingBoxAnswersButRefusesRemoteStartUntilAccepted() { OcppCases.With("", new OcppCase(PendingCase)); }

        static void PendingCase(ScriptBox t, ScriptedCsms csms)
        {
            csms.BootStatus = "Pending";
            csms.HeartbeatIntervalS = 20;
            Assert.IsTrue(csms.Connect());
            Assert.IsNotNull(csms.Call("GetConfiguration", "{}"), "a pending box answers the backend");
            Assert.IsTrue(Has(csms.Call("RemoteStartTransaction", "{\"idTag\":\"R-1\"}"), "Rejected"), csms.LastReply);
            csms.BootStatus = "Accepted";
            csms.Run(21);
            Assert.AreEqual(2, csms.Count("BootNotification"));
            Assert.IsTrue(Has(csms.Call("RemoteStartTransaction", "{\"idTag\":\"R-1\"}"), "Accepted"), csms.LastReply);
        }
    
        [TestMethod]
        public void AFixedIdTagSetWhileRunningCountsFromTheNextPlugIn() { OcppCases.With("", new OcppCase(FixedIdTagWhileRunningCase)); }

        static void FixedIdTagWhileRunningCase(ScriptBox t, ScriptedCsms csms)
        {
            Assert.IsTrue(csms.Connect());
            t.Board.ScriptPilot.State = 'C';
            csms.Run(3);
            Assert.AreEqual(0, csms.Count("Authorize"), "no fixed idTag: waits for a card");
            t.Board.ScriptPilot.State = 'A';
            csms.Run(1);
            Assert.IsNull(t.Box.Settings.Apply(new string[] { "ocpp.idTag" }, new string[] { "FREE" }, true));
            t.Board.ScriptPilot.State = 'C';
            csms.Run(3);
            Assert.AreEqual(1, csms.Count("Authorize"));
            Assert.AreEqual("FREE", t.Box.OcppClient.Transactions.Current.IdTag, "no restart needed");
        }
    }
}
