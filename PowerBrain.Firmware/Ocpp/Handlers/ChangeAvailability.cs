using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>ChangeAvailability for connector 0 or ours; persisted; Scheduled during a transaction.</summary>
    public sealed class ChangeAvailability : IOcppHandler
    {
        static readonly string[] Types = new string[] { "Inoperative", "Operative" };
        readonly Availability _availability;
        readonly TransactionStore _transactions;
        readonly int _connectorId;

        public ChangeAvailability(Availability availability, TransactionStore transactions, int connectorId)
        {
            _availability = availability;
            _transactions = transactions;
            _connectorId = connectorId;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            int connector = p.Int("connectorId", true, 0);
            string type = p.Enum("type", Types, true);
            string status = connector == 0 || connector == _connectorId
                ? _availability.Change(type == "Operative", _transactions.Current != null) : "Rejected";
            result.StartObject().Property("status", status).EndObject();
        }
    }
}
