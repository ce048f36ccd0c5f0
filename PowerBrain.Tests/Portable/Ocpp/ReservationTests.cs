using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Web;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>The Reservation profile in process, on the simulated clock (both runtimes).</summary>
    [TestClass]
    public class ReservationTests
    {
        static bool Has(string text, string part) { return text != null && text.IndexOf(part) >= 0; }

        static string InMinutes(ScriptBox t, int minutes) { return Iso8601.Format(t.Board.SimClock.UtcNow.AddMinutes(minutes)); }

        static string Reserve(ScriptedCsms csms, int connector, string expiry, string tag, string parent, int id)
        {
            string reply = csms.Call("ReserveNow", "{\"connectorId\":" + connector + ",\"expiryDate\":\"" + expiry + "\",\"idTag\":\"" + tag + "\"" +
                                     (parent != null ? ",\"parentIdTag\":\"" + parent + "\"" : "") + ",\"reservationId\":" + id + "}");
            int at = reply == null ? -1 : reply.IndexOf("\"status\":\"");
            return at < 0 ? reply : reply.Substring(at + 10, reply.IndexOf('"', at + 10) - at - 10);
        }

        static string LastCall(ScriptedCsms csms, string action)
        {
            for (int i = csms.CallCount - 1; i >= 0; i--) if (Has(csms.CallFrame(i), "\"" + action + "\"")) return csms.CallFrame(i);
            return null;
        }

        static string LastStatus(ScriptedCsms csms)
        {
            for (int i = csms.CallCount - 1; i >= 0; i--)
            {
                string f = csms.CallFrame(i);
                if (Has(f, "\"StatusNotification\"") && Has(f, "\"connectorId\":1")) return f.Substring(f.IndexOf("\"status\":\"") + 10, f.IndexOf('"', f.IndexOf("\"status\":\"") + 10) - f.IndexOf("\"status\":\"") - 10);
            }
            return null;
        }

        [TestMethod]
        public void OnlyTheReservedCardStartsAndItsStartCarriesTheReservation() { OcppCases.With("", new OcppCase(LocalStartCase)); }

        static void LocalStartCase(ScriptBox t, ScriptedCsms csms)
        {
            Assert.IsTrue(csms.Connect());
            csms.Run(1);
            Assert.AreEqual("Accepted", Reserve(csms, 1, InMinutes(t, 60), "RES-1", null, 7));
            csms.Run(1);
            Assert.AreEqual("Reserved", LastStatus(csms));
            ChargingReason reason = new ChargingReason();
            reason.Explain(t.Box);
            Assert.AreEqual("reserved", reason.Code);
            int authorizes = csms.Count("Authorize");
            t.Board.ScriptMeter.PresentCard("OTHER");
            csms.Run(1);
            Assert.AreEqual(authorizes, csms.Count("Authorize"), "another card is refused without asking the backend");
            Assert.AreEqual(Firmware.Ocpp.Authorization.Refused, t.Box.OcppClient.Authorization.State);
            Assert.AreEqual("the connector is reserved for another card", t.Box.OcppClient.Authorization.Refusal);
            t.Board.ScriptMeter.PresentCard("RES-1");
            csms.Run(1);
            Assert.AreEqual("Preparing", LastStatus(csms), "the reserved card is accepted and waits for the car");
            t.Board.ScriptPilot.State = 'C';
            csms.Run(3);
            Assert.AreEqual(1, csms.Count("StartTransaction"));
            string start = LastCall(csms, "StartTransaction");
            Assert.IsTrue(Has(start, "\"reservationId\":7") && Has(start, "\"idTag\":\"RES-1\""), start);
            Assert.IsFalse(t.Box.OcppClient.Reservations.Active, "used up by its transaction");
        }

        [TestMethod]
        public void AnExpiredReservationFreesTheConnector() { OcppCases.With("", new OcppCase(ExpiryCase)); }

        static void ExpiryCase(ScriptBox t, ScriptedCsms csms)
        {
            Assert.IsTrue(csms.Connect());
            Assert.AreEqual("Accepted", Reserve(csms, 1, InMinutes(t, 1), "RES-1", null, 8));
            csms.Run(30);
            Assert.AreEqual("Reserved", LastStatus(csms));
            csms.Run(31);
            Assert.AreEqual("Available", LastStatus(csms), "back at expiry");
            t.Board.ScriptMeter.PresentCard("OTHER");
            t.Board.ScriptPilot.State = 'C';
            csms.Run(3);
            Assert.AreEqual("OTHER", t.Box.OcppClient.Transactions.Current.IdTag);
            Assert.IsFalse(Has(LastCall(csms, "StartTransaction"), "reservationId"), "no reservation any more");
        }

        [TestMethod]
        public void ReserveNowAnswersFromTheConnectorsState() { OcppCases.With("", new OcppCase(AnswersCase)); }

        static void AnswersCase(ScriptBox t, ScriptedCsms csms)
        {
            Assert.IsTrue(csms.Connect());
            Assert.AreEqual("Rejected", Reserve(csms, 2, InMinutes(t, 60), "RES-1", null, 1), "no connector 2");
            Assert.AreEqual("Rejected", Reserve(csms, 1, InMinutes(t, -1), "RES-1", null, 1), "expiry already past");
            t.Board.ScriptPilot.State = 'B';
            csms.Run(1);
            Assert.AreEqual("Occupied", Reserve(csms, 1, InMinutes(t, 60), "RES-1", null, 1), "a car is plugged");
            Assert.AreEqual("Occupied", Reserve(csms, 0, InMinutes(t, 60), "RES-1", null, 1), "the whole box is occupied");
            t.Board.ScriptPilot.State = 'A';
            csms.Run(1);
            Assert.IsTrue(Has(csms.Call("ChangeAvailability", "{\"connectorId\":1,\"type\":\"Inoperative\"}"), "Accepted"));
            Assert.AreEqual("Unavailable", Reserve(csms, 1, InMinutes(t, 60), "RES-1", null, 1));
            Assert.AreEqual("Unavailable", Reserve(csms, 0, InMinutes(t, 60), "RES-1", null, 1));
            Assert.IsTrue(Has(csms.Call("ChangeAvailability", "{\"connectorId\":1,\"type\":\"Operative\"}"), "Accepted"));
            Assert.AreEqual("Accepted", Reserve(csms, 0, InMinutes(t, 60), "RES-1", null, 2), "connector 0 (ReserveConnectorZeroSupported)");
            Assert.AreEqual("Occupied", Reserve(csms, 1, InMinutes(t, 60), "RES-2", null, 3), "reserved by another reservation");
            Assert.AreEqual("Accepted", Reserve(csms, 1, InMinutes(t, 90), "RES-2", null, 2), "the same id replaces the reservation");
            Assert.AreEqual("RES-2", t.Box.OcppClient.Reservations.IdTag);
            Assert.IsTrue(Has(csms.Call("CancelReservation", "{\"reservationId\":2}"), "Accepted"));
            t.Board.ScriptContactor.Welded = true;
            csms.Run(2);
            Assert.AreEqual("Faulted", Reserve(csms, 1, InMinutes(t, 60), "RES-1", null, 4));
            Assert.AreEqual("Faulted", Reserve(csms, 0, InMinutes(t, 60), "RES-1", null, 4));
        }

        [TestMethod]
        public void AReservationOutlivesARestartAndOnlyItsIdCancelsIt() { OcppCases.With("", new OcppCase(CancelCase)); }

        static void CancelCase(ScriptBox t, ScriptedCsms csms)
        {
            Assert.IsTrue(csms.Connect());
            Assert.AreEqual("Accepted", Reserve(csms, 1, InMinutes(t, 60), "RES-1", null, 5));
            Assert.IsTrue(Has(csms.Call("CancelReservation", "{\"reservationId\":99}"), "Rejected"), "an unknown id cancels nothing");
            t.Box.OcppClient.Stop();
            t.Boot();
            Assert.IsTrue(t.Box.OcppClient.Reservations.Active, "kept on flash");
            Assert.AreEqual(5, t.Box.OcppClient.Reservations.Id);
            Assert.AreEqual("Reserved", t.Box.OcppClient.Status.Compute());
            ScriptedCsms again = new ScriptedCsms(t.Board, t.Box);
            again.KeepCalls = true;
            Assert.IsTrue(again.Connect());
            Assert.IsTrue(Has(again.Call("CancelReservation", "{\"reservationId\":5}"), "Accepted"));
            again.Run(1);
            Assert.AreEqual("Available", LastStatus(again));
            t.Board.ScriptMeter.PresentCard("OTHER");
            t.Board.ScriptPilot.State = 'C';
            again.Run(3);
            Assert.AreEqual("OTHER", t.Box.OcppClient.Transactions.Current.IdTag, "another card charges after the cancel");
        }

        [TestMethod]
        public void ACardWithTheReservationsParentMayStart() { OcppCases.With("", new OcppCase(ParentCase)); }

        static void ParentCase(ScriptBox t, ScriptedCsms csms)
        {
            Assert.IsTrue(csms.Connect());
            Assert.AreEqual("Accepted", Reserve(csms, 1, InMinutes(t, 60), "RES-1", "FLEET", 9));
            csms.ParentIdTag = "OTHER-FLEET";
            t.Board.ScriptMeter.PresentCard("CHILD-2");
            csms.Run(1);
            Assert.AreEqual(1, csms.Count("Authorize"), "the backend tells the card's parent");
            Assert.AreEqual("the connector is reserved for another card", t.Box.OcppClient.Authorization.Refusal);
            csms.ParentIdTag = "FLEET";
            t.Board.ScriptMeter.PresentCard("CHILD-1");
            t.Board.ScriptPilot.State = 'C';
            csms.Run(3);
            Assert.AreEqual("CHILD-1", t.Box.OcppClient.Transactions.Current.IdTag);
            Assert.IsFalse(t.Box.OcppClient.Reservations.Active);
        }

        [TestMethod]
        public void ARemoteStartOnAReservedConnectorTakesItsTagOrAChildOfItsParent() { OcppCases.With("", new OcppCase(RemoteCase)); }

        static void RemoteCase(ScriptBox t, ScriptedCsms csms)
        {
            Assert.IsTrue(csms.Connect());
            Assert.AreEqual("Accepted", Reserve(csms, 1, InMinutes(t, 60), "RES-1", null, 11));
            Assert.IsTrue(Has(csms.Call("RemoteStartTransaction", "{\"idTag\":\"OTHER\"}"), "Rejected"), "not for another tag");
            Assert.IsTrue(Has(csms.Call("RemoteStartTransaction", "{\"idTag\":\"RES-1\"}"), "Accepted"));
            t.Board.ScriptPilot.State = 'C';
            csms.Run(3);
            Assert.AreEqual("RES-1", t.Box.OcppClient.Transactions.Current.IdTag);
            t.Board.ScriptPilot.State = 'A';
            csms.Run(3);
            Assert.AreEqual("Accepted", Reserve(csms, 0, InMinutes(t, 60), "RES-1", "FLEET", 12));
            csms.ParentIdTag = "FLEET";
            Assert.IsTrue(Has(csms.Call("RemoteStartTransaction", "{\"idTag\":\"CHILD-1\"}"), "Accepted"), "a child of the parent");
            t.Board.ScriptPilot.State = 'C';
            csms.Run(3);
            Assert.AreEqual("CHILD-1", t.Box.OcppClient.Transactions.Current.IdTag);
            Assert.AreEqual(2, csms.Count("StartTransaction"));
        }
    }
}
