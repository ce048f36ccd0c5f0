using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>ChangeAvailability for connector 0 or ours; persisted; Scheduled during a transaction.</summary>
    public sealed class ChangeAvailability : IOcppHandler
    {
        static readonly string[] Types = new string[] { "Inoperative", "Operative" };
        readonly OcppClient _c;

        public ChangeAvailability(OcppClient client) { _c = client; }

        public void Handle(Payload p, JsonWriter result)
        {
            int connector = p.Int("connectorId", true, 0);
            string type = p.Enum("type", Types, true);
            string status = connector == 0 || connector == _c.ConnectorId ? _c.Session.ChangeAvailability(type == "Operative") : "Rejected";
            result.StartObject().Property("status", status).EndObject();
        }
    }
}
