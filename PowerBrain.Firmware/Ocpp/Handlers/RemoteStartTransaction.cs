using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>RemoteStartTransaction: authorize a tag on our connector (connector 0 is not allowed).
    /// A chargingProfile must be a TxProfile without transactionId.</summary>
    public sealed class RemoteStartTransaction : IOcppHandler
    {
        readonly ChargeSession _session;
        readonly IBackendState _backend;
        readonly int _connectorId;

        public RemoteStartTransaction(ChargeSession session, IBackendState backend, int connectorId)
        {
            _session = session;
            _backend = backend;
            _connectorId = connectorId;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            string tag = p.String("idTag", 20, true);
            int connector = p.Int("connectorId", false, -1);
            Payload profilePayload = p.Object("chargingProfile", false);
            ChargingProfile profile = profilePayload == null ? null : ChargingProfile.Read(profilePayload);
            bool ok = _backend.Accepted && _session.Operative && _session.Current == null
                      && (connector == -1 || connector == _connectorId)
                      && (profile == null || (profile.Purpose == ChargingProfile.Tx && profile.TransactionId < 0));
            result.StartObject().Property("status", ok ? "Accepted" : "Rejected").EndObject();
            if (ok) _session.RemoteStart(tag, profile);
        }
    }
}
