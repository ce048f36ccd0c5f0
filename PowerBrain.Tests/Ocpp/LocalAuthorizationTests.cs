using System;
using System.Diagnostics;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Ocpp;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Ocpp;

/// <summary>The Local Authorization List and the Authorization Cache: against the strict ocpp-rpc
/// backend (which validates every SendLocalList, GetLocalListVersion and ClearCache against the
/// official schemas), with the backend killed to test what a card does offline.</summary>
[TestClass]
public sealed class LocalAuthorizationTests
{
    static void Card(OcppRig rig, string tag) => rig.Post("/api/rfid", $"{{\"idTag\":\"{tag}\"}}");

    static void WaitFor(Func<bool> condition, int timeoutMs, string what, OcppRig rig)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.ElapsedMilliseconds > timeoutMs) Assert.Fail(what + "\n--- emulator:\n" + rig.Emu.Output);
            Thread.Sleep(100);
        }
    }

    static void GoOffline(OcppRig rig)
    {
        rig.Csms.Kill();
        WaitFor(() => (string)rig.Status()["ocpp"]["connection"] != "connected", 15_000, "the link did not notice the backend was gone", rig);
    }

    static void ComeBack(OcppRig rig, int port)
    {
        rig.Csms.Dispose();
        rig.Csms = new Csms(port, "secret");
        WaitFor(() => (string)rig.Status()["ocpp"]["connection"] == "connected", 90_000, "no reconnect", rig);
    }

    static string TransactionTag(OcppRig rig) => (string)rig.Status()["transaction"]?["idTag"];

    [TestMethod]
    public void TheListIsVersionedAndDecidesOfflineCardByCard()
    {
        using var rig = new OcppRig("Accepted", 300, "secret", "--id-tag", "");
        int port = rig.Csms.Port;
        rig.Csms.WaitStatus("Available");
        Assert.AreEqual(0, (int)rig.Csms.Call("GetLocalListVersion", new { })["listVersion"], "no list yet");
        Assert.AreEqual("Failed", (string)rig.Csms.Call("SendLocalList", new { listVersion = 0, updateType = "Full" })["status"], "version 0 is reserved");

        string yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        Assert.AreEqual("Accepted", (string)rig.Csms.Call("SendLocalList", new
        {
            listVersion = 1, updateType = "Full",
            localAuthorizationList = new object[]
            {
                new { idTag = "LIST-OK", idTagInfo = new { status = "Accepted" } },
                new { idTag = "LIST-BLOCKED", idTagInfo = new { status = "Blocked" } },
                new { idTag = "LIST-OLD", idTagInfo = new { status = "Accepted", expiryDate = yesterday } },
            },
        })["status"]);
        Assert.AreEqual("VersionMismatch", (string)rig.Csms.Call("SendLocalList", new
        {
            listVersion = 1, updateType = "Differential",
            localAuthorizationList = new object[] { new { idTag = "LIST-NEW", idTagInfo = new { status = "Accepted" } } },
        })["status"], "a differential update must be newer");
        Assert.AreEqual("Accepted", (string)rig.Csms.Call("SendLocalList", new
        {
            listVersion = 2, updateType = "Differential",
            localAuthorizationList = new object[] { new { idTag = "LIST-NEW", idTagInfo = new { status = "Accepted" } }, new { idTag = "LIST-GONE" } },
        })["status"]);
        Assert.AreEqual(2, (int)rig.Csms.Call("GetLocalListVersion", new { })["listVersion"]);
        Assert.AreEqual(2, (int)rig.Status()["ocpp"]["localListVersion"]);
        Assert.AreEqual(4, (int)rig.Status()["ocpp"]["localListTags"], "LIST-OK, LIST-BLOCKED, LIST-OLD and LIST-NEW");
        rig.Configure("LocalAuthListEnabled", "false");
        Assert.AreEqual(-1, (int)rig.Csms.Call("GetLocalListVersion", new { })["listVersion"], "switched off");
        rig.Configure("LocalAuthListEnabled", "true");

        GoOffline(rig);
        rig.Post("/api/ev/plug");
        foreach (var refused in new[] { "LIST-BLOCKED", "LIST-OLD", "STRANGER" })
        {
            Card(rig, refused);
            Thread.Sleep(1000);
            Assert.IsNull(TransactionTag(rig), refused + " started a transaction offline");
        }
        StringAssert.Contains(rig.Emu.Output, "offline: LIST-BLOCKED Blocked locally");
        StringAssert.Contains(rig.Emu.Output, "offline: LIST-OLD expired locally");
        StringAssert.Contains(rig.Emu.Output, "offline: STRANGER unknown, not authorized");

        Card(rig, "LIST-OK");
        WaitFor(() => TransactionTag(rig) == "LIST-OK", 10_000, "LIST-OK did not start offline", rig);

        ComeBack(rig, port);
        Assert.AreEqual("LIST-OK", (string)rig.Csms.WaitCall("StartTransaction", 30_000)["idTag"], "the offline start reaches the backend");
        rig.Csms.AssertNoValidationFailures();
    }

    [TestMethod]
    public void TheBackendsAnswersAreCachedUsedOfflineAndForPreAuthorizationAndCleared()
    {
        using var rig = new OcppRig("Accepted", 300, "secret", "--id-tag", "");
        int port = rig.Csms.Port;
        rig.Csms.SetTags(new System.Collections.Generic.Dictionary<string, string> { ["CACHE-BAD"] = "Blocked" });
        rig.Csms.WaitStatus("Available");
        rig.Post("/api/ev/plug");
        Card(rig, "CACHE-BAD");
        rig.Csms.WaitCall("Authorize");
        Card(rig, "CACHE-1");
        Assert.AreEqual("CACHE-1", (string)rig.Csms.WaitCall("StartTransaction")["idTag"]);
        Card(rig, "CACHE-1");
        rig.Csms.WaitCall("StopTransaction");
        rig.Post("/api/ev/unplug");

        // Offline, the cache decides: CACHE-1 was Accepted, CACHE-BAD Blocked.
        GoOffline(rig);
        rig.Post("/api/ev/plug");
        Card(rig, "CACHE-BAD");
        Thread.Sleep(1000);
        Assert.IsNull(TransactionTag(rig), "a cached Blocked tag starts nothing");
        Card(rig, "CACHE-1");
        WaitFor(() => TransactionTag(rig) == "CACHE-1", 10_000, "the cached tag did not start offline", rig);
        Card(rig, "CACHE-1");
        WaitFor(() => TransactionTag(rig) == null, 10_000, "no offline stop", rig);
        rig.Post("/api/ev/unplug");

        // Back online with LocalPreAuthorize: the cached tag starts without an Authorize.
        ComeBack(rig, port);
        rig.Csms.WaitCall("StopTransaction", 30_000);
        rig.Configure("LocalPreAuthorize", "true");
        rig.Post("/api/ev/plug");
        Card(rig, "CACHE-1");
        Assert.AreEqual("CACHE-1", (string)rig.Csms.WaitCall("StartTransaction", 15_000, 1)["idTag"]);
        Assert.AreEqual(0, rig.Csms.Calls("Authorize").Count, "pre-authorized from the cache");
        Card(rig, "CACHE-1");
        rig.Csms.WaitCall("StopTransaction", 15_000, 1);
        rig.Post("/api/ev/unplug");

        // ClearCache: offline again, the tag is now unknown.
        Assert.AreEqual("Accepted", (string)rig.Csms.Call("ClearCache", new { })["status"]);
        GoOffline(rig);
        rig.Post("/api/ev/plug");
        Card(rig, "CACHE-1");
        Thread.Sleep(1000);
        Assert.IsNull(TransactionTag(rig), "after ClearCache the tag is unknown offline");
        StringAssert.Contains(rig.Emu.Output, "offline: CACHE-1 unknown, not authorized");
    }

    [TestMethod]
    public void TablesSurviveARestartAndAFullCacheDropsTheOldest()
    {
        var storage = new MemoryStorage();
        var log = new Logger(new ListLog(), new SimClock(), 10);
        var cache = new IdTagTable(storage, log, "cache.json", 3);
        foreach (var tag in new[] { "A", "B", "C", "D" }) cache.Put(tag, "Accepted", 0, true);
        Assert.IsNull(cache.Find("A"), "the oldest gave way");
        cache.Put("B", "Blocked", 0, true);   // replacing makes it the newest
        cache.Put("E", "Accepted", 0, true);
        Assert.IsNull(cache.Find("C"));
        Assert.AreEqual("Blocked", cache.Find("B").Status);
        Assert.IsFalse(cache.Put("F", "Accepted", 0, false), "the list refuses instead of dropping");

        var expiry = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        cache.Put("D", "Accepted", expiry.Ticks, true);
        cache.Version = 7;
        cache.Save();
        var again = new IdTagTable(storage, log, "cache.json", 3);
        again.Load();
        Assert.AreEqual(7, again.Version);
        Assert.AreEqual(3, again.Count);
        Assert.IsTrue(again.Find("D").ValidAt(expiry.AddSeconds(-1)));
        Assert.IsFalse(again.Find("D").ValidAt(expiry), "expired at its expiryDate");
        Assert.IsFalse(again.Find("B").ValidAt(expiry.AddYears(-1)), "Blocked is never valid");

        storage.Write("cache.json", new byte[] { (byte)'{', (byte)'x' }, 0, 2);
        var broken = new IdTagTable(storage, new Logger(new ListLog(), new SimClock(), 10), "cache.json", 3);
        broken.Load();
        Assert.AreEqual(0, broken.Count, "an unreadable table starts empty");
        Assert.IsNotNull(storage.Read("cache.json.bad"), "and is kept for inspection");
    }
}
