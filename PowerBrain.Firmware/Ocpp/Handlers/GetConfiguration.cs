using System.Collections;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>GetConfiguration: all keys, or the ones asked for. AuthorizationKey is listed
    /// without a value: it is write-only.</summary>
    public sealed class GetConfiguration : IOcppHandler
    {
        readonly ConfigKeys _keys;

        public GetConfiguration(ConfigKeys keys) { _keys = keys; }

        public void Handle(Payload p, JsonWriter result)
        {
            ArrayList asked = p.Array("key", false);
            int max = _keys.GetInt(ConfigKeys.GetConfigurationMaxKeys);
            if (asked != null && asked.Count > max)
                throw new OcppException(OcppErrorCode.PropertyConstraintViolation, "at most " + max + " keys per request");
            result.StartObject().Name("configurationKey").StartArray();
            ArrayList unknown = null;
            if (asked == null || asked.Count == 0)
            {
                for (int i = 0; i < ConfigKeys.Names.Length; i++) Write(result, ConfigKeys.Row(i));
            }
            else
            {
                for (int i = 0; i < asked.Count; i++)
                {
                    string name = asked[i] as string;
                    if (name == null) throw new OcppException(OcppErrorCode.TypeConstraintViolation, "key must hold strings");
                    if (name.Length > 50) throw new OcppException(OcppErrorCode.PropertyConstraintViolation, "a key is longer than 50");
                    ConfigKey key = ConfigKeys.Find(name);
                    if (key != null) Write(result, key);
                    else
                    {
                        if (unknown == null) unknown = new ArrayList();
                        unknown.Add(name);
                    }
                }
            }
            result.EndArray();
            if (unknown != null)
            {
                result.Name("unknownKey").StartArray();
                for (int i = 0; i < unknown.Count; i++) result.String((string)unknown[i]);
                result.EndArray();
            }
            result.EndObject();
        }

        void Write(JsonWriter w, ConfigKey key)
        {
            w.StartObject().Property("key", key.Name).Property("readonly", key.ReadOnly);
            if (!key.WriteOnly) w.Property("value", _keys.Get(key.Name));
            w.EndObject();
        }
    }
}
