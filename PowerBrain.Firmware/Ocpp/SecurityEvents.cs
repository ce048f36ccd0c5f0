using System.Collections;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>
    /// Security events (OCPP 1.6 security whitepaper) waiting to be told to the backend with
    /// SecurityEventNotification once it accepts us: a refused server certificate, a refused
    /// password, changed security settings. Bounded; the oldest give way.
    /// </summary>
    public sealed class SecurityEvents
    {
        const int Max = 8;
        readonly ArrayList _waiting = new ArrayList();

        public int Count { get { return _waiting.Count; } }

        public void Record(string type, string techInfo, string timestamp)
        {
            if (_waiting.Count >= Max) _waiting.RemoveAt(0);
            if (techInfo != null && techInfo.Length > 255) techInfo = techInfo.Substring(0, 255);
            _waiting.Add(new SecurityEventCall(type, techInfo, timestamp));
        }

        /// <summary>Hands every waiting event to the client's queue.</summary>
        public void Flush(OcppClient client)
        {
            for (int i = 0; i < _waiting.Count; i++) client.Enqueue((IOcppCall)_waiting[i]);
            _waiting.Clear();
        }
    }

    public sealed class SecurityEventCall : IOcppCall
    {
        readonly string _type, _techInfo, _timestamp;

        public SecurityEventCall(string type, string techInfo, string timestamp)
        {
            _type = type; _techInfo = techInfo; _timestamp = timestamp;
        }

        public string Action { get { return "SecurityEventNotification"; } }

        public void Write(JsonWriter w)
        {
            w.StartObject().Property("type", _type).Property("timestamp", _timestamp).OptionalProperty("techInfo", _techInfo).EndObject();
        }

        public void OnResult(Payload r) { }

        public void OnError(string code) { }
    }
}
