using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.History;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Modbus;
using PowerBrain.Firmware.Ocpp;

namespace PowerBrain.Firmware.Web
{
    /// <summary>GET /api/diagnostics: what an installer sends when something goes wrong: the OCPP
    /// link, the Modbus masters heard, the live status (with the log), the settings and the session
    /// log. Secrets never appear: settings show them only as isSet, and the URL loses its password.
    /// With ?download the browser saves it as a file. The same file is what OCPP GetDiagnostics uploads.</summary>
    public sealed class DiagnosticsRoute : IRoute, IDiagnosticsSource
    {
        readonly Wallbox _box;
        readonly StatusRoute _status;
        readonly SessionLog _sessions;

        public DiagnosticsRoute(Wallbox box, StatusRoute status, SessionLog sessions)
        {
            _box = box;
            _status = status;
            _sessions = sessions;
        }

        public int Handle(WebRequestContext c, JsonWriter json)
        {
            Write(json, null, null);
            if (c.Query.IndexOf("download") >= 0) c.Download = "powerbrain-diagnostics-" + _box.Board.SerialNumber + ".json";
            return 200;
        }

        /// <summary>The whole file; sessions that started outside [from, to] are left out (null: open).</summary>
        public void Write(JsonWriter json, string from, string to)
        {
            Wallbox b = _box;
            long now = b.Board.Clock.UptimeMs;
            OcppClient o = b.OcppClient;
            json.StartObject().Property("generated", Iso8601.Format(b.Board.Clock.UtcNow));
            json.Name("ocpp").StartObject()
                .Property("on", o.IsOn)
                .Property("url", Transfer.TransferUrl.WithoutPassword(o.Connection.Url))
                .Property("chargeBoxId", o.Connection.ChargeBoxId)
                .Property("state", o.Connection.State)
                .Property("bootStatus", o.Registration.BootStatus)
                .Property("lastError", o.Connection.LastError);
            if (o.Connection.LastConnectedMs >= 0) json.Property("lastConnectAgoS", (now - o.Connection.LastConnectedMs) / 1000);
            long next = o.Connection.NextAttemptMs;
            if (next >= 0 && !o.Online) json.Property("nextAttemptInS", next > now ? (next - now + 999) / 1000 : 0);
            json.Property("queuedMessages", o.Transactions.Store.Count).EndObject();

            json.Name("modbus").StartObject().Property("requests", b.ModbusSlave.Requests).Name("masters").StartArray();
            ModbusMaster[] masters = b.ModbusSlave.Masters;
            for (int i = 0; i < masters.Length; i++)
            {
                ModbusMaster m = masters[i];
                if (m == null) continue;
                json.StartObject().Property("name", m.Name).Property("requests", m.Requests).Property("errors", m.Errors);
                if (m.LastMs >= 0) json.Property("lastRequestAgoS", (now - m.LastMs) / 1000);
                json.EndObject();
            }
            json.EndArray().EndObject();

            json.Name("ocppFrames");
            o.Rpc.Frames.Write(json);
            json.Name("decisions").StartArray();
            DecisionHistory h = b.Charging.History;
            for (int i = 0; i < h.Count; i++)
            {
                long at; bool allowed; int deciAmps, limitedBy;
                h.Get(i, out at, out allowed, out deciAmps, out limitedBy);
                json.StartObject().Property("uptimeS", at / 1000).Property("allowed", allowed).PropertyFixed("amps", deciAmps, 1)
                    .Property("limitedBy", LimitedBy.Name(limitedBy)).EndObject();
            }
            json.EndArray();
            json.Name("status");
            _status.Write(json, from, to);
            json.Name("settings");
            ConfigRoutes.WriteSettings(b.Settings, json);
            json.Name("sessions").StartArray();
            string[] lines = _sessions.Closed();
            for (int i = 0; i < lines.Length; i++)
            {
                int comma = lines[i].IndexOf(',');
                string start = comma < 0 ? lines[i] : lines[i].Substring(0, comma);   // the first field is the ISO start time
                if ((from == null || string.Compare(start, from) >= 0) && (to == null || string.Compare(start, to) <= 0)) json.String(lines[i]);
            }
            json.EndArray();
            json.EndObject();
        }
    }
}
