using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>BootNotification: who we are. The answer sets the clock and the heartbeat.</summary>
    public sealed class BootCall : IOcppCall
    {
        static readonly string[] Statuses = new string[] { OcppStatus.BootAccepted, OcppStatus.BootPending, OcppStatus.BootRejected };
        readonly OcppClient _client;

        public BootCall(OcppClient client) { _client = client; }

        public string Action { get { return "BootNotification"; } }

        public void Write(JsonWriter w)
        {
            string serial = _client.Board.SerialNumber;
            w.StartObject()
             .Property("chargePointVendor", "PowerBrain")
             .Property("chargePointModel", "PowerBrain Wallbox")
             .Property("chargePointSerialNumber", serial.Length > 25 ? serial.Substring(0, 25) : serial)
             .Property("firmwareVersion", FirmwareInfo.Version)
             .EndObject();
        }

        public void OnResult(Payload r)
        {
            string status = r.Enum("status", Statuses, true);
            int interval = r.Int("interval", true, 0);
            System.DateTime time = r.Time("currentTime", true, System.DateTime.MinValue);
            _client.BootAnswered(status, interval, time, true);
        }

        public void OnError(string code) { _client.BootFailed(); }
    }

    /// <summary>Heartbeat: keeps the link busy and the clock in sync.</summary>
    public sealed class HeartbeatCall : IOcppCall
    {
        readonly OcppClient _client;

        public HeartbeatCall(OcppClient client) { _client = client; }

        public string Action { get { return "Heartbeat"; } }

        public void Write(JsonWriter w) { w.StartObject().EndObject(); }

        public void OnResult(Payload r)
        {
            System.DateTime t = r.Time("currentTime", true, System.DateTime.MinValue);
            _client.Board.Clock.SetUtc(t);
        }

        public void OnError(string code) { }
    }

    /// <summary>StatusNotification for one connector (0 = the charge point).</summary>
    public sealed class StatusCall : IOcppCall
    {
        readonly int _connector;
        readonly string _status, _errorCode, _info, _timestamp;

        public StatusCall(int connector, string status, string errorCode, string info, string timestamp)
        {
            _connector = connector; _status = status; _errorCode = errorCode; _info = info; _timestamp = timestamp;
        }

        public string Action { get { return "StatusNotification"; } }

        public void Write(JsonWriter w)
        {
            w.StartObject().Property("connectorId", _connector).Property("errorCode", _errorCode).OptionalProperty("info", _info)
             .Property("status", _status).Property("timestamp", _timestamp).EndObject();
        }

        public void OnResult(Payload r) { }

        public void OnError(string code) { }
    }

    /// <summary>A CALL whose answer needs no handling (triggered notifications).</summary>
    public sealed class NotificationCall : IOcppCall
    {
        readonly string _action, _status;

        public NotificationCall(string action, string status) { _action = action; _status = status; }

        public string Action { get { return _action; } }

        public void Write(JsonWriter w) { w.StartObject().Property("status", _status).EndObject(); }

        public void OnResult(Payload r) { }

        public void OnError(string code) { }
    }
}
