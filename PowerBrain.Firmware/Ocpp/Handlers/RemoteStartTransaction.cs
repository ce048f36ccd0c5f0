using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>RemoteStartTransaction: authorize a tag on our connector (connector 0 is not allowed).</summary>
    public sealed class RemoteStartTransaction : IOcppHandler
    {
        readonly OcppClient _c;

        public RemoteStartTransaction(OcppClient client) { _c = client; }

        public void Handle(Payload p, JsonWriter result)
        {
            string tag = p.String("idTag", 20, true);
            int connector = p.Int("connectorId", false, -1);
            Payload profile = p.Object("chargingProfile", false);
            bool ok = _c.Accepted && _c.Session.Operative && _c.Session.Current == null
                      && (connector == -1 || connector == _c.ConnectorId)
                      // Smart charging is not built yet: a profile we cannot honour is refused, never ignored.
                      && profile == null;
            result.StartObject().Property("status", ok ? "Accepted" : "Rejected").EndObject();
            if (ok) _c.Session.RemoteStart(tag);
        }
    }
}
