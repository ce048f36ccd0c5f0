using System;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Ocpp.Calls;
using PowerBrain.Firmware.Transfer;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>Writes the diagnostics file (the web site's, when there is one): what an installer needs.</summary>
    public interface IDiagnosticsSource
    {
        /// <summary>Writes one JSON object; from and to bound what has a time (null: open).</summary>
        void Write(JsonWriter json, string from, string to);
    }

    /// <summary>
    /// GetDiagnostics and GetLog (security whitepaper): the file is written on the core thread, then
    /// uploaded by the transfer thread to the backend's location, tried again `retries` times
    /// `retryInterval` apart. The backend hears DiagnosticsStatusNotification or LogStatusNotification
    /// with Uploading, then Uploaded or UploadFailed. One upload at a time.
    /// </summary>
    public sealed class LogUploads : IUploadDone
    {
        public const string StatusIdle = "Idle", StatusUploading = "Uploading", StatusUploaded = "Uploaded", StatusFailed = "UploadFailed";

        readonly FileTransfer _transfer;
        readonly OcppRpc _rpc;
        readonly SecurityLogFile _securityLog;
        readonly Logger _log;
        readonly IClock _clock;
        readonly string _serial;
        readonly JsonWriter _file = new JsonWriter(1024, 32768);

        /// <summary>The web site's diagnostics file; without one a smaller file (log, firmware) is sent.</summary>
        public IDiagnosticsSource Diagnostics;
        /// <summary>The last diagnostics and log statuses, for TriggerMessage and ExtendedTriggerMessage.</summary>
        public string DiagnosticsStatus = StatusIdle, LogStatus = StatusIdle;
        public int LogRequestId = -1;

        bool _busy, _isLog;
        string _location;
        int _retriesLeft, _retryIntervalS;
        long _retryAtMs = -1;

        public LogUploads(FileTransfer transfer, OcppRpc rpc, SecurityLogFile securityLog, Logger log, IClock clock, string serial)
        {
            _transfer = transfer;
            _rpc = rpc;
            _securityLog = securityLog;
            _log = log;
            _clock = clock;
            _serial = serial;
        }

        public bool Busy { get { return _busy; } }

        /// <summary>GetDiagnostics: returns the file name, or null when one is already on its way.</summary>
        public string StartDiagnostics(string location, int retries, int retryIntervalS, string from, string to)
        {
            if (_busy) return null;
            string name = "diagnostics-" + _serial + "-" + Stamp() + ".json";
            _file.Reset();
            if (Diagnostics != null) Diagnostics.Write(_file, from, to);
            else
            {
                _file.StartObject().Property("firmware", FirmwareInfo.Version).Property("serial", _serial).Name("log");
                WriteLog(from, to);
                _file.EndObject();
            }
            Begin(false, Into(location, name), retries, retryIntervalS);
            return name;
        }

        /// <summary>GetLog: Accepted with the file name, or Rejected while another upload runs.</summary>
        public string StartLog(bool security, int requestId, string location, int retries, int retryIntervalS, string from, string to, out string fileName)
        {
            fileName = null;
            if (_busy) return "Rejected";
            fileName = (security ? "security-log-" : "diagnostics-log-") + _serial + "-" + Stamp() + ".json";
            _file.Reset();
            if (security) _securityLog.Write(_file, from, to);
            else WriteLog(from, to);
            LogRequestId = requestId;
            Begin(true, Into(location, fileName), retries, retryIntervalS);
            return "Accepted";
        }

        /// <summary>The kept log lines written within the window, as a JSON array.</summary>
        void WriteLog(string from, string to)
        {
            _file.StartArray();
            string[] lines = _log.Recent(from, to);
            for (int i = 0; i < lines.Length; i++) _file.String(lines[i]);
            _file.EndArray();
        }

        /// <summary>The location names a directory; the file goes into it under its own name.</summary>
        static string Into(string directory, string name) { return directory + (directory.EndsWith("/") ? "" : "/") + name; }

        string Stamp()
        {
            string iso = Iso8601.Format(_clock.UtcNow);   // 2026-12-02T03:20:00Z -> 20261202T032000Z
            char[] c = iso.ToCharArray();
            char[] keep = new char[c.Length];
            int n = 0;
            for (int i = 0; i < c.Length; i++) if (c[i] != '-' && c[i] != ':') keep[n++] = c[i];
            return new string(keep, 0, n);
        }

        void Begin(bool isLog, string location, int retries, int retryIntervalS)
        {
            _busy = true;
            _isLog = isLog;
            _location = location;
            _retriesLeft = retries < 0 ? 0 : retries;
            _retryIntervalS = retryIntervalS > 0 ? retryIntervalS : 60;
            Attempt();
        }

        void Attempt()
        {
            _retryAtMs = -1;
            Tell(StatusUploading);
            string error;
            if (!_transfer.Upload(_location, _file.Buffer, _file.Length, this, out error)) Uploaded(error);
        }

        /// <summary>On the core thread, from the transfer thread.</summary>
        public void Uploaded(string error)
        {
            if (error == null)
            {
                _log.Info("ocpp", (_isLog ? "log" : "diagnostics") + " uploaded to " + TransferUrl.WithoutPassword(_location));
                Finish(StatusUploaded);
                return;
            }
            _log.Warning("ocpp", "upload failed: " + error);
            if (_retriesLeft > 0)
            {
                _retriesLeft--;
                _retryAtMs = _clock.UptimeMs + _retryIntervalS * 1000L;
                return;
            }
            Finish(StatusFailed);
        }

        void Finish(string status)
        {
            _busy = false;
            Tell(status);
        }

        public void Tick(long now)
        {
            if (_busy && _retryAtMs >= 0 && now >= _retryAtMs) Attempt();
        }

        void Tell(string status)
        {
            if (_isLog)
            {
                LogStatus = status;
                _rpc.Enqueue(new RequestStatusCall("LogStatusNotification", status, LogRequestId));
            }
            else
            {
                DiagnosticsStatus = status;
                _rpc.Enqueue(new NotificationCall("DiagnosticsStatusNotification", status));
            }
        }
    }
}
