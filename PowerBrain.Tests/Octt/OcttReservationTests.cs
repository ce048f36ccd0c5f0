using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PowerBrain.Tests.Octt;

/// <summary>The OCTT Reservation cases (TC_046 to TC_053), each as the test tool runs it.</summary>
[TestClass]
public sealed class OcttReservationTests
{
    static object Reservation(int connectorId, string idTag, int id, int seconds = 600, string parent = null) => parent == null
        ? new { connectorId, expiryDate = OcttRig.In(seconds), idTag, reservationId = id }
        : (object)new { connectorId, expiryDate = OcttRig.In(seconds), idTag, parentIdTag = parent, reservationId = id };

    /// <summary>Reserved for a tag; another card is refused without asking the backend; the reserved
    /// card is accepted (Preparing), the cable starts the transaction with the reservation.</summary>
    static void ReserveAndStartLocally(OcttRig t, int connectorId)
    {
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("ReserveNow", Reservation(connectorId, "RES-1", 41)));
        t.WaitStatus("Reserved", m);
        m = t.Mark();
        t.Card("OTHER-1");
        OcttRig.Quiet();
        Assert.AreEqual(0, t.Count("Authorize", m), "another tag is refused locally");
        Assert.AreEqual(0, t.Count("StartTransaction", m));
        t.Card("RES-1");
        t.WaitStatus("Preparing", m);
        t.Plug();
        var start = t.WaitCall("StartTransaction", m);
        Assert.AreEqual("RES-1", (string)start["idTag"]);
        Assert.AreEqual(41, (int)start["reservationId"]);
        t.Charge();
        t.WaitStatus("Charging", m);
    }

    [TestMethod]
    public void TC_046_1_ReserveAConnectorLocalStart()
    {
        using var t = new OcttRig();
        ReserveAndStartLocally(t, 1);
    }

    [TestMethod]
    public void TC_046_2_ReserveAConnectorRemoteStart()
    {
        using var t = new OcttRig();
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("ReserveNow", Reservation(1, "RES-1", 42)));
        t.WaitStatus("Reserved", m);
        Assert.AreEqual("Accepted", t.Status("RemoteStartTransaction", new { connectorId = 1, idTag = "RES-1" }));
        t.WaitStatus("Preparing", m);
        t.Plug();
        var start = t.WaitCall("StartTransaction", m);
        Assert.AreEqual("RES-1", (string)start["idTag"]);
        Assert.AreEqual(42, (int)start["reservationId"]);
        t.Charge();
        t.WaitStatus("Charging", m);
    }

    [TestMethod]
    public void TC_047_ReservationExpires()
    {
        using var t = new OcttRig();
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("ReserveNow", Reservation(1, "RES-1", 43, seconds: 4)));
        t.WaitStatus("Reserved", m);
        t.WaitStatus("Available", m, 15_000);
        m = t.Mark();
        t.Card("OTHER-1");
        t.Plug();
        var start = t.WaitCall("StartTransaction", m);
        Assert.AreEqual("OTHER-1", (string)start["idTag"], "another tag charges once the reservation is gone");
        Assert.IsNull(start["reservationId"]);
    }

    [TestMethod]
    public void TC_048_1_ReserveAFaultedConnector()
    {
        using var t = new OcttRig();
        int m = t.Mark();
        t.Weld();
        t.WaitStatus("Faulted", m);
        Assert.AreEqual("Faulted", t.Status("ReserveNow", Reservation(1, "RES-1", 44)));
    }

    [TestMethod]
    public void TC_048_2_ReserveAnOccupiedConnector()
    {
        using var t = new OcttRig();
        int m = t.Mark();
        t.Plug();
        t.WaitStatus("Preparing", m);
        Assert.AreEqual("Occupied", t.Status("ReserveNow", Reservation(1, "RES-1", 45)));
    }

    [TestMethod]
    public void TC_048_3_ReserveAnUnavailableConnector()
    {
        using var t = new OcttRig();
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("ChangeAvailability", new { connectorId = 1, type = "Inoperative" }));
        t.WaitStatus("Unavailable", m);
        Assert.AreEqual("Unavailable", t.Status("ReserveNow", Reservation(1, "RES-1", 46)));
    }

    /// <summary>This box rejects what it cannot hold: a connector it does not have.</summary>
    [TestMethod]
    public void TC_048_4_ReservationRejected()
    {
        using var t = new OcttRig();
        int m = t.Mark();
        Assert.AreEqual("Rejected", t.Status("ReserveNow", Reservation(2, "RES-1", 47)));
        OcttRig.Quiet(500);
        Assert.AreEqual(0, t.Count("StatusNotification", m), "nothing reserved");
    }

    [TestMethod]
    public void TC_049_ReserveTheChargePoint()
    {
        using var t = new OcttRig();
        var keys = t.Call("GetConfiguration", new { key = new[] { "ReserveConnectorZeroSupported" } });
        Assert.AreEqual("true", (string)keys["configurationKey"][0]["value"]);
        ReserveAndStartLocally(t, 0);
    }

    [TestMethod]
    public void TC_050_1_ReserveTheChargePointWhileFaulted()
    {
        using var t = new OcttRig();
        int m = t.Mark();
        t.Weld();
        t.WaitStatus("Faulted", m);
        Assert.AreEqual("Faulted", t.Status("ReserveNow", Reservation(0, "RES-1", 48)));
    }

    [TestMethod]
    public void TC_050_2_ReserveTheChargePointWhileOccupied()
    {
        using var t = new OcttRig();
        int m = t.Mark();
        t.Card("TAG-1");
        t.Plug();
        t.WaitCall("StartTransaction", m);
        Assert.AreEqual("Occupied", t.Status("ReserveNow", Reservation(0, "RES-1", 49)));
    }

    [TestMethod]
    public void TC_050_3_ReserveTheChargePointWhileUnavailable()
    {
        using var t = new OcttRig();
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("ChangeAvailability", new { connectorId = 0, type = "Inoperative" }));
        t.WaitStatus("Unavailable", m);
        Assert.AreEqual("Unavailable", t.Status("ReserveNow", Reservation(0, "RES-1", 50)));
    }

    [TestMethod]
    public void TC_051_CancelAReservation()
    {
        using var t = new OcttRig();
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("ReserveNow", Reservation(1, "RES-1", 51)));
        t.WaitStatus("Reserved", m);
        m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("CancelReservation", new { reservationId = 51 }));
        t.WaitStatus("Available", m);
        t.Card("TAG-2");
        t.Plug();
        var start = t.WaitCall("StartTransaction", m);
        Assert.AreEqual("TAG-2", (string)start["idTag"]);
        Assert.IsNull(start["reservationId"], "the cancelled reservation is not used");
    }

    [TestMethod]
    public void TC_052_CancelRejected()
    {
        using var t = new OcttRig();
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("ReserveNow", Reservation(1, "RES-1", 52)));
        t.WaitStatus("Reserved", m);
        m = t.Mark();
        Assert.AreEqual("Rejected", t.Status("CancelReservation", new { reservationId = 999 }));
        OcttRig.Quiet(1000);
        Assert.AreEqual(0, t.Count("StatusNotification", m), "still Reserved");
        Assert.AreEqual("Reserved", (string)t.Rig.Status()["connector"]["status"]);
    }

    [TestMethod]
    public void TC_053_1_ReservedConnectorUsedThroughParentIdTagLocally()
    {
        using var t = new OcttRig();
        t.Csms.SetParents(new Dictionary<string, string> { ["CHILD-2"] = "FLEET" });
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("ReserveNow", Reservation(1, "RES-1", 53, parent: "FLEET")));
        t.WaitStatus("Reserved", m);
        t.Card("CHILD-2");
        Assert.AreEqual("CHILD-2", (string)t.WaitCall("Authorize", m)["idTag"]);
        t.WaitStatus("Preparing", m);
        t.Plug();
        var start = t.WaitCall("StartTransaction", m);
        Assert.AreEqual("CHILD-2", (string)start["idTag"]);
        Assert.AreEqual(53, (int)start["reservationId"]);
    }

    [TestMethod]
    public void TC_053_2_ReservedConnectorUsedThroughParentIdTagRemotely()
    {
        using var t = new OcttRig();
        t.Csms.SetParents(new Dictionary<string, string> { ["CHILD-2"] = "FLEET" });
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("ReserveNow", Reservation(1, "RES-1", 54, parent: "FLEET")));
        t.WaitStatus("Reserved", m);
        Assert.AreEqual("Accepted", t.Status("RemoteStartTransaction", new { connectorId = 1, idTag = "CHILD-2" }));
        t.WaitStatus("Preparing", m);
        t.Plug();
        var start = t.WaitCall("StartTransaction", m);
        Assert.AreEqual("CHILD-2", (string)start["idTag"]);
        Assert.AreEqual(54, (int)start["reservationId"]);
    }
}
