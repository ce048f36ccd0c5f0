using System.Collections;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>The running transaction, as it must survive a power cut.</summary>
    public sealed class TxRecord
    {
        public int Local;
        public string IdTag;
        public long MeterStartWh;
        public string StartTime;
        public int ConnectorId;
    }

    /// <summary>A transaction message waiting for the backend: its payload members are kept as
    /// JSON text without transactionId, which is filled in when it is sent.</summary>
    public sealed class QueuedMessage
    {
        public string Action;
        public int LocalTx;
        public string Members;
        public int Attempts;
        public long NotBeforeMs;
    }

    /// <summary>
    /// The running transaction and the queue of StartTransaction, StopTransaction and transaction
    /// MeterValues, in chronological order, in one blob. Starting or stopping a transaction and
    /// queueing its message is one atomic write, so after a power cut the box knows exactly which
    /// transactions are open and which StopTransaction is owed: never lost, never sent twice.
    /// Bounded: when full, the oldest MeterValues give way; Start and Stop are never dropped.
    /// </summary>
    public sealed class TransactionStore
    {
        public const string BlobName = "ocpp-tx.json";
        public const int MaxQueued = 60;
        /// <summary>The backend never gave an id (StartTransaction failed for good): use -1.</summary>
        public const int NoServerId = -1;
        /// <summary>Not answered yet.</summary>
        public const int Unknown = -2;

        readonly IStorage _storage;
        readonly Logger _log;
        readonly ArrayList _queue = new ArrayList();
        readonly Hashtable _ids = new Hashtable();   // local tx (boxed int) -> server id (boxed int)
        int _seq;
        public TxRecord Current;
        public int Dropped;

        public TransactionStore(IStorage storage, Logger log)
        {
            _storage = storage;
            _log = log;
        }

        public int Count { get { return _queue.Count; } }

        public QueuedMessage Head { get { return _queue.Count == 0 ? null : (QueuedMessage)_queue[0]; } }

        public int ServerId(int local)
        {
            object v = _ids[local];
            return v == null ? Unknown : (int)v;
        }

        /// <summary>Any server id known for a running or queued transaction (RemoteStop matching).</summary>
        public int LocalForServerId(int serverId)
        {
            foreach (DictionaryEntry e in _ids) if ((int)e.Value == serverId) return (int)e.Key;
            return -1;
        }

        public TxRecord Begin(string idTag, long meterStartWh, string startTime, int connectorId, string startMembers)
        {
            TxRecord tx = new TxRecord();
            tx.Local = ++_seq;
            tx.IdTag = idTag;
            tx.MeterStartWh = meterStartWh;
            tx.StartTime = startTime;
            tx.ConnectorId = connectorId;
            Current = tx;
            Add("StartTransaction", tx.Local, startMembers);
            Save();
            return tx;
        }

        /// <summary>Ends the current transaction and queues its StopTransaction in the same write.</summary>
        public void End(string stopMembers)
        {
            if (Current == null) return;
            Add("StopTransaction", Current.Local, stopMembers);
            Current = null;
            Save();
        }

        public void AddMeterValues(int localTx, string members)
        {
            if (_queue.Count >= MaxQueued && !DropOldestMeterValues()) { Dropped++; return; }
            Add("MeterValues", localTx, members);
            Save();
        }

        void Add(string action, int localTx, string members)
        {
            if (_queue.Count >= MaxQueued) DropOldestMeterValues();
            QueuedMessage m = new QueuedMessage();
            m.Action = action;
            m.LocalTx = localTx;
            m.Members = members;
            _queue.Add(m);
            if (_ids[localTx] == null && action == "StartTransaction") _ids[localTx] = Unknown;
        }

        bool DropOldestMeterValues()
        {
            for (int i = 0; i < _queue.Count; i++)
            {
                if (((QueuedMessage)_queue[i]).Action == "MeterValues")
                {
                    _queue.RemoveAt(i);
                    Dropped++;
                    _log.Warning("ocpp", "transaction queue full: oldest MeterValues dropped");
                    return true;
                }
            }
            return false;
        }

        public void SetServerId(int local, int serverId)
        {
            _ids[local] = serverId;
            Save();
        }

        /// <summary>The head was delivered.</summary>
        public void CompleteHead()
        {
            QueuedMessage m = Head;
            if (m == null) return;
            _queue.RemoveAt(0);
            ForgetFinishedIds();
            Save();
        }

        /// <summary>The head failed; after maxAttempts it is given up (a Start then leaves id −1).</summary>
        public void FailHead(int maxAttempts, long retryAtMs)
        {
            QueuedMessage m = Head;
            if (m == null) return;
            m.Attempts++;
            if (m.Attempts >= maxAttempts)
            {
                _log.Warning("ocpp", m.Action + " given up after " + m.Attempts + " attempts");
                _queue.RemoveAt(0);
                if (m.Action == "StartTransaction") _ids[m.LocalTx] = NoServerId;
                ForgetFinishedIds();
            }
            else m.NotBeforeMs = retryAtMs;
            Save();
        }

        // Keeps ids only for the running transaction and transactions with queued messages.
        void ForgetFinishedIds()
        {
            ArrayList stale = new ArrayList();
            foreach (DictionaryEntry e in _ids)
            {
                int local = (int)e.Key;
                if (Current != null && Current.Local == local) continue;
                bool queued = false;
                for (int i = 0; i < _queue.Count && !queued; i++) queued = ((QueuedMessage)_queue[i]).LocalTx == local;
                if (!queued) stale.Add(local);
            }
            for (int i = 0; i < stale.Count; i++) _ids.Remove(stale[i]);
        }

        public void Load()
        {
            byte[] blob = _storage.Read(BlobName);
            if (blob == null) return;
            try
            {
                JsonReader r = new JsonReader();
                r.Reset(blob, 0, blob.Length);
                r.Read();
                Hashtable root = JsonDom.ReadValue(r) as Hashtable;
                if (root == null) throw new JsonException("expected an object", 0);
                _seq = (int)(((JsonNumber)root["seq"]).Milli / 1000);
                Hashtable cur = root["current"] as Hashtable;
                if (cur != null)
                {
                    Current = new TxRecord();
                    Current.Local = IntOf(cur["local"]);
                    Current.IdTag = (string)cur["idTag"];
                    Current.MeterStartWh = ((JsonNumber)cur["meterStart"]).Milli / 1000;
                    Current.StartTime = (string)cur["start"];
                    Current.ConnectorId = IntOf(cur["connector"]);
                }
                ArrayList ids = root["ids"] as ArrayList;
                if (ids != null)
                {
                    for (int i = 0; i < ids.Count; i++)
                    {
                        ArrayList pair = (ArrayList)ids[i];
                        _ids[IntOf(pair[0])] = IntOf(pair[1]);
                    }
                }
                ArrayList q = root["queue"] as ArrayList;
                if (q != null)
                {
                    for (int i = 0; i < q.Count; i++)
                    {
                        Hashtable e = (Hashtable)q[i];
                        QueuedMessage m = new QueuedMessage();
                        m.Action = (string)e["a"];
                        m.LocalTx = IntOf(e["t"]);
                        m.Members = (string)e["p"];
                        m.Attempts = IntOf(e["n"]);
                        _queue.Add(m);
                    }
                }
            }
            catch (System.Exception e)
            {
                // Keep the damaged file for inspection; a transaction may be missing from billing.
                _log.Error("ocpp", "transaction store unreadable (" + e.Message + "); kept as " + BlobName + ".bad");
                _storage.Write(BlobName + ".bad", blob, 0, blob.Length);
            }
        }

        static int IntOf(object o) { return (int)(((JsonNumber)o).Milli / 1000); }

        void Save()
        {
            JsonWriter w = new JsonWriter(1024, 65536);
            w.StartObject().Property("seq", _seq);
            if (Current != null)
            {
                w.Name("current").StartObject()
                    .Property("local", Current.Local)
                    .Property("idTag", Current.IdTag)
                    .Property("meterStart", Current.MeterStartWh)
                    .Property("start", Current.StartTime)
                    .Property("connector", Current.ConnectorId)
                    .EndObject();
            }
            w.Name("ids").StartArray();
            foreach (DictionaryEntry e in _ids) w.StartArray().Int((int)e.Key).Int((int)e.Value).EndArray();
            w.EndArray();
            w.Name("queue").StartArray();
            for (int i = 0; i < _queue.Count; i++)
            {
                QueuedMessage m = (QueuedMessage)_queue[i];
                w.StartObject().Property("a", m.Action).Property("t", m.LocalTx).Property("p", m.Members).Property("n", m.Attempts).EndObject();
            }
            w.EndArray().EndObject();
            _storage.Write(BlobName, w.Buffer, 0, w.Length);
        }
    }
}
