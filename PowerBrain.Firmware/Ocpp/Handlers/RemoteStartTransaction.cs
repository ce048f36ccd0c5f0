using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>RemoteStartTransaction: authorize a tag on our connector (connector 0 is not allowed).
    /// A chargingProfile must be a TxProfile without transactionId. A reserved connector takes the
    /// reserved tag, or another when the reservation names a parent (the backend's Authorize tells).</summary>
    public sealed class RemoteStartTransaction : IOcppHandler
    {
        readonly Transactions _transactions;
        readonly Availability _availability;
        readonly Reservations _reservations;
        readonly IBackendState _backend;
        readonly int _connectorId;

        public RemoteStartTransaction(Transactions transactions, Availability availability, Reservations reservations, IBackendState backend, int connectorId)
        {
            _transactions = transactions;
            _availability = availability;
            _reservations = reservations;
            _backend = backend;
            _connectorId = connectorId;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            string tag = p.String("idTag", 20, true);
            int connector = p.Int("connectorId", false, -1);
            Payload profilePayload = p.Object("chargingProfile", false);
            ChargingProfile profile = profilePayload == null ? null : ChargingProfile.Read(profilePayload);
            bool ok = _backend.Accepted && _availability.Operative && _transactions.Current == null
                      && (connector == -1 || connector == _connectorId)
                      && _reservations.MayTry(tag)   // a reserved connector: its tag or a child of its parent
                      && (profile == null || (profile.Purpose == ChargingProfile.Tx && profile.TransactionId < 0));
            result.StartObject().Property("status", ok ? "Accepted" : "Rejected").EndObject();
            if (ok) _transactions.RemoteStart(tag, profile);
        }
    }
}
