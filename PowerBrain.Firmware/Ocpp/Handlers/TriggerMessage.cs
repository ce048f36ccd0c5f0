using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>TriggerMessage (Remote Trigger profile): the message is sent after the answer.</summary>
    public sealed class TriggerMessage : IOcppHandler
    {
        static readonly string[] Messages = new string[]
        {
            "BootNotification", "DiagnosticsStatusNotification", "FirmwareStatusNotification", "Heartbeat", "MeterValues", "StatusNotification",
        };
        readonly OcppClient _c;

        public TriggerMessage(OcppClient client) { _c = client; }

        public void Handle(Payload p, JsonWriter result)
        {
            string message = p.Enum("requestedMessage", Messages, true);
            int connector = p.Int("connectorId", false, -1);
            bool connectorOk = connector == -1 || connector == _c.ConnectorId || (connector == 0 && message == "StatusNotification");
            result.StartObject().Property("status", connectorOk ? "Accepted" : "Rejected").EndObject();
            if (connectorOk) _c.Session.RunAfterReply(new Send(_c, message, connector));
        }

        sealed class Send : ICoreWork
        {
            readonly OcppClient _c;
            readonly string _message;
            readonly int _connector;

            public Send(OcppClient c, string message, int connector) { _c = c; _message = message; _connector = connector; }

            public void Run()
            {
                switch (_message)
                {
                    case "BootNotification": _c.TriggerBoot(); break;
                    case "Heartbeat": _c.Enqueue(new HeartbeatCall(_c)); break;
                    case "MeterValues": _c.Session.TriggerMeterValues(); break;
                    case "StatusNotification":
                        if (_connector == 0) _c.Enqueue(new StatusCall(0, _c.Session.ChargePointStatus(), "NoError", null, _c.Timestamp));
                        else _c.TriggerStatus(_connector == -1);
                        break;
                    case "DiagnosticsStatusNotification": _c.Enqueue(new NotificationCall(_message, "Idle")); break;
                    case "FirmwareStatusNotification": _c.Enqueue(new NotificationCall(_message, "Idle")); break;
                }
            }
        }
    }
}
