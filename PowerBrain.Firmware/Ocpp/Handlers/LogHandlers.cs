using System;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>GetDiagnostics: names the file and uploads it after the answer (ftp:// passive or
    /// http:// PUT); no fileName while another upload is on its way.</summary>
    public sealed class GetDiagnostics : IOcppHandler
    {
        readonly LogUploads _uploads;

        public GetDiagnostics(LogUploads uploads) { _uploads = uploads; }

        public void Handle(Payload p, JsonWriter result)
        {
            string location = p.String("location", 512, true);
            int retries = p.Int("retries", false, 0);
            int interval = p.Int("retryInterval", false, 60);
            string from = Bound(p, "startTime"), to = Bound(p, "stopTime");
            string name = _uploads.StartDiagnostics(location, retries, interval, from, to);
            result.StartObject().OptionalProperty("fileName", name).EndObject();
        }

        /// <summary>A time bound as ISO 8601 text (it sorts as the times do), or null.</summary>
        internal static string Bound(Payload p, string name)
        {
            DateTime t = p.Time(name, false, DateTime.MinValue);
            return t == DateTime.MinValue ? null : Iso8601.Format(t);
        }
    }

    /// <summary>GetLog (security whitepaper): DiagnosticsLog or SecurityLog, uploaded like GetDiagnostics
    /// and told with LogStatusNotification carrying the requestId.</summary>
    public sealed class GetLog : IOcppHandler
    {
        static readonly string[] Types = new string[] { "DiagnosticsLog", "SecurityLog" };
        readonly LogUploads _uploads;

        public GetLog(LogUploads uploads) { _uploads = uploads; }

        public void Handle(Payload p, JsonWriter result)
        {
            string type = p.Enum("logType", Types, true);
            int requestId = p.Int("requestId", true, 0);
            int retries = p.Int("retries", false, 0);
            int interval = p.Int("retryInterval", false, 60);
            Payload log = p.Object("log", true);
            string location = log.String("remoteLocation", 512, true);
            string fileName;
            string status = _uploads.StartLog(type == "SecurityLog", requestId, location, retries, interval,
                                              GetDiagnostics.Bound(log, "oldestTimestamp"), GetDiagnostics.Bound(log, "latestTimestamp"), out fileName);
            result.StartObject().Property("status", status).OptionalProperty("filename", fileName).EndObject();
        }
    }
}
