using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Ocpp.Calls;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>TriggerMessage (Remote Trigger profile): the message is sent after the answer.</summary>
    public sealed class TriggerMessage : IOcppHandler
    {
        static readonly string[] Messages = new string[]
        {
            "BootNotification", "DiagnosticsStatusNotification", "FirmwareStatusNotification", "Heartbeat", "MeterValues", "StatusNotification",
        };
        readonly Registration _registration;
        readonly StatusReporter _status;
        readonly Transactions _transactions;
        readonly OcppRpc _rpc;
        readonly int _connectorId;

        public TriggerMessage(Registration registration, StatusReporter status, Transactions transactions, OcppRpc rpc, int connectorId)
        {
            _registration = registration;
            _status = status;
            _transactions = transactions;
            _rpc = rpc;
            _connectorId = connectorId;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            string message = p.Enum("requestedMessage", Messages, true);
            int connector = p.Int("connectorId", false, -1);
            bool connectorOk = connector == -1 || connector == _connectorId || (connector == 0 && message == "StatusNotification");
            result.StartObject().Property("status", connectorOk ? "Accepted" : "Rejected").EndObject();
            if (connectorOk) _rpc.RunAfterReply(new Send(this, message, connector));
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
                default: _rpc.Enqueue(new NotificationCall(message, "Idle")); break;   // no upload or update runs
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
