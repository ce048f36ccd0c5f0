using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>RemoteStopTransaction: stops the running transaction when the id matches.</summary>
    public sealed class RemoteStopTransaction : IOcppHandler
    {
        readonly Transactions _transactions;
        readonly IBackendState _backend;

        public RemoteStopTransaction(Transactions transactions, IBackendState backend)
        {
            _transactions = transactions;
            _backend = backend;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            int id = p.Int("transactionId", true, 0);
            TxRecord tx = _transactions.Current;
            bool ok = _backend.Accepted && tx != null && _transactions.Store.ServerId(tx.Local) == id;
            result.StartObject().Property("status", ok ? "Accepted" : "Rejected").EndObject();
            if (ok) _transactions.Stop("Remote");
        }
    }
}
