using System;
using System.Collections;
using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>
    /// The OCPP 1.6J client on the core thread: the link with back-off, BootNotification rules,
    /// RPC framing and correlation (one CALL outstanding per direction, MessageTimeout), the table
    /// of incoming actions, heartbeats and status notifications. Transactions live in
    /// <see cref="ChargeSession"/>.
    /// </summary>
    public sealed class OcppClient : ILinkEvents, ICoreWork, IBackendState, ISecurityLog, IProfileLimit
    {
        public const int TickMs = 200;
        const int MaxBackoffS = 300;
        const int MinRejectedRetryS = 30;
        const int MaxPendingCalls = 16;

        // What the client works with: no service locator, each named.
        public readonly IBoard Board;
        public readonly Settings Settings;
        public readonly ChargingCore Charging;
        readonly IRestart _restart;
        public readonly ConfigKeys Keys;
        public readonly ChargeSession Session;
        public readonly SmartCharging Profiles;
        public readonly Security.CertificateStore Certificates;
        /// <summary>OCPP's Local Authorization List and Authorization Cache.</summary>
        public readonly IdTagTable LocalList, Cache;
        readonly SecurityEvents _securityEvents = new SecurityEvents();
        bool _failureRecorded;

        /// <summary>Notes a security event; it goes to the backend once it has accepted us.</summary>
        public void SecurityEvent(string type, string techInfo)
        {
            _log.Warning("security", type + (techInfo != null ? ": " + techInfo : ""));
            _securityEvents.Record(type, techInfo, Timestamp);
        }
        readonly IClock _clock;
        readonly Logger _log;
        readonly OcppLink _link;
        readonly Hashtable _handlers = new Hashtable();
        readonly ArrayList _pending = new ArrayList();
        readonly JsonWriter _out = new JsonWriter(1024, OcppLink.MaxMessageBytes);
        readonly JsonReader _in = new JsonReader();
        readonly Random _random = new Random();

        public readonly string Url;
        public readonly string ChargeBoxId;
        public readonly int ConnectorId;
        int _generation = -1;
        public string LinkState = OcppStatus.LinkOff;
        public string LastLinkError = "";
        /// <summary>Uptime of the last successful connect, -1: none since start.</summary>
        public long LastConnectedMs = -1;
        public string BootStatus = OcppStatus.BootNone;
        int _backoffS;
        long _reconnectAtMs = -1;
        long _bootAtMs = -1;
        bool _silentUntilBoot;          // Rejected: answer nothing until the interval passed
        long _lastSentMs;
        string _bootId;
        int _messageSeq;

        // The one outstanding CALL.
        IOcppCall _outstanding;
        QueuedMessage _outstandingTx;
        string _outstandingId;
        long _outstandingSinceMs;

        // Status notifications.
        string _reportedStatus;
        string _candidateStatus;
        long _candidateSinceMs;
        bool _statusSentForBoot;

        public OcppClient(IBoard board, CoreLoop core, Logger log, Settings settings, ChargingCore charging, IRestart restart, ConfigKeys keys, int bootCount)
        {
            Board = board;
            Settings = settings;
            Charging = charging;
            _restart = restart;
            Keys = keys;
            _clock = board.Clock;
            _log = log;
            Url = settings.GetText(SettingsCatalog.OcppUrl);
            ChargeBoxId = settings.GetText(SettingsCatalog.OcppChargeBoxId);
            ConnectorId = settings.GetNumber(SettingsCatalog.OcppConnectorId);
            _bootId = bootCount.ToString();
            Certificates = new Security.CertificateStore(board.Storage, _clock, _log);
            Profiles = new SmartCharging(board.Storage, _log);
            Profiles.Load();
            LocalList = new IdTagTable(board.Storage, _log, "ocpp-local-list.json", ConfigKeys.LocalAuthListMaxLength);
            LocalList.Load();
            Cache = new IdTagTable(board.Storage, _log, "ocpp-auth-cache.json", ConfigKeys.AuthorizationCacheSize);
            Cache.Load();
            Session = new ChargeSession(this, board, settings, charging, restart);
            RegisterHandlers();
            if (Url.Length > 0)
            {
                _link = new OcppLink(board, core, this);
                charging.Ocpp.Active = true;
                _reconnectAtMs = 0;
                LinkState = OcppStatus.LinkConnecting;
            }
        }

        public bool IsOn { get { return _link != null; } }

        /// <summary>Uptime of the next connection attempt, -1 when none is planned.</summary>
        public long NextAttemptMs { get { return _reconnectAtMs; } }

        /// <summary>A transaction message is on the wire and its answer has not come yet.</summary>
        public bool AwaitingTransactionAnswer { get { return _outstandingTx != null && Online; } }
        public bool Online { get { return LinkState == OcppStatus.LinkOpen; } }
        public bool Accepted { get { return BootStatus == OcppStatus.BootAccepted; } }
        public string ReportedStatus { get { return _reportedStatus; } }
        public Logger Log { get { return _log; } }
        public long NowMs { get { return _clock.UptimeMs; } }
        public string Timestamp { get { return Iso8601.Format(_clock.UtcNow); } }

        // ---- the table of incoming actions: adding an action is adding a class -----------------

        void RegisterHandlers()
        {
            _handlers["RemoteStartTransaction"] = new Handlers.RemoteStartTransaction(Session, this, ConnectorId);
            _handlers["RemoteStopTransaction"] = new Handlers.RemoteStopTransaction(Session, this);
            _handlers["Reset"] = new Handlers.Reset(Session, _log);
            _handlers["ChangeAvailability"] = new Handlers.ChangeAvailability(Session.Availability, Session.Store, ConnectorId);
            _handlers["ChangeConfiguration"] = new Handlers.ChangeConfiguration(this);
            _handlers["GetConfiguration"] = new Handlers.GetConfiguration(Keys);
            _handlers["ClearCache"] = new Handlers.ClearCache(Cache, _log);
            _handlers["SendLocalList"] = new Handlers.SendLocalList(LocalList, _log);
            _handlers["GetLocalListVersion"] = new Handlers.GetLocalListVersion(LocalList, Keys);
            _handlers["DataTransfer"] = new Handlers.DataTransfer();
            _handlers["UnlockConnector"] = new Handlers.UnlockConnector(Session, ConnectorId);
            _handlers["TriggerMessage"] = new Handlers.TriggerMessage(this);
            _handlers["SetChargingProfile"] = new Handlers.SetChargingProfile(Profiles, Session, _clock, ConnectorId, this);
            _handlers["ClearChargingProfile"] = new Handlers.ClearChargingProfile(Profiles, this);
            _handlers["GetCompositeSchedule"] = new Handlers.GetCompositeSchedule(Profiles, Session, _clock, Settings, Charging.Status, ConnectorId);
            _handlers["InstallCertificate"] = new Handlers.InstallCertificate(Certificates, this, _log);
            _handlers["GetInstalledCertificateIds"] = new Handlers.GetInstalledCertificateIds(Certificates);
            _handlers["DeleteCertificate"] = new Handlers.DeleteCertificate(Certificates, this);
        }

        /// <summary>Actions of OCPP 1.6 that this charge point knows but does not support.</summary>
        static readonly string[] KnownUnsupported = new string[]
        {
            "CancelReservation", "GetDiagnostics", "GetLocalListVersion", "ReserveNow", "SendLocalList", "UpdateFirmware", "CertificateSigned",
            "ExtendedTriggerMessage", "GetLog", "SignedUpdateFirmware",
        };

        // ---- link ---------------------------------------------------------------------------------

        byte[] Password()
        {
            string hex = Keys.Get(ConfigKeys.AuthorizationKey);
            if (hex.Length > 0) return Hex.Decode(hex);
            return System.Text.Encoding.UTF8.GetBytes(Settings.GetText(SettingsCatalog.OcppPassword));
        }

        /// <summary>The security profile in force: the setting, or higher when the backend raised it.</summary>
        public int SecurityProfile
        {
            get
            {
                int fromKey = Keys.GetInt(ConfigKeys.SecurityProfile);
                int fromSetting = Settings.GetNumber(SettingsCatalog.OcppSecurityProfile);
                return fromKey > fromSetting ? fromKey : fromSetting;
            }
        }

        /// <summary>Warnings for the status page (for example a TLS link whose server is not checked).</summary>
        public string SecurityWarning;

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
                material.CaPem = Certificates.CaPem;
                if (material.CaPem == null) SecurityWarning = "no CA certificate stored: the backend's certificate is not checked";
                if (profile == 3)
                {
                    if (!Certificates.HasClientPair) { LinkFailed(_generation, "security profile 3 needs a client certificate and key"); return; }
                    material.ClientCertificatePem = Certificates.ClientCertificatePem;
                    material.ClientKeyPem = Certificates.ClientKeyPem;
                }
                if (SecurityWarning != null) _log.Warning("ocpp", SecurityWarning);
            }
            string auth = null;
            // Profile 3 authenticates with the client certificate only.
            if (profile < 3 && (profile >= 1 || Keys.Get(ConfigKeys.AuthorizationKey).Length > 0
                || Settings.GetText(SettingsCatalog.OcppPassword).Length > 0))
                auth = OcppUrl.BasicAuth(ChargeBoxId, Password());
            LinkState = OcppStatus.LinkConnecting;
            _generation = _link.Connect(OcppUrl.Join(Url, ChargeBoxId), auth, Keys.GetInt(ConfigKeys.WebSocketPingInterval), material);
        }

        /// <summary>Drops the link and connects again at once (a new AuthorizationKey).</summary>
        public void Reconnect()
        {
            if (!IsOn) return;
            _link.Close();
            LinkDown("reconnect requested");
            _reconnectAtMs = NowMs;
        }

        void ScheduleReconnect()
        {
            _backoffS = _backoffS == 0 ? 2 : Math.Min(_backoffS * 2, MaxBackoffS);
            // Up to 50 % random jitter so a fleet does not reconnect in lock-step.
            long delayMs = _backoffS * 1000L + _random.Next(_backoffS * 500 + 1);
            _reconnectAtMs = NowMs + delayMs;
            LinkState = OcppStatus.LinkWaiting;
        }

        public void LinkOpened(int generation)
        {
            if (generation != _generation) return;
            LinkState = OcppStatus.LinkOpen;
            LastLinkError = "";
            LastConnectedMs = NowMs;
            _failureRecorded = false;
            _backoffS = 0;
            _log.Info("ocpp", "connected to " + OcppUrl.Join(Url, ChargeBoxId));
            if (!Accepted) _bootAtMs = NowMs;
            else _statusSentForBoot = false;   // after a reconnect, tell the current status again
        }

        public void LinkFailed(int generation, string error)
        {
            if (generation != _generation) return;
            LastLinkError = error;
            if (!_failureRecorded && error != null)
            {
                // Once per streak of failures, told to the backend when a good connection is made.
                if (error.StartsWith("server certificate refused")) { SecurityEvent("InvalidCentralSystemCertificate", error); _failureRecorded = true; }
                else if (error == "HTTP 401") { SecurityEvent("FailedToAuthenticateAtCentralSystem", error); _failureRecorded = true; }
            }
            ScheduleReconnect();
            _log.Warning("ocpp", "connection failed (" + error + "); next attempt in " + (_reconnectAtMs - NowMs) / 1000 + " s");
        }

        public void LinkClosed(int generation, string reason)
        {
            if (generation != _generation) return;
            LinkDown(reason);
            ScheduleReconnect();
        }

        void LinkDown(string reason)
        {
            _generation = -1;
            LinkState = OcppStatus.LinkWaiting;
            LastLinkError = reason;
            _log.Warning("ocpp", "disconnected: " + reason);
            FailOutstanding("Disconnected", false);
        }

        // ---- sending --------------------------------------------------------------------------------

        /// <summary>Queues a CALL that is not part of a transaction (dropped when offline).</summary>
        public void Enqueue(IOcppCall call)
        {
            if (_pending.Count >= MaxPendingCalls) { _log.Warning("ocpp", call.Action + " dropped: too many calls waiting"); return; }
            _pending.Add(call);
            if (!_handlingIncoming) SendNext();   // else after our answer has gone out
        }

        bool _handlingIncoming;

        string NextMessageId()
        {
            _messageSeq++;
            return _bootId + "-" + _messageSeq;
        }

        void Send(string action, IOcppCall call, QueuedMessage tx)
        {
            string id = NextMessageId();
            _out.Reset();
            _out.StartArray().Int(2).String(id).String(action);
            if (call != null) call.Write(_out);
            else Session.WriteQueued(_out, tx);
            _out.EndArray();
            if (!_link.Send(_out.Buffer, _out.Length))
            {
                if (call != null) call.OnError("Disconnected");
                return;
            }
            _outstanding = call;
            _outstandingTx = tx;
            _outstandingId = id;
            _outstandingSinceMs = NowMs;
            _lastSentMs = NowMs;
        }

        void SendNext()
        {
            if (!Online || _outstanding != null || _outstandingTx != null || _restart.Rebooting) return;
            long now = NowMs;
            if (!Accepted)
            {
                if (_bootAtMs >= 0 && now >= _bootAtMs)
                {
                    _bootAtMs = -1;
                    _silentUntilBoot = false;
                    Send("BootNotification", new BootCall(this), null);
                }
                return;
            }
            // Transaction messages first, so the backend learns of a transaction before its status.
            QueuedMessage head = Session.Store.Head;
            if (head != null && now >= head.NotBeforeMs)
            {
                Send(head.Action, null, head);
                return;
            }
            if (_pending.Count > 0)
            {
                IOcppCall call = (IOcppCall)_pending[0];
                _pending.RemoveAt(0);
                Send(call.Action, call, null);
                return;
            }
            int heartbeatS = Keys.GetInt(ConfigKeys.HeartbeatInterval);
            if (heartbeatS > 0 && now - _lastSentMs >= heartbeatS * 1000L) Send("Heartbeat", new HeartbeatCall(this), null);
        }

        void FailOutstanding(string code, bool countAttempt)
        {
            IOcppCall call = _outstanding;
            QueuedMessage tx = _outstandingTx;
            _outstanding = null;
            _outstandingTx = null;
            _outstandingId = null;
            if (call != null) call.OnError(code);
            if (tx != null) Session.QueuedFailed(tx, code, countAttempt);
        }

        // ---- receiving ------------------------------------------------------------------------------

        public void MessageReceived(int generation, byte[] message)
        {
            if (generation != _generation) return;
            _handlingIncoming = true;
            int reply;
            try { reply = HandleIncoming(message); }
            finally { _handlingIncoming = false; }
            if (reply > 0)
            {
                _link.Send(_out.Buffer, reply);
                _lastSentMs = NowMs;
            }
            Session.AfterReply();
            SendNext();   // an answer frees the one CALL slot: the next message goes at once
        }

        /// <summary>The reply written by <see cref="HandleIncoming"/>.</summary>
        public byte[] ReplyBuffer { get { return _out.Buffer; } }

        /// <summary>Handles one message from the backend. Returns the length of the reply to send
        /// (in ReplyBuffer), or 0 when nothing is to be sent. A null message was too large.</summary>
        public int HandleIncoming(byte[] message)
        {
            if (message == null) return ReplyError("-1", OcppErrorCode.FormationViolation, "message larger than " + OcppLink.MaxMessageBytes + " bytes");
            ArrayList frame;
            try
            {
                _in.Reset(message, 0, message.Length);
                _in.Read();
                frame = JsonDom.ReadValue(_in) as ArrayList;
                _in.Read();
            }
            catch (JsonException e)
            {
                return ReplyError("-1", OcppErrorCode.FormationViolation, "not JSON: " + e.Message);
            }
            if (frame == null || frame.Count < 3 || !(frame[0] is JsonNumber) || !(frame[1] is string))
            {
                return ReplyError(frame != null && frame.Count > 1 && frame[1] is string ? (string)frame[1] : "-1",
                                  OcppErrorCode.FormationViolation, "not an OCPP-J message array");
            }
            long type = ((JsonNumber)frame[0]).Milli;
            string id = (string)frame[1];
            if (type == 2000) return HandleCall(id, frame);
            if (type == 3000) HandleResult(id, frame);
            else if (type == 4000) HandleError(id, frame);
            else return ReplyError(id, OcppErrorCode.FormationViolation, "unknown message type");
            return 0;
        }

        int HandleCall(string id, ArrayList frame)
        {
            if (_silentUntilBoot) return 0;   // Rejected: answer nothing until the interval passed
            if (frame.Count != 4 || !(frame[2] is string)) return ReplyError(id, OcppErrorCode.FormationViolation, "a CALL has 4 elements");
            string action = (string)frame[2];
            Hashtable payload = frame[3] as Hashtable;
            if (payload == null) return ReplyError(id, OcppErrorCode.FormationViolation, "the payload must be an object");
            IOcppHandler handler = (IOcppHandler)_handlers[action];
            if (handler == null)
            {
                for (int i = 0; i < KnownUnsupported.Length; i++)
                {
                    if (KnownUnsupported[i] == action) return ReplyError(id, OcppErrorCode.NotSupported, action + " is not supported");
                }
                return ReplyError(id, OcppErrorCode.NotImplemented, "unknown action " + action);
            }
            _out.Reset();
            _out.StartArray().Int(3).String(id);
            try
            {
                handler.Handle(new Payload(payload), _out);
            }
            catch (OcppException e)
            {
                return ReplyError(id, e.Code, e.Message);
            }
            catch (Exception e)
            {
                _log.Error("ocpp", action + " failed: " + Failure.Describe(e));
                return ReplyError(id, OcppErrorCode.InternalError, "internal error");
            }
            _out.EndArray();
            return _out.Length;
        }

        void HandleResult(string id, ArrayList frame)
        {
            if (id != _outstandingId) return;   // late or unknown: ignored
            Hashtable payload = frame.Count == 3 ? frame[2] as Hashtable : null;
            IOcppCall call = _outstanding;
            QueuedMessage tx = _outstandingTx;
            _outstanding = null;
            _outstandingTx = null;
            _outstandingId = null;
            if (payload == null)
            {
                if (call != null) call.OnError(OcppErrorCode.FormationViolation);
                if (tx != null) Session.QueuedFailed(tx, OcppErrorCode.FormationViolation, true);
                return;
            }
            try
            {
                if (call != null) call.OnResult(new Payload(payload));
                if (tx != null) Session.QueuedDelivered(tx, new Payload(payload));
            }
            catch (OcppException e)
            {
                _log.Warning("ocpp", "bad answer to " + (call != null ? call.Action : tx.Action) + ": " + e.Message);
                if (tx != null) Session.QueuedDelivered(tx, null);
            }
        }

        void HandleError(string id, ArrayList frame)
        {
            if (id != _outstandingId) return;
            string code = frame.Count > 2 && frame[2] is string ? (string)frame[2] : "GenericError";
            _log.Warning("ocpp", "CALLERROR " + code + " for " + (_outstanding != null ? _outstanding.Action : _outstandingTx != null ? _outstandingTx.Action : "?"));
            FailOutstanding(code, true);
        }

        int ReplyError(string id, string code, string description)
        {
            _out.Reset();
            if (description.Length > 255) description = description.Substring(0, 255);
            _out.StartArray().Int(4).String(id).String(code).String(description).StartObject().EndObject().EndArray();
            return _out.Length;
        }

        // ---- boot -----------------------------------------------------------------------------------

        internal void BootAnswered(string status, int intervalS, DateTime time, bool hasTime)
        {
            BootStatus = status;
            if (hasTime) _clock.SetUtc(time);
            if (status == OcppStatus.BootAccepted)
            {
                if (intervalS > 0) Keys.Set(ConfigKeys.HeartbeatInterval, intervalS.ToString());
                _statusSentForBoot = false;
                _log.Info("ocpp", "boot accepted, heartbeat every " + Keys.GetInt(ConfigKeys.HeartbeatInterval) + " s");
                Session.BootAccepted();
                return;
            }
            int retryS = intervalS > 0 ? intervalS : MinRejectedRetryS;
            if (status == OcppStatus.BootRejected && retryS < MinRejectedRetryS) retryS = MinRejectedRetryS;
            _bootAtMs = NowMs + retryS * 1000L;
            _silentUntilBoot = status == OcppStatus.BootRejected;
            _log.Warning("ocpp", "boot " + status + ", next BootNotification in " + retryS + " s");
        }

        internal void BootFailed()
        {
            _bootAtMs = NowMs + MinRejectedRetryS * 1000L;
        }

        /// <summary>TriggerMessage BootNotification: boot again (the accepted state stays until answered).</summary>
        public void TriggerBoot()
        {
            Enqueue(new BootCall(this));
        }

        // ---- status ---------------------------------------------------------------------------------

        /// <summary>Sends the current status now (TriggerMessage StatusNotification).</summary>
        public void TriggerStatus(bool includeConnectorZero)
        {
            if (includeConnectorZero) Enqueue(new StatusCall(0, Session.ChargePointStatus(), "NoError", null, Timestamp));
            string status = Session.ComputeStatus();
            Enqueue(new StatusCall(ConnectorId, status, Session.ErrorCode(), Session.ErrorInfo(), Timestamp));
            _reportedStatus = status;
        }

        void TrackStatus(long now)
        {
            string status = Session.ComputeStatus();
            if (status != _candidateStatus)
            {
                _candidateStatus = status;
                _candidateSinceMs = now;
            }
            if (!Accepted || !Online) return;
            if (!_statusSentForBoot)
            {
                _statusSentForBoot = true;
                TriggerStatus(true);
                return;
            }
            if (_candidateStatus == _reportedStatus) return;
            if (now - _candidateSinceMs < Keys.GetInt(ConfigKeys.MinimumStatusDuration) * 1000L) return;
            _reportedStatus = _candidateStatus;
            Enqueue(new StatusCall(ConnectorId, _reportedStatus, Session.ErrorCode(), Session.ErrorInfo(), Timestamp));
        }

        // ---- the tick -------------------------------------------------------------------------------

        public void Run()
        {
            if (!IsOn) return;
            long now = NowMs;
            if (_reconnectAtMs >= 0 && now >= _reconnectAtMs && LinkState != OcppStatus.LinkOpen)
            {
                _reconnectAtMs = -1;
                Connect();
            }
            if (_outstandingId != null && now - _outstandingSinceMs >= Keys.GetInt(ConfigKeys.MessageTimeout) * 1000L)
            {
                _log.Warning("ocpp", "no answer within MessageTimeout");
                FailOutstanding("Timeout", true);
            }
            Session.Tick(now);
            if (Accepted && Online && _securityEvents.Count > 0) _securityEvents.Flush(this);
            ApplyProfiles();
            TrackStatus(now);
            SendNext();
        }

        public void Stop()
        {
            if (_link != null) _link.Stop();
        }

        // ---- smart charging -------------------------------------------------------------------------

        /// <summary>Hands the composite limit to the charging core when it changed (at once after a
        /// profile change, and as schedules move on).</summary>
        public void ApplyProfiles()
        {
            if (!Charging.Ocpp.Active) return;
            long limit = Profiles.LimitFor(_clock.UtcNow, ConnectorId, Session.Current);
            int deciAmps = limit < 0 ? -1 : limit > int.MaxValue ? int.MaxValue : (int)limit;
            if (deciAmps == Charging.Ocpp.LimitDeciAmps) return;
            Charging.Ocpp.LimitDeciAmps = deciAmps;
            _log.Info("ocpp", deciAmps < 0 ? "no charging profile limits" : "charging profile limit " + Numbers.Tenths(deciAmps) + " A");
            Charging.InputsChanged();
        }
    }
}
