using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Calls
{
    /// <summary>BootNotification: who we are. The answer goes to the registration.</summary>
    public sealed class BootCall : IOcppCall
    {
        static readonly string[] Statuses = new string[] { OcppStatus.BootAccepted, OcppStatus.BootPending, OcppStatus.BootRejected };
        readonly Registration _registration;
        readonly string _serial, _version;

        public BootCall(Registration registration, string serialNumber, string version) { _registration = registration; _serial = serialNumber; _version = version; }

        public string Action { get { return "BootNotification"; } }

        public void Write(JsonWriter w)
        {
            w.StartObject()
             .Property("chargePointVendor", "PowerBrain")
             .Property("chargePointModel", "PowerBrain Wallbox")
             .Property("chargePointSerialNumber", _serial.Length > 25 ? _serial.Substring(0, 25) : _serial)
             .Property("firmwareVersion", _version)
             .EndObject();
        }

        public void OnResult(Payload r)
        {
            string status = r.Enum("status", Statuses, true);
            int interval = r.Int("interval", true, 0);
            System.DateTime time = r.Time("currentTime", true, System.DateTime.MinValue);
            _registration.BootAnswered(status, interval, time);
        }

        public void OnError(string code) { _registration.BootFailed(); }
    }

    /// <summary>Heartbeat: keeps the link busy and the clock in sync.</summary>
    public sealed class HeartbeatCall : IOcppCall
    {
        readonly IClock _clock;

        public HeartbeatCall(IClock clock) { _clock = clock; }

        public string Action { get { return "Heartbeat"; } }

        public void Write(JsonWriter w) { w.StartObject().EndObject(); }

        public void OnResult(Payload r) { _clock.SetUtc(r.Time("currentTime", true, System.DateTime.MinValue)); }

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

    /// <summary>LogStatusNotification and SignedFirmwareStatusNotification (security whitepaper):
    /// a status with the requestId of the GetLog or SignedUpdateFirmware it belongs to.</summary>
    public sealed class RequestStatusCall : IOcppCall
    {
        readonly string _action, _status;
        readonly int _requestId;

        public RequestStatusCall(string action, string status, int requestId) { _action = action; _status = status; _requestId = requestId; }

        public string Action { get { return _action; } }

        public void Write(JsonWriter w)
        {
            w.StartObject().Property("status", _status);
            if (_requestId >= 0) w.Property("requestId", _requestId);
            w.EndObject();
        }

        public void OnResult(Payload r) { }

        public void OnError(string code) { }
    }

    /// <summary>SecurityEventNotification (security whitepaper).</summary>
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
