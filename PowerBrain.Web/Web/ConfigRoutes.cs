using System.Collections;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Web
{
    /// <summary>GET /api/config describes and shows every setting (secrets only as "set"); PUT saves
    /// a set of changes all or nothing, with an error per field; POST /api/restart restarts.</summary>
    public sealed class ConfigRoutes
    {
        readonly Settings _settings;
        readonly Logger _log;
        readonly CoreLoop _core;
        readonly IRestart _restart;

        public ConfigRoutes(Settings settings, Logger log, CoreLoop core, IRestart restart)
        {
            _settings = settings;
            _log = log;
            _core = core;
            _restart = restart;
        }

        public void AddTo(WebApp app)
        {
            app.Add("GET", "/api/config", new GetRoute(this));
            app.Add("PUT", "/api/config", new PutRoute(this));
            app.Add("POST", "/api/restart", new RestartRoute(this));
        }

        /// <summary>The page's settings section.</summary>
        static string Section(string key)
        {
            if (key.StartsWith("ocpp.")) return "OCPP";
            if (key.StartsWith("modbus.")) return "Modbus";
            if (key.StartsWith("charging.")) return "Charging";
            if (key.StartsWith("wifi.") || key.StartsWith("web.")) return "Network";
            return "System";
        }

        /// <summary>Every setting as a JSON array; secrets only as isSet.</summary>
        public static void WriteSettings(Settings s, JsonWriter json)
        {
            json.StartArray();
            for (int i = 0; i < SettingsCatalog.Keys.Length; i++) Describe(SettingsCatalog.Row(i), s, json);
            json.EndArray();
        }

        /// <summary>One setting with everything the page needs to draw its control: the page has
        /// no list of its own.</summary>
        static void Describe(SettingDef d, Settings s, JsonWriter json)
        {
            json.StartObject().Property("key", d.Key).Property("label", d.Label).Property("group", Section(d.Key))
                .Property("restart", d.NeedsRestart).Property("help", d.Help);
            if (d.Secret) json.Property("type", "secret").Property("max", d.MaxLength).Property("isSet", s.GetText(d.Key).Length > 0);
            else if (!d.IsNumber) json.Property("type", "text").Property("max", d.MaxLength).Property("value", s.GetText(d.Key));
            else
            {
                json.Property("type", d.IsSwitch ? "switch" : d.Choices != null ? "choice" : "number")
                    .Property("min", d.Min).Property("max", d.Max).Property("value", s.GetNumber(d.Key))
                    .Property("unit", d.Unit).Property("scale", d.Scale);
                if (d.Choices != null)
                {
                    json.Name("choices").StartArray();
                    string rest = d.Choices;
                    while (rest.Length > 0)
                    {
                        int bar = rest.IndexOf('|');
                        string one = bar < 0 ? rest : rest.Substring(0, bar);
                        rest = bar < 0 ? "" : rest.Substring(bar + 1);
                        int colon = one.IndexOf(':');
                        int value;
                        Settings.TryParseInt(one.Substring(0, colon), out value);
                        json.StartObject().Property("value", value).Property("label", one.Substring(colon + 1)).EndObject();
                    }
                    json.EndArray();
                }
            }
            json.EndObject();
        }

        sealed class GetRoute : IRoute
        {
            readonly ConfigRoutes _r;
            public GetRoute(ConfigRoutes r) { _r = r; }

            public int Handle(WebRequestContext c, JsonWriter json)
            {
                json.StartObject().Name("settings");
                WriteSettings(_r._settings, json);
                json.EndObject();
                return 200;
            }
        }

        sealed class PutRoute : IRoute
        {
            readonly ConfigRoutes _r;
            public PutRoute(ConfigRoutes r) { _r = r; }

            public int Handle(WebRequestContext c, JsonWriter json)
            {
                Hashtable body = BodyReader.Object(c.Body);
                if (body.Count == 0 || body.Count > SettingsCatalog.Keys.Length)
                {
                    json.StartObject().Property("error", "give the settings to change as a JSON object").EndObject();
                    return 400;
                }
                string[] keys = StringArrays.New(body.Count);
                string[] values = StringArrays.New(body.Count);
                int n = 0;
                bool restart = false;
                foreach (DictionaryEntry e in body)
                {
                    keys[n] = (string)e.Key;
                    object v = e.Value;
                    values[n] = v is string ? (string)v : v is JsonNumber && ((JsonNumber)v).IsWhole ? (((JsonNumber)v).Milli / 1000).ToString() : null;
                    SettingDef d = SettingsCatalog.Find(keys[n]);
                    if (d != null && d.NeedsRestart) restart = true;
                    n++;
                }
                SettingError[] errors = _r._settings.Apply(keys, values, true);
                if (errors != null)
                {
                    json.StartObject().Name("errors").StartObject();
                    for (int i = 0; i < errors.Length; i++) json.Property(errors[i].Key, errors[i].Message);
                    json.EndObject().EndObject();
                    return 400;
                }
                _r._log.Info("web", n + " setting(s) saved" + (restart ? "; a restart applies them" : ""));
                json.StartObject().Property("saved", true).Property("restartNeeded", restart).EndObject();
                return 200;
            }
        }

        sealed class RestartRoute : IRoute
        {
            readonly ConfigRoutes _r;
            public RestartRoute(ConfigRoutes r) { _r = r; }

            public int Handle(WebRequestContext c, JsonWriter json)
            {
                json.StartObject().Property("restarting", true).EndObject();
                // Half a second later, so the answer goes out first.
                _r._core.Schedule(new Later(_r._restart), 500, 0);
                return 200;
            }

            sealed class Later : ICoreWork
            {
                readonly IRestart _restart;
                public Later(IRestart restart) { _restart = restart; }
                public void Run() { _restart.Reboot(); }
            }
        }
    }
}
