using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>RemoteStopTransaction: stops the running transaction when the id matches.</summary>
    public sealed class RemoteStopTransaction : IOcppHandler
    {
        readonly OcppClient _c;

        public RemoteStopTransaction(OcppClient client) { _c = client; }

        public void Handle(Payload p, JsonWriter result)
        {
            int id = p.Int("transactionId", true, 0);
            TxRecord tx = _c.Session.Current;
            bool ok = _c.Accepted && tx != null && _c.Session.Store.ServerId(tx.Local) == id;
            result.StartObject().Property("status", ok ? "Accepted" : "Rejected").EndObject();
            if (ok) _c.Session.Stop("Remote");
        }
    }
}
