using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Octt;

/// <summary>The OCTT Remote Trigger (TC_054, TC_055) and Local Authorization List cases.</summary>
[TestClass]
public sealed class OcttTriggerAndListTests
{
    [TestMethod]
    public void TC_054_TriggerMessage()
    {
        using var t = new OcttRig();
        foreach (var message in new[] { "MeterValues", "Heartbeat", "StatusNotification", "DiagnosticsStatusNotification", "FirmwareStatusNotification", "BootNotification" })
        {
            int m = t.Mark();
            object request = message == "MeterValues" ? new { requestedMessage = message, connectorId = 1 } : new { requestedMessage = message };
            Assert.AreEqual("Accepted", t.Status("TriggerMessage", request), message);
            t.WaitCall(message, m);
            var frames = t.Csms.Events.Skip(m).Where(e => Csms.Event(e) == "message" && !(bool)e["outbound"]).Select(e => (string)e["message"]).ToList();
            int reply = frames.FindIndex(f => f.StartsWith("[3,"));
            int call = frames.FindIndex(f => f.StartsWith("[2,") && f.Contains("\"" + message + "\""));
            Assert.IsTrue(reply >= 0 && call > reply, message + " follows the answer: " + string.Join("\n", frames));
        }
    }

    [TestMethod]
    public void TC_055_TriggerMessageRejected()
    {
        using var t = new OcttRig();
        int m = t.Mark();
        Assert.AreEqual("Rejected", t.Status("TriggerMessage", new { requestedMessage = "MeterValues", connectorId = 2 }));
        OcttRig.Quiet(1000);
        Assert.AreEqual(0, t.Count("MeterValues", m));
    }

    static object List(int version, string update, params string[] tags) => new
    {
        listVersion = version, updateType = update,
        localAuthorizationList = tags.Select(tag => new { idTag = tag, idTagInfo = new { status = "Accepted" } }).ToArray(),
    };

    [TestMethod]
    public void TC_008_1_LocalStartIdInTheList()
    {
        using var t = new OcttRig();
        t.Configure("LocalPreAuthorize", "true");
        t.Configure("AuthorizationCacheEnabled", "false");
        t.Configure("LocalAuthListEnabled", "true");
        t.Call("GetLocalListVersion", new { });
        Assert.AreEqual("Accepted", t.Status("SendLocalList", List(1, "Full", "LIST-1")));
        int m = t.Mark();
        t.Card("LIST-1");
        t.WaitStatus("Preparing", m);
        Assert.AreEqual("LIST-1", (string)t.PlugAndCharge(m)["idTag"]);
        Assert.AreEqual(0, t.Count("Authorize", m), "the list stands in for Authorize");
    }

    [TestMethod]
    public void TC_008_2_RemoteStartIdInTheList()
    {
        using var t = new OcttRig();
        t.Configure("LocalPreAuthorize", "true");
        t.Configure("AuthorizeRemoteTxRequests", "true");
        Assert.AreEqual("Accepted", t.Status("SendLocalList", List(1, "Full", "LIST-1")));
        int m = t.Mark();
        Assert.AreEqual("Accepted", t.Status("RemoteStartTransaction", new { connectorId = 1, idTag = "LIST-1" }));
        t.WaitStatus("Preparing", m);
        Assert.AreEqual("LIST-1", (string)t.PlugAndCharge(m)["idTag"]);
        Assert.AreEqual(0, t.Count("Authorize", m), "a hit in the list stands in for Authorize");
    }

    [TestMethod]
    public void TC_042_2_ListVersionEmptyList()
    {
        using var t = new OcttRig();
        Assert.AreEqual("Accepted", t.Status("SendLocalList", new { listVersion = 1, updateType = "Full" }));
        Assert.AreEqual(0, (int)t.Call("GetLocalListVersion", new { })["listVersion"], "an empty list reports 0");
    }

    [TestMethod]
    public void TC_043_SendListFullThenDifferential()
    {
        using var t = new OcttRig();
        t.Configure("LocalPreAuthorize", "true");
        t.Configure("AuthorizationCacheEnabled", "false");
        Assert.AreEqual("Accepted", t.Status("SendLocalList", List(1, "Full", "LIST-1")));
        Assert.AreEqual("Accepted", t.Status("SendLocalList", List(2, "Differential", "LIST-2")));
        int m = t.Mark();
        t.Card("LIST-2");
        t.Plug();
        Assert.AreEqual("LIST-2", (string)t.WaitCall("StartTransaction", m)["idTag"]);
        Assert.AreEqual(0, t.Count("Authorize", m), "the differential entry authorises locally");
    }

    [TestMethod]
    public void TC_043_2_SendListVersionMismatch()
    {
        using var t = new OcttRig();
        Assert.AreEqual("Accepted", t.Status("SendLocalList", List(2, "Full", "LIST-1")));
        Assert.AreEqual(2, (int)t.Call("GetLocalListVersion", new { })["listVersion"]);
        Assert.AreEqual("Accepted", t.Status("SendLocalList", List(5, "Full", "LIST-1")));
        Assert.AreEqual(5, (int)t.Call("GetLocalListVersion", new { })["listVersion"]);
        Assert.AreEqual("VersionMismatch", t.Status("SendLocalList", List(4, "Differential", "LIST-2")));
        Assert.AreEqual(5, (int)t.Call("GetLocalListVersion", new { })["listVersion"]);
    }

    /// <summary>The flash refuses the list's write (a directory stands where the emulator writes the
    /// list's temporary file, as a full or worn flash would refuse it on the device): the answer is
    /// Failed and the box keeps the list it had, on flash and in RAM.</summary>
    [TestMethod]
    public void TC_043_3_SendListFailed()
    {
        using var t = new OcttRig();
        t.Configure("LocalPreAuthorize", "true");
        t.Configure("AuthorizationCacheEnabled", "false");
        Assert.AreEqual("Accepted", t.Status("SendLocalList", List(1, "Full", "LIST-1")));
        string blocker = System.IO.Path.Combine(t.Rig.Emu.DataFolder, "ocpp-local-list.json.tmp");
        System.IO.Directory.CreateDirectory(blocker);
        Assert.AreEqual("Failed", t.Status("SendLocalList", List(2, "Full", "LIST-2")));
        Assert.AreEqual(1, (int)t.Call("GetLocalListVersion", new { })["listVersion"], "the old list stays");
        StringAssert.Contains(t.Rig.Emu.Output, "ocpp-local-list.json could not be saved");
        int m = t.Mark();
        t.Card("LIST-1");
        t.Plug();
        Assert.AreEqual("LIST-1", (string)t.WaitCall("StartTransaction", m)["idTag"], "the old list still authorises");
        Assert.AreEqual(0, t.Count("Authorize", m));
        System.IO.Directory.Delete(blocker);
        Assert.AreEqual("Accepted", t.Status("SendLocalList", List(3, "Full", "LIST-3")), "the box carries on once the flash takes writes again");
        Assert.AreEqual(3, (int)t.Call("GetLocalListVersion", new { })["listVersion"]);
    }
}
