using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Ocpp.Calls;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>TriggerMessage (Remote Trigger profile) and ExtendedTriggerMessage (security
    /// whitepaper): the message is sent after the answer. One class for both: they differ only in
    /// the messages they name.</summary>
    public sealed class TriggerMessage : IOcppHandler
    {
        static readonly string[] Messages = new string[]
        {
            "BootNotification", "DiagnosticsStatusNotification", "FirmwareStatusNotification", "Heartbeat", "MeterValues", "StatusNotification",
        };
        static readonly string[] ExtendedMessages = new string[]
        {
            "BootNotification", "LogStatusNotification", "FirmwareStatusNotification", "Heartbeat", "MeterValues", "SignChargePointCertificate", "StatusNotification",
        };
        readonly Registration _registration;
        readonly StatusReporter _status;
        readonly Transactions _transactions;
        readonly LogUploads _uploads;
        readonly FirmwareUpdates _updates;
        readonly OcppRpc _rpc;
        readonly int _connectorId;
        readonly bool _extended;

        public TriggerMessage(Registration registration, StatusReporter status, Transactions transactions, LogUploads uploads, FirmwareUpdates updates, OcppRpc rpc, int connectorId, bool extended)
        {
            _registration = registration;
            _status = status;
            _transactions = transactions;
            _uploads = uploads;
            _updates = updates;
            _rpc = rpc;
            _connectorId = connectorId;
            _extended = extended;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            string message = p.Enum("requestedMessage", _extended ? ExtendedMessages : Messages, true);
            int connector = p.Int("connectorId", false, -1);
            bool connectorOk = connector == -1 || connector == _connectorId || (connector == 0 && message == "StatusNotification");
            // A key pair and CSR cannot be made here yet (no key generation on nanoFramework 1.x).
            string status = message == "SignChargePointCertificate" ? "NotImplemented" : connectorOk ? "Accepted" : "Rejected";
            result.StartObject().Property("status", status).EndObject();
            if (status == "Accepted") _rpc.RunAfterReply(new Send(this, message, connector));
        }

        void Trigger(string message, int connector)
        {
            switch (message)
            {
                case "BootNotification": _rpc.Enqueue(_registration.Boot()); break;
                case "Heartbeat": _rpc.Enqueue(_registration.Heartbeat()); break;
                case "MeterValues": _transactions.TriggerMeterValues(); break;
                case "StatusNotification":
                    if (connector == 0) _status.TellChargePoint();
                    else _status.Tell(connector == -1);
                    break;
                case "DiagnosticsStatusNotification":
                    _rpc.Enqueue(new NotificationCall(message, _uploads.Busy && _uploads.DiagnosticsStatus == LogUploads.StatusUploading ? LogUploads.StatusUploading : LogUploads.StatusIdle));
                    break;
                case "LogStatusNotification":
                    bool uploading = _uploads.Busy && _uploads.LogStatus == LogUploads.StatusUploading;
                    _rpc.Enqueue(new RequestStatusCall("LogStatusNotification", uploading ? LogUploads.StatusUploading : LogUploads.StatusIdle, uploading ? _uploads.LogRequestId : -1));
                    break;
                case "FirmwareStatusNotification":
                    _rpc.Enqueue(new NotificationCall(_extended ? "SignedFirmwareStatusNotification" : message, _updates.Idle ? "Idle" : _updates.Status));
                    break;
            }
        }

        sealed class Send : ICoreWork
        {
            readonly TriggerMessage _t;
            readonly string _message;
            readonly int _connector;

            public Send(TriggerMessage t, string message, int connector) { _t = t; _message = message; _connector = connector; }

            public void Run() { _t.Trigger(_message, _connector); }
        }
    }
}
