using System.Text;
using PowerBrain.Firmware.History;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Web
{
    /// <summary>GET /api/chart (the last 15 minutes), GET /api/sessions (newest first, the running
    /// one on top) and GET /api/sessions.csv (the log as a file).</summary>
    public sealed class HistoryRoutes
    {
        readonly SessionLog _sessions;
        readonly ChartSamples _chart;

        public HistoryRoutes(SessionLog sessions, ChartSamples chart)
        {
            _sessions = sessions;
            _chart = chart;
        }

        public void AddTo(WebApp app)
        {
            app.Add("GET", "/api/chart", new ChartRoute(_chart));
            app.Add("GET", "/api/sessions", new SessionsRoute(_sessions, false));
            app.Add("GET", "/api/sessions.csv", new SessionsRoute(_sessions, true));
        }

        sealed class ChartRoute : IRoute
        {
            readonly ChartSamples _chart;
            public ChartRoute(ChartSamples chart) { _chart = chart; }

            public int Handle(WebRequestContext c, JsonWriter json)
            {
                _chart.Write(json);
                return 200;
            }
        }

        sealed class SessionsRoute : IRoute
        {
            readonly SessionLog _log;
            readonly bool _csv;

            public SessionsRoute(SessionLog log, bool csv)
            {
                _log = log;
                _csv = csv;
            }

            public int Handle(WebRequestContext c, JsonWriter json)
            {
                string[] lines = _log.Closed();
                if (_csv)
                {
                    StringBuilder b = new StringBuilder(SessionLog.Header.Length + 2 + lines.Length * 96);
                    b.Append(SessionLog.Header).Append("\r\n");
                    for (int i = 0; i < lines.Length; i++)
                    {
                        string[] f = SessionLog.Fields(lines[i]);
                        if (f == null) continue;
                        b.Append(f[0]).Append(',').Append(f[1]).Append(',').Append(f[2]).Append(',').Append(f[3]).Append(',').Append(f[4])
                            .Append(',').Append(_log.TransactionId(f)).Append(',').Append(_log.BackendReceived(f)).Append("\r\n");
                    }
                    byte[] bytes = Encoding.UTF8.GetBytes(b.ToString());
                    json.Raw(bytes, 0, bytes.Length);
                    c.ContentType = "text/csv; charset=utf-8";
                    c.Download = "powerbrain-sessions.csv";
                    return 200;
                }
                json.StartObject().Property("max", SessionLog.MaxSessions);
                if (_log.Running) json.Name("running").StartObject().Property("start", _log.RunningStart).Property("energyWh", _log.RunningWh).EndObject();
                json.Name("sessions").StartArray();
                for (int i = lines.Length - 1; i >= 0; i--)
                {
                    string[] f = SessionLog.Fields(lines[i]);
                    if (f == null) continue;
                    long wh;
                    if (!long.TryParse(f[2], out wh)) wh = 0;
                    json.StartObject().Property("start", f[0]).Property("end", f[1]).Property("energyWh", wh)
                        .Property("idTag", f[3]).Property("stopReason", f[4])
                        .Property("transactionId", _log.TransactionId(f)).Property("backendReceived", _log.BackendReceived(f)).EndObject();
                }
                json.EndArray().EndObject();
                return 200;
            }
        }
    }
}
