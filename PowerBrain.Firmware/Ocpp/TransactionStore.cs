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
    /// UTF-8 JSON ("a":1,"b":2) without transactionId, which is filled in when it is sent.</summary>
    public sealed class QueuedMessage
    {
        public string Action;
        public int LocalTx;
        public byte[] Members;
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
    public sealed class TransactionStore : IFlashFile
    {
        public const string BlobName = "ocpp-tx.json";
        public const int MaxQueued = 40;
        /// <summary>The backend never gave an id (StartTransaction failed for good): use -1.</summary>
        public const int NoServerId = -1;
        /// <summary>Not answered yet.</summary>
        public const int Unknown = -2;

        readonly IStorage _storage;
        readonly Logger _log;
        readonly JsonWriter _writer = new JsonWriter(2048, 65536);
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

        /// <summary>True while a message of this transaction still waits for the backend's answer.</summary>
        public bool HasQueued(int local)
        {
            for (int i = 0; i < _queue.Count; i++)
            {
                if (((QueuedMessage)_queue[i]).LocalTx == local) return true;
            }
            return false;
        }

        public int ServerId(int local)
        {
            object v = _ids[local];
            return v == null ? Unknown : (int)v;
        }

        public TxRecord Begin(string idTag, long meterStartWh, string startTime, int connectorId, byte[] startMembers)
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
        public void End(byte[] stopMembers)
        {
            if (Current == null) return;
            Add("StopTransaction", Current.Local, stopMembers);
            Current = null;
            Save();
        }

        public void AddMeterValues(int localTx, byte[] members)
        {
            if (_queue.Count >= MaxQueued && !DropOldestMeterValues()) { Dropped++; return; }
            Add("MeterValues", localTx, members);
            Save();
        }

        void Add(string action, int localTx, byte[] members)
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
            // A damaged file is kept for inspection: a transaction may be missing from billing.
            FlashFile.Load(_storage, BlobName, _log, "ocpp", "what was read before the damage is sent", this);
        }

        public void ReadStored(JsonReader r, byte[] blob)
        {
            r.BeginObject(blob);
            while (r.Read() == JsonToken.PropertyName)
            {
                if (r.ValueEquals("seq")) { r.Read(); _seq = r.GetInt32(); }
                else if (r.ValueEquals("current")) { r.Read(); Current = ReadCurrent(r); }
                else if (r.ValueEquals("ids"))
                {
                    r.Read();
                    while (r.Read() == JsonToken.StartArray)
                    {
                        r.Read(); int local = r.GetInt32();
                        r.Read(); int server = r.GetInt32();
                        r.Read();
                        _ids[local] = server;
                    }
                }
                else if (r.ValueEquals("queue"))
                {
                    r.Read();
                    while (r.Read() == JsonToken.StartObject) _queue.Add(ReadQueued(r, blob));
                }
                else { r.Read(); r.Skip(); }
            }
        }

        /// <summary>Every transaction message read before the damage still goes to the backend.</summary>
        public void ForgetStored() { }

        static TxRecord ReadCurrent(JsonReader r)
        {
            TxRecord tx = new TxRecord();
            while (r.Read() == JsonToken.PropertyName)
            {
                if (r.ValueEquals("local")) { r.Read(); tx.Local = r.GetInt32(); }
                else if (r.ValueEquals("idTag")) { r.Read(); tx.IdTag = r.GetString(); }
                else if (r.ValueEquals("meterStart")) { r.Read(); tx.MeterStartWh = r.GetInt64(); }
                else if (r.ValueEquals("start")) { r.Read(); tx.StartTime = r.GetString(); }
                else if (r.ValueEquals("connector")) { r.Read(); tx.ConnectorId = r.GetInt32(); }
                else { r.Read(); r.Skip(); }
            }
            return tx;
        }

        static QueuedMessage ReadQueued(JsonReader r, byte[] blob)
        {
            QueuedMessage m = new QueuedMessage();
            while (r.Read() == JsonToken.PropertyName)
            {
                if (r.ValueEquals("a")) { r.Read(); m.Action = r.GetString(); }
                else if (r.ValueEquals("t")) { r.Read(); m.LocalTx = r.GetInt32(); }
                else if (r.ValueEquals("n")) { r.Read(); m.Attempts = r.GetInt32(); }
                else if (r.ValueEquals("p"))
                {
                    // The payload members are stored as an object: copy the text between its braces.
                    r.Read();
                    int open = r.Position;   // just after '{'
                    r.Skip();
                    int close = r.Position - 1;
                    m.Members = new byte[close - open];
                    System.Array.Copy(blob, open, m.Members, 0, close - open);
                }
                else { r.Read(); r.Skip(); }
            }
            if (m.Action == null || m.Members == null) throw new JsonException("queued message incomplete", r.Position);
            return m;
        }

        void Save()
        {
            JsonWriter w = _writer;
            w.Reset();
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
                w.StartObject().Property("a", m.Action).Property("t", m.LocalTx).Property("n", m.Attempts)
                 .Name("p").StartObject().RawMembers(m.Members, 0, m.Members.Length).EndObject()
                 .EndObject();
            }
            w.EndArray().EndObject();
            FlashFile.Save(_storage, BlobName, w);
        }
    }
}
