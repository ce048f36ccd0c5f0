using PowerBrain.Firmware;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Web;

namespace PowerBrain.Emulator.Sim;

/// <summary>The emulator's own API for the simulated EV and RFID reader (not on the device).
/// The names are stable: scripts and tests rely on them.</summary>
public static class EmulatorRoutes
{
    public static void Add(WebApp web, EmulatorBoard board)
    {
        web.Add("POST", "/api/ev/plug", new Action(board, (b, _, _) => { b.Ev.Plug(); return null; }));
        web.Add("POST", "/api/ev/unplug", new Action(board, (b, r, _) => { b.Ev.Unplug(r.Has("atEv") && r.Bool("atEv")); return null; }));
        web.Add("POST", "/api/ev/charge", new Action(board, (b, r, _) =>
        {
            if (r.Has("stop") && r.Bool("stop")) { b.Ev.StopCharging(); return null; }
            if (!r.Has("requestAmps")) return "give requestAmps or stop";
            int amps = r.Int("requestAmps");
            if (amps < 1 || amps > 80) return "requestAmps must be between 1 and 80";
            if (!b.Ev.Plugged) return "the EV is not plugged in";
            b.Ev.StartCharging(amps);
            return null;
        }));
        web.Add("POST", "/api/ev/misbehave", new Action(board, (b, r, _) =>
        {
            if (r.Has("ignoreReduction")) b.Ev.IgnoreReduction = r.Bool("ignoreReduction");
            if (r.Has("diodeFault")) b.Ev.DiodeFault = r.Bool("diodeFault");
            if (r.Has("weldContactor")) b.SimContactor.Welded = r.Bool("weldContactor");
            if (r.Has("responseDelayMs"))
            {
                int ms = r.Int("responseDelayMs");
                if (ms < 0 || ms > 30000) return "responseDelayMs must be between 0 and 30000";
                b.Ev.ResponseDelayMs = ms;
            }
            return null;
        }));
        web.Add("POST", "/api/rfid", new Action(board, (b, r, _) =>
        {
            string tag = r.Has("idTag") ? r.Text("idTag") : null;
            if (string.IsNullOrEmpty(tag) || tag.Length > 20) return "idTag must be 1 to 20 characters";
            b.SimRfid.Present(tag);
            return null;
        }));
    }

    delegate string Handler(EmulatorBoard board, Body body, WebRequestContext context);

    /// <summary>A flat JSON object body, read once.</summary>
    sealed class Body
    {
        readonly System.Collections.Generic.Dictionary<string, object> _values = new();

        public Body(byte[] json)
        {
            if (json == null || json.Length == 0) return;
            var r = new JsonReader();
            r.Reset(json, 0, json.Length);
            if (r.Read() != JsonToken.StartObject) throw new JsonException("expected an object", 0);
            while (r.Read() == JsonToken.PropertyName)
            {
                string name = r.GetString();
                _values[name] = r.Read() switch
                {
                    JsonToken.String => r.GetString(),
                    JsonToken.Number => (object)r.GetInt64(),
                    JsonToken.True => true,
                    JsonToken.False => false,
                    _ => throw new JsonException($"'{name}' must be a string, a whole number or a boolean", r.Position),
                };
            }
        }

        public bool Has(string name) => _values.ContainsKey(name);
        public bool Bool(string name) => _values[name] is bool b ? b : throw new JsonException($"'{name}' must be true or false", 0);
        public int Int(string name) => _values[name] is long l ? (int)l : throw new JsonException($"'{name}' must be a whole number", 0);
        public string Text(string name) => _values[name] as string ?? throw new JsonException($"'{name}' must be a string", 0);
    }

    sealed class Action(EmulatorBoard board, Handler handler) : IRoute
    {
        public int Handle(WebRequestContext context, JsonWriter json)
        {
            string error = handler(board, new Body(context.Body), context);
            json.StartObject();
            if (error != null) json.Property("error", error);
            else json.Property("ok", true);
            json.EndObject();
            return error == null ? 200 : 400;
        }
    }
}
