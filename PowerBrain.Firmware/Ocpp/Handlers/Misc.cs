using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>ClearCache: empties the Authorization Cache (the Local Authorization List stays).</summary>
    public sealed class ClearCache : IOcppHandler
    {
        readonly OcppClient _c;

        public ClearCache(OcppClient client) { _c = client; }

        public void Handle(Payload p, JsonWriter result)
        {
            _c.Cache.Clear();
            _c.Cache.Save();
            _c.Log.Info("ocpp", "authorization cache cleared");
            result.StartObject().Property("status", "Accepted").EndObject();
        }
    }

    /// <summary>DataTransfer: no vendor extensions are implemented.</summary>
    public sealed class DataTransfer : IOcppHandler
    {
        public void Handle(Payload p, JsonWriter result)
        {
            string vendor = p.String("vendorId", 255, true);
            p.String("messageId", 50, false);
            result.StartObject().Property("status", vendor == "PowerBrain" ? "UnknownMessageId" : "UnknownVendorId").EndObject();
        }
    }

    /// <summary>UnlockConnector: the box has no lock actuator; a running transaction is stopped
    /// (UnlockCommand) and the plug is then free to be pulled.</summary>
    public sealed class UnlockConnector : IOcppHandler
    {
        readonly OcppClient _c;

        public UnlockConnector(OcppClient client) { _c = client; }

        public void Handle(Payload p, JsonWriter result)
        {
            int connector = p.Int("connectorId", true, 0);
            if (connector != _c.ConnectorId)
            {
                result.StartObject().Property("status", "NotSupported").EndObject();
                return;
            }
            if (_c.Session.Current != null) _c.Session.Stop("UnlockCommand");
            result.StartObject().Property("status", "Unlocked").EndObject();
        }
    }
}
