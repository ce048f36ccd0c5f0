using System.Collections;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>The security log of the whitepaper: every security event with its time, kept on flash,
    /// the newest 50 (GetLog SecurityLog uploads it).</summary>
    public sealed class SecurityLogFile : IFlashFile
    {
        public const string BlobName = "security-log.json";
        public const int MaxLines = 50;

        readonly IStorage _storage;
        readonly ArrayList _lines = new ArrayList();
        readonly JsonWriter _writer = new JsonWriter(256, 16384);

        public SecurityLogFile(IStorage storage, Logger log)
        {
            _storage = storage;
            FlashFile.Load(storage, BlobName, log, "security", "security log starts empty", this);
        }

        public int Count { get { return _lines.Count; } }

        public void Add(string timestamp, string type, string techInfo)
        {
            if (_lines.Count >= MaxLines) _lines.RemoveAt(0);
            _lines.Add(timestamp + " " + type + (techInfo != null ? " " + techInfo : ""));
            _writer.Reset();
            _writer.StartArray();
            for (int i = 0; i < _lines.Count; i++) _writer.String((string)_lines[i]);
            _writer.EndArray();
            FlashFile.Save(_storage, BlobName, _writer);
        }

        /// <summary>The lines whose timestamp (ISO 8601, UTC, sorts as text) lies within [from, to]; null bounds are open.</summary>
        public void Write(JsonWriter w, string from, string to)
        {
            w.StartArray();
            for (int i = 0; i < _lines.Count; i++)
            {
                string line = (string)_lines[i];
                string time = line.Substring(0, line.IndexOf(' '));
                if ((from == null || string.Compare(time, from) >= 0) && (to == null || string.Compare(time, to) <= 0)) w.String(line);
            }
            w.EndArray();
        }

        public void ReadStored(JsonReader r, byte[] blob)
        {
            r.Reset(blob, 0, blob.Length);
            if (r.Read() != JsonToken.StartArray) throw new JsonException("expected an array", 0);
            while (r.Read() == JsonToken.String) _lines.Add(r.GetString());
        }

        public void ForgetStored() { _lines.Clear(); }
    }
}
