using System;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Security;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>What the connection tells the rest of the wing, on the core thread.</summary>
    public interface IConnectionListener
    {
        void Opened();

        void Down();

        /// <summary>A complete message; null for one that was too large and was dropped.</summary>
        void Received(byte[] message);
    }

    /// <summary>
    /// The connection to the backend: URL and ChargeBox ID, the security profile (Basic auth, TLS
    /// with the stored CA, client certificate), reconnecting with jittered back-off, and the state
    /// the status page shows. The socket itself is <see cref="OcppLink"/>'s.
    /// </summary>
    public sealed class OcppConnection : ILinkEvents, IFrameSender
    {
        const int MaxBackoffS = 300;

        readonly Settings _settings;
        readonly ConfigKeys _keys;
        readonly CertificateStore _certificates;
        readonly ISecurityLog _security;
        readonly IClock _clock;
        readonly Logger _log;
        readonly OcppLink _link;
        readonly Random _random = new Random();
        int _generation = -1;
        int _backoffS;
        long _reconnectAtMs = -1;
        bool _failureRecorded;

        public readonly string Url;
        public readonly string ChargeBoxId;
        public IConnectionListener Listener;
        public string State = OcppStatus.LinkOff;
        public string LastError = "";
        /// <summary>Uptime of the last successful connect, -1: none since start.</summary>
        public long LastConnectedMs = -1;
        /// <summary>Warnings for the status page (for example a TLS link whose server is not checked).</summary>
        public string SecurityWarning;

        public OcppConnection(IBoard board, CoreLoop core, Logger log, Settings settings, ConfigKeys keys, CertificateStore certificates, ISecurityLog security)
        {
            _settings = settings;
            _keys = keys;
            _certificates = certificates;
            _security = security;
            _clock = board.Clock;
            _log = log;
            Url = settings.GetText(SettingsCatalog.OcppUrl);
            ChargeBoxId = settings.GetText(SettingsCatalog.OcppChargeBoxId);
            if (Url.Length > 0)
            {
                _link = new OcppLink(board, core, this);
                _reconnectAtMs = 0;
                State = OcppStatus.LinkConnecting;
            }
        }

        public bool IsOn { get { return _link != null; } }

        public bool Online { get { return State == OcppStatus.LinkOpen; } }

        /// <summary>Uptime of the next connection attempt, -1 when none is planned.</summary>
        public long NextAttemptMs { get { return _reconnectAtMs; } }

        /// <summary>The security profile in force: the setting, or higher when the backend raised it.</summary>
        public int SecurityProfile
        {
            get
            {
                int fromKey = _keys.GetInt(ConfigKeys.SecurityProfile);
                int fromSetting = _settings.GetNumber(SettingsCatalog.OcppSecurityProfile);
                return fromKey > fromSetting ? fromKey : fromSetting;
            }
        }

        public bool Send(byte[] utf8, int count) { return _link != null && _link.Send(utf8, count); }

        /// <summary>Connects when an attempt is due.</summary>
        public void Tick(long now)
        {
            if (_reconnectAtMs >= 0 && now >= _reconnectAtMs && !Online)
            {
                _reconnectAtMs = -1;
                Connect();
            }
        }

        byte[] Password()
        {
            string hex = _keys.Get(ConfigKeys.AuthorizationKey);
            if (hex.Length > 0) return Hex.Decode(hex);
            return System.Text.Encoding.UTF8.GetBytes(_settings.GetText(SettingsCatalog.OcppPassword));
        }

        void Connect()
        {
            int profile = SecurityProfile;
            bool tls = Url.StartsWith("wss://");
            SecurityWarning = null;
            if (profile >= 2 && !tls)
            {
                // Never a silent downgrade: profile 2 and 3 need TLS.
                LinkFailed(_generation, "security profile " + profile + " needs a wss:// URL");
                return;
            }
            TlsMaterial material = null;
            if (tls)
            {
                material = new TlsMaterial();
                material.CaPem = _certificates.CaPem;
                if (material.CaPem == null) SecurityWarning = "no CA certificate stored: the backend's certificate is not checked";
                if (profile == 3)
                {
                    if (!_certificates.HasClientPair) { LinkFailed(_generation, "security profile 3 needs a client certificate and key"); return; }
                    material.ClientCertificatePem = _certificates.ClientCertificatePem;
                    material.ClientKeyPem = _certificates.ClientKeyPem;
                }
                if (SecurityWarning != null) _log.Warning("ocpp", SecurityWarning);
            }
            string auth = null;
            // Profile 3 authenticates with the client certificate only.
            if (profile < 3 && (profile >= 1 || _keys.Get(ConfigKeys.AuthorizationKey).Length > 0
                || _settings.GetText(SettingsCatalog.OcppPassword).Length > 0))
                auth = OcppUrl.BasicAuth(ChargeBoxId, Password());
            State = OcppStatus.LinkConnecting;
            _generation = _link.Connect(OcppUrl.Join(Url, ChargeBoxId), auth, _keys.GetInt(ConfigKeys.WebSocketPingInterval), material);
        }

        /// <summary>Drops the link and connects again at once (a new AuthorizationKey or certificate).</summary>
        public void Reconnect()
        {
            if (!IsOn) return;
            _link.Close();
            LinkDown("reconnect requested");
            _reconnectAtMs = _clock.UptimeMs;
        }

        public void Stop()
        {
            if (_link != null) _link.Stop();
        }

        void ScheduleReconnect()
        {
            _backoffS = _backoffS == 0 ? 2 : Math.Min(_backoffS * 2, MaxBackoffS);
            // Up to 50 % random jitter so a fleet does not reconnect in lock-step.
            long delayMs = _backoffS * 1000L + _random.Next(_backoffS * 500 + 1);
            _reconnectAtMs = _clock.UptimeMs + delayMs;
            State = OcppStatus.LinkWaiting;
        }

        void LinkDown(string reason)
        {
            _generation = -1;
            State = OcppStatus.LinkWaiting;
            LastError = reason;
            _log.Warning("ocpp", "disconnected: " + reason);
            Listener.Down();
        }

        // ---- what the link reports ----------------------------------------------------------------

        public void LinkOpened(int generation)
        {
            if (generation != _generation) return;
            State = OcppStatus.LinkOpen;
            LastError = "";
            LastConnectedMs = _clock.UptimeMs;
            _failureRecorded = false;
            _backoffS = 0;
            _log.Info("ocpp", "connected to " + OcppUrl.Join(Url, ChargeBoxId));
            Listener.Opened();
        }

        public void LinkFailed(int generation, string error)
        {
            if (generation != _generation) return;
            LastError = error;
            if (!_failureRecorded && error != null)
            {
                // Once per streak of failures, told to the backend when a good connection is made.
                if (error.StartsWith("server certificate refused")) { _security.SecurityEvent("InvalidCentralSystemCertificate", error); _failureRecorded = true; }
                else if (error == "HTTP 401") { _security.SecurityEvent("FailedToAuthenticateAtCentralSystem", error); _failureRecorded = true; }
            }
            ScheduleReconnect();
            _log.Warning("ocpp", "connection failed (" + error + "); next attempt in " + (_reconnectAtMs - _clock.UptimeMs) / 1000 + " s");
        }

        public void LinkClosed(int generation, string reason)
        {
            if (generation != _generation) return;
            LinkDown(reason);
            ScheduleReconnect();
        }

        public void MessageReceived(int generation, byte[] message)
        {
            if (generation == _generation) Listener.Received(message);
        }
    }
}
