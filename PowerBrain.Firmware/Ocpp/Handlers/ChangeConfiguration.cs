using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Security;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>ChangeConfiguration with the key table's types and limits. A new AuthorizationKey
    /// takes effect by reconnecting once the answer has gone out; a raised security profile at the
    /// next connection, which the backend brings about with Reset (the whitepaper's order, which
    /// OCTT TC_083 follows: a link dropped at once would lose that Reset).</summary>
    public sealed class ChangeConfiguration : IOcppHandler
    {
        readonly ConfigKeys _keys;
        readonly OcppConnection _connection;
        readonly Settings _settings;
        readonly CertificateStore _certificates;
        readonly ISecurityLog _security;
        readonly IAfterReply _afterReply;
        readonly Logger _log;

        public ChangeConfiguration(ConfigKeys keys, OcppConnection connection, Settings settings, CertificateStore certificates,
                                   ISecurityLog security, IAfterReply afterReply, Logger log)
        {
            _keys = keys;
            _connection = connection;
            _settings = settings;
            _certificates = certificates;
            _security = security;
            _afterReply = afterReply;
            _log = log;
        }

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
                ChangeSecurity(name, value, "AuthorizationKey changed", "AuthorizationKey changed by the backend; reconnecting with it");
                _afterReply.RunAfterReply(new ReconnectLater(_connection));
                return "Accepted";
            }
            if (name == ConfigKeys.SecurityProfile)
            {
                int wanted;
                Settings.TryParseInt(value, out wanted);
                if (wanted < _keys.GetInt(name) || wanted < _security.SecurityProfile) return "Rejected";   // never lowered
                bool hasPassword = _keys.Get(ConfigKeys.AuthorizationKey).Length > 0
                                   || _settings.GetText(SettingsCatalog.OcppPassword).Length > 0;
                if ((wanted == 1 || wanted == 2) && !hasPassword) return "Rejected";
                if (wanted >= 2 && (!_connection.Url.StartsWith("wss://") || !_certificates.HasCa)) return "Rejected";
                if (wanted == 3 && !_certificates.HasClientPair) return "Rejected";
                ChangeSecurity(name, value, "security profile raised to " + wanted, "security profile raised to " + wanted + " by the backend; used from the next connection");
                return "Accepted";
            }
            _keys.Set(name, value);
            return key.RebootRequired ? "RebootRequired" : "Accepted";
        }

        void ChangeSecurity(string name, string value, string techInfo, string logText)
        {
            _keys.Set(name, value);
            _security.SecurityEvent("ReconfigurationOfSecurityParameters", techInfo);
            _log.Warning("ocpp", logText);
        }

        sealed class ReconnectLater : ICoreWork
        {
            readonly OcppConnection _connection;
            public ReconnectLater(OcppConnection connection) { _connection = connection; }
            public void Run() { _connection.Reconnect(); }
        }
    }
}
