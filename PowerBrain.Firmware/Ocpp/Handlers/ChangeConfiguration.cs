using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>ChangeConfiguration with the key table's types and limits. A new AuthorizationKey
    /// takes effect by reconnecting with it once the answer has gone out.</summary>
    public sealed class ChangeConfiguration : IOcppHandler
    {
        readonly OcppClient _c;

        public ChangeConfiguration(OcppClient client) { _c = client; }

        public void Handle(Payload p, JsonWriter result)
        {
            string name = p.String("key", 50, true);
            string value = p.String("value", 500, true);
            result.StartObject().Property("status", Apply(name, value)).EndObject();
        }

        string Apply(string name, string value)
        {
            ConfigKey key = ConfigKeys.Find(name);
            if (key == null) return "NotSupported";
            if (key.ReadOnly) return "Rejected";
            if (key.Kind == ConfigKey.Bool) value = value.ToLower();
            if (key.Check(value) != null) return "Rejected";
            if (name == ConfigKeys.AuthorizationKey)
            {
                // 16 to 20 bytes, sent as hex.
                if (!Hex.IsHex(value) || value.Length < 32 || value.Length > 40) return "Rejected";
                _c.Keys.Set(name, value);
                _c.SecurityEvent("ReconfigurationOfSecurityParameters", "AuthorizationKey changed");
                _c.Log.Warning("ocpp", "AuthorizationKey changed by the backend; reconnecting with it");
                _c.Session.RunAfterReply(new ReconnectLater(_c));
                return "Accepted";
            }
            if (name == ConfigKeys.SecurityProfile)
            {
                int current = _c.Keys.GetInt(name);
                int wanted;
                Config.Settings.TryParseInt(value, out wanted);
                if (wanted < current || wanted < _c.SecurityProfile) return "Rejected";   // never lowered
                bool hasPassword = _c.Keys.Get(ConfigKeys.AuthorizationKey).Length > 0
                                   || _c.Settings.GetText(Config.SettingsCatalog.OcppPassword).Length > 0;
                if ((wanted == 1 || wanted == 2) && !hasPassword) return "Rejected";
                if (wanted >= 2 && (!_c.Url.StartsWith("wss://") || !_c.Certificates.HasCa)) return "Rejected";
                if (wanted == 3 && !_c.Certificates.HasClientPair) return "Rejected";
                _c.Keys.Set(name, value);
                _c.SecurityEvent("ReconfigurationOfSecurityParameters", "security profile raised to " + wanted);
                _c.Log.Warning("ocpp", "security profile raised to " + wanted + " by the backend; reconnecting");
                _c.Session.RunAfterReply(new ReconnectLater(_c));
                return "Accepted";
            }
            _c.Keys.Set(name, value);
            return key.RebootRequired ? "RebootRequired" : "Accepted";
        }

        sealed class ReconnectLater : ICoreWork
        {
            readonly OcppClient _c;
            public ReconnectLater(OcppClient c) { _c = c; }
            public void Run() { _c.Reconnect(); }
        }
    }
}
