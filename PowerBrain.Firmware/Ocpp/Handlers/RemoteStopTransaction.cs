using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>RemoteStopTransaction: stops the running transaction when the id matches.</summary>
    public sealed class RemoteStopTransaction : IOcppHandler
    {
        readonly ChargeSession _session;
        readonly IBackendState _backend;

        public RemoteStopTransaction(ChargeSession session, IBackendState backend)
        {
            _session = session;
            _backend = backend;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            int id = p.Int("transactionId", true, 0);
            TxRecord tx = _session.Current;
            bool ok = _backend.Accepted && tx != null && _session.Store.ServerId(tx.Local) == id;
            result.StartObject().Property("status", ok ? "Accepted" : "Rejected").EndObject();
            if (ok) _session.Stop("Remote");
        }
    }
}
