using System;
using System.Collections;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>One idTag the box knows without asking the backend.</summary>
    public sealed class IdTagEntry
    {
        public string IdTag;
        public string Status;
        /// <summary>UTC ticks after which the tag no longer counts as Accepted; 0 = no expiry.</summary>
        public long ExpiryTicks;

        public bool ValidAt(DateTime utc) { return Status == "Accepted" && (ExpiryTicks == 0 || utc.Ticks < ExpiryTicks); }
    }

    /// <summary>
    /// A persisted table of idTags with their idTagInfo: used twice, as OCPP's Local Authorization
    /// List (set by the backend with SendLocalList, with a version) and as the Authorization Cache
    /// (filled from the backend's answers; when full the least recently used tag gives way).
    /// Both survive restarts.
    /// </summary>
    public sealed class IdTagTable : IFlashFile
    {
        readonly IStorage _storage;
        readonly Logger _log;
        readonly string _blobName;
        readonly ArrayList _entries = new ArrayList();
        readonly JsonWriter _writer = new JsonWriter(256, 16384);

        public readonly int Capacity;
        /// <summary>The Local Authorization List's version (0: no list); unused by the cache.</summary>
        public int Version;

        public IdTagTable(IStorage storage, Logger log, string blobName, int capacity)
        {
            _storage = storage;
            _log = log;
            _blobName = blobName;
            Capacity = capacity;
        }

        public int Count { get { return _entries.Count; } }

        public IdTagEntry Find(string idTag)
        {
            int i = IndexOf(idTag);
            return i < 0 ? null : (IdTagEntry)_entries[i];
        }

        /// <summary>Adds or replaces a tag; the newest goes last, and a full table drops its first.
        /// Returns whether the table changed: false when the tag is already the newest with the same
        /// idTagInfo, or when the table is full and dropping is not wanted.</summary>
        public bool Put(string idTag, string status, long expiryTicks, bool dropOldestWhenFull)
        {
            int i = IndexOf(idTag);
            if (i >= 0)
            {
                IdTagEntry old = (IdTagEntry)_entries[i];
                if (i == _entries.Count - 1 && old.Status == status && old.ExpiryTicks == expiryTicks) return false;
                _entries.RemoveAt(i);
            }
            else if (_entries.Count >= Capacity)
            {
                if (!dropOldestWhenFull) return false;
                _entries.RemoveAt(0);
            }
            IdTagEntry e = new IdTagEntry();
            e.IdTag = idTag;
            e.Status = status;
            e.ExpiryTicks = expiryTicks;
            _entries.Add(e);
            return true;
        }

        public bool Remove(string idTag)
        {
            int i = IndexOf(idTag);
            if (i < 0) return false;
            _entries.RemoveAt(i);
            return true;
        }

        public void Clear() { _entries.Clear(); }

        int IndexOf(string idTag)
        {
            for (int i = 0; i < _entries.Count; i++) if (((IdTagEntry)_entries[i]).IdTag == idTag) return i;
            return -1;
        }

        /// <summary>Writes the table to flash; false (logged) when the flash refused the write.</summary>
        public bool Save()
        {
            _writer.Reset();
            _writer.StartObject().Property("version", Version).Name("tags").StartArray();
            for (int i = 0; i < _entries.Count; i++)
            {
                IdTagEntry e = (IdTagEntry)_entries[i];
                _writer.StartArray().String(e.IdTag).String(e.Status).Int(e.ExpiryTicks).EndArray();
            }
            _writer.EndArray().EndObject();
            try { FlashFile.Save(_storage, _blobName, _writer); }
            catch (Exception e)
            {
                _log.Warning("ocpp", _blobName + " could not be saved: " + Failure.Describe(e));
                return false;
            }
            return true;
        }

        /// <summary>The table as flash has it (anything in RAM only is dropped).</summary>
        public void Load()
        {
            ForgetStored();
            FlashFile.Load(_storage, _blobName, _log, "ocpp", "starting empty (tags are asked of the backend again)", this);
        }

        public void ReadStored(JsonReader r, byte[] blob)
        {
            r.BeginObject(blob);
            while (r.Read() == JsonToken.PropertyName)
            {
                if (r.ValueEquals("version")) { r.Read(); Version = r.GetInt32(); }
                else if (r.ValueEquals("tags"))
                {
                    r.Read();
                    while (r.Read() == JsonToken.StartArray)
                    {
                        IdTagEntry e = new IdTagEntry();
                        r.Read(); e.IdTag = r.GetString();
                        r.Read(); e.Status = r.GetString();
                        r.Read(); e.ExpiryTicks = r.GetInt64();
                        r.Read();
                        if (_entries.Count < Capacity) _entries.Add(e);
                    }
                }
                else { r.Read(); r.Skip(); }
            }
        }

        public void ForgetStored()
        {
            _entries.Clear();
            Version = 0;
        }
    }
}
