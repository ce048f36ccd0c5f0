using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>ClearCache: empties the Authorization Cache (the Local Authorization List stays).</summary>
    public sealed class ClearCache : IOcppHandler
    {
        readonly IdTagTable _cache;
        readonly Logger _log;

        public ClearCache(IdTagTable cache, Logger log)
        {
            _cache = cache;
            _log = log;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            _cache.Clear();
            _cache.Save();
            _log.Info("ocpp", "authorization cache cleared");
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

    /// <summary>UnlockConnector: the box has no lock actuator. With a socket a running transaction
    /// is stopped (UnlockCommand) and the plug is then free to be pulled (Unlocked); a fixed cable
    /// cannot be unlocked (NotSupported, the transaction goes on).</summary>
    public sealed class UnlockConnector : IOcppHandler
    {
        readonly Transactions _transactions;
        readonly Config.Settings _settings;
        readonly int _connectorId;

        public UnlockConnector(Transactions transactions, Config.Settings settings, int connectorId)
        {
            _transactions = transactions;
            _settings = settings;
            _connectorId = connectorId;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            int connector = p.Int("connectorId", true, 0);
            if (connector != _connectorId || _settings.GetNumber(Config.SettingsCatalog.ChargingCableMode) == 1)
            {
                result.StartObject().Property("status", "NotSupported").EndObject();
                return;
            }
            if (_transactions.Current != null) _transactions.Stop("UnlockCommand");
            result.StartObject().Property("status", "Unlocked").EndObject();
        }
    }
}
