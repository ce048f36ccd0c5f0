using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>RemoteStartTransaction: authorize a tag on our connector (connector 0 is not allowed).
    /// A chargingProfile must be a TxProfile without transactionId.</summary>
    public sealed class RemoteStartTransaction : IOcppHandler
    {
        readonly OcppClient _c;

        public RemoteStartTransaction(OcppClient client) { _c = client; }

        public void Handle(Payload p, JsonWriter result)
        {
            string tag = p.String("idTag", 20, true);
            int connector = p.Int("connectorId", false, -1);
            Payload profilePayload = p.Object("chargingProfile", false);
            ChargingProfile profile = profilePayload == null ? null : ChargingProfile.Read(profilePayload);
            bool ok = _c.Accepted && _c.Session.Operative && _c.Session.Current == null
                      && (connector == -1 || connector == _c.ConnectorId)
                      && (profile == null || (profile.Purpose == ChargingProfile.Tx && profile.TransactionId < 0));
            result.StartObject().Property("status", ok ? "Accepted" : "Rejected").EndObject();
            if (ok) _c.Session.RemoteStart(tag, profile);
        }
    }
}
