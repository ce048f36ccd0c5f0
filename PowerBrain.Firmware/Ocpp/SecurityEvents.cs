using System.Collections;
using PowerBrain.Firmware.Ocpp.Calls;

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

        /// <summary>Hands every waiting event to the message queue.</summary>
        public void Flush(OcppRpc rpc)
        {
            for (int i = 0; i < _waiting.Count; i++) rpc.Enqueue((IOcppCall)_waiting[i]);
            _waiting.Clear();
        }
    }
}
