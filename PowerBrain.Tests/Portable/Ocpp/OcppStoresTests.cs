using PowerBrain.Firmware.Config;
using System;
using System.Text;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Ocpp;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>The OCPP stores on in-memory flash: the transaction store and its queue, the local
    /// list and cache, the configuration keys, and URL building.</summary>
    [TestClass]
    public class OcppStoresTests
    {
        static Logger NewLog(ListLog log) { return new Logger(log, new SimClock(), 10); }

        static byte[] Bytes(string s) { return Encoding.UTF8.GetBytes(s); }

        [TestMethod]
        public void ATransactionAndItsMessagesSurviveARestartInOrder()
        {
            MemoryStorage storage = new MemoryStorage();
            TransactionStore store = new TransactionStore(storage, NewLog(new ListLog()));
            TxRecord tx = store.Begin("FREE", 1000, "2026-11-24T10:00:00Z", 1, Bytes("\"connectorId\":1"));
            store.AddMeterValues(tx.Local, Bytes("\"connectorId\":1"));
            Assert.AreEqual(2, store.Count);
            Assert.AreEqual("StartTransaction", store.Head.Action);

            TransactionStore after = new TransactionStore(storage, NewLog(new ListLog()));
            after.Load();
            Assert.IsNotNull(after.Current, "the started transaction is not forgotten");
            Assert.AreEqual("FREE", after.Current.IdTag);
            Assert.AreEqual(1000L, after.Current.MeterStartWh);
            Assert.AreEqual(2, after.Count);
            Assert.AreEqual("StartTransaction", after.Head.Action);

            after.SetServerId(after.Current.Local, 4711);
            after.CompleteHead();
            Assert.AreEqual(4711, after.ServerId(after.Current.Local));
            after.End(Bytes("\"meterStop\":1200"));
            Assert.IsNull(after.Current);
            Assert.AreEqual("MeterValues", after.Head.Action);
            after.CompleteHead();
            Assert.AreEqual("StopTransaction", after.Head.Action);

            TransactionStore third = new TransactionStore(storage, NewLog(new ListLog()));
            third.Load();
            Assert.AreEqual(1, third.Count, "the StopTransaction is still to be sent");
            Assert.AreEqual(4711, third.ServerId(third.Head.LocalTx));
        }

        [TestMethod]
        public void AnUnreadableStoreIsKeptAsideWithAReason()
        {
            MemoryStorage storage = new MemoryStorage();
            storage.Blobs[TransactionStore.BlobName] = Bytes("{\"current\":");
            ListLog log = new ListLog();
            TransactionStore store = new TransactionStore(storage, NewLog(log));
            store.Load();
            Assert.IsNull(store.Current);
            Assert.IsNotNull(storage.Blob(TransactionStore.BlobName + ".bad"));
            Assert.IsTrue(log.Has("ocpp-tx.json unreadable (unexpected end of input"), log.Text);
        }

        [TestMethod]
        public void TheLocalListKeepsExpiryOfNeverAndTheCacheDropsTheLeastRecentlyUsed()
        {
            MemoryStorage storage = new MemoryStorage();
            IdTagTable list = new IdTagTable(storage, NewLog(new ListLog()), "locallist.json", 64);
            DateTime never;
            Assert.IsTrue(Iso8601.TryParse("9999-12-31T23:59:59Z", out never));
            Assert.IsTrue(list.Put("CARD-\U0001F600", "Accepted", never.Ticks, false));
            Assert.IsTrue(list.Put("CARD-2", "Blocked", 0, false));
            list.Version = 3;
            list.Save();
            IdTagTable again = new IdTagTable(storage, NewLog(new ListLog()), "locallist.json", 64);
            again.Load();
            Assert.AreEqual(3, again.Version);
            Assert.IsTrue(again.Find("CARD-\U0001F600").ValidAt(new DateTime(2999, 12, 31)));
            Assert.IsFalse(again.Find("CARD-2").ValidAt(new DateTime(2027, 1, 1)));
            Assert.IsNull(again.Find("CARD-3"));

            IdTagTable cache = new IdTagTable(storage, NewLog(new ListLog()), "cache.json", 2);
            cache.Put("A", "Accepted", 0, true);
            cache.Put("B", "Accepted", 0, true);
            Assert.IsTrue(cache.Put("A", "Accepted", 0, true), "A answered again: now the newest");
            Assert.IsFalse(cache.Put("A", "Accepted", 0, true), "unchanged: no flash write needed");
            cache.Put("C", "Accepted", 0, true);
            Assert.AreEqual(2, cache.Count);
            Assert.IsNull(cache.Find("B"), "the least recently used went first");
            Assert.IsNotNull(cache.Find("A"));
            IdTagTable small = new IdTagTable(storage, NewLog(new ListLog()), "small.json", 2);
            small.Put("A", "Accepted", 0, false);
            small.Put("B", "Accepted", 0, false);
            Assert.IsFalse(small.Put("C", "Accepted", 0, false), "a full list refuses instead of dropping");
        }

        [TestMethod]
        public void ConfigurationKeysCheckTheirValuesAndPersist()
        {
            MemoryStorage storage = new MemoryStorage();
            ConfigKeys keys = new ConfigKeys(storage, NewLog(new ListLog()));
            keys.Load();
            Assert.AreEqual(60, keys.GetInt(ConfigKeys.MeterValueSampleInterval));
            ConfigKey interval = ConfigKeys.Find(ConfigKeys.MeterValueSampleInterval);
            Assert.IsNull(interval.Check("10"));
            Assert.AreEqual("must be an integer", interval.Check("ten"));
            Assert.AreEqual("must be between 0 and 86400", interval.Check("86401"));
            ConfigKey sampled = ConfigKeys.Find(ConfigKeys.MeterValuesSampledData);
            Assert.IsNull(sampled.Check("Energy.Active.Import.Register, Voltage"));
            Assert.AreEqual("unknown item Frequency", sampled.Check("Voltage,Frequency"));
            Assert.AreEqual("must be true or false", ConfigKeys.Find(ConfigKeys.LocalPreAuthorize).Check("yes"));
            Assert.IsNull(ConfigKeys.Find("Zähler \U0001F600"));
            keys.Set(ConfigKeys.MeterValueSampleInterval, "10");
            ConfigKeys again = new ConfigKeys(storage, NewLog(new ListLog()));
            again.Load();
            Assert.AreEqual(10, again.GetInt(ConfigKeys.MeterValueSampleInterval));
        }

        [TestMethod]
        public void TheBackendUrlGetsOneSlashAndThePercentEncodedId()
        {
            Assert.AreEqual("ws://csms.example/ocpp/WB-1", OcppUrl.Join("ws://csms.example/ocpp//", "WB-1"));
            Assert.AreEqual("wss://h:443/x/WB%2B1%40Hof", OcppUrl.Join("wss://h:443/x", "WB+1@Hof"));
            Assert.IsNull(Checks.OcppUrl("wss://csms.example:8443/ocpp/v16"));
            Assert.AreEqual("must start with ws:// or wss://", Checks.OcppUrl("https://x"));
            Assert.AreEqual("has no host", Checks.OcppUrl("ws:///ocpp"));
            Assert.AreEqual("contains a character not allowed in a URL", Checks.OcppUrl("ws://h/\U0001F600"));
            Assert.IsNull(Checks.ChargeBoxId("WB-1"));
            Assert.IsNotNull(Checks.ChargeBoxId("WB/1"));
            Assert.IsNotNull(Checks.ChargeBoxId(new string('x', 49)));
            Assert.AreEqual("Basic V0ItMTpzZWNyZXQ=", OcppUrl.BasicAuth("WB-1", Bytes("secret")));
        }

        [TestMethod]
        public void HexEncodesAndDecodes()
        {
            byte[] b = { 0x00, 0x0F, 0xA5, 0xFF };
            Assert.AreEqual("000FA5FF", Hex.Encode(b, 0, 4, true));
            Assert.AreEqual("0fa5", Hex.Encode(b, 1, 2, false));
            Assert.IsTrue(Hex.IsHex("00aAfF"));
            Assert.IsFalse(Hex.IsHex("0g"));
            Assert.IsFalse(Hex.IsHex("abc"));
            byte[] d = Hex.Decode("000fA5Ff");
            Assert.AreEqual(4, d.Length);
            Assert.AreEqual(0xA5, (int)d[2]);
            Assert.AreEqual(0xFF, (int)d[3]);
        }
    }
}
