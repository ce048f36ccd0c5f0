using System;
using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>
    /// Authorization and transactions of the connector: the fixed idTag or an RFID card, Authorize,
    /// StartTransaction, MeterValues and StopTransaction through the persistent queue, power-loss
    /// recovery, availability and the connector status. On the core thread.
    /// </summary>
    public sealed class ChargeSession : IAvailabilityListener
    {
        const long NoCurrentForSuspendedEvMs = 10000;

        readonly OcppClient _c;
        readonly IBoard _board;
        readonly Settings _settings;
        readonly ChargingCore _charging;
        readonly IRestart _restart;
        public readonly TransactionStore Store;
        readonly JsonWriter _members = new JsonWriter(512, 8192);

        string _authTag;
        bool _authorized;
        bool _authorizing;
        long _authUntilMs;
        bool _wasPlugged;
        bool _freeVendDue;
        bool _finishing;
        bool _invalidSuspended;
        bool _everAccepted;
        long _nextSampleMs = -1;
        long _nextAlignedMs = -1;
        long _noCurrentSinceMs = -1;
        long _rebootAtMs = -1;
        ICoreWork _afterReply;

        public ChargeSession(OcppClient client, IBoard board, Settings settings, ChargingCore charging, IRestart restart)
        {
            _c = client;
            _board = board;
            _settings = settings;
            _charging = charging;
            _restart = restart;
            Store = new TransactionStore(board.Storage, client.Log);
            Store.Load();
            Availability = new Availability(board.Storage, client.Log);
            Availability.Changed = this;
            if (Store.Current != null)
            {
                // The box went down during a transaction: it is over. Queued now, sent after the next Accepted boot.
                client.Log.Warning("ocpp", "transaction " + Store.Current.Local + " was open at start-up: stopping it with reason PowerLoss");
                Stop("PowerLoss");
            }
            Publish();
        }

        public TxRecord Current { get { return Store.Current; } }

        /// <summary>ChangeAvailability's state, kept apart from the transactions.</summary>
        public readonly Availability Availability;

        public void AvailabilityChanged() { Publish(); }

        // Where authorization stands, for the status page's reason.
        public const int AuthNone = 0, AuthWaiting = 1, AuthAccepted = 2, AuthRefused = 3;
        public int AuthState;
        /// <summary>The tag of the last authorization, and why it was refused.</summary>
        public string AuthTag = "", AuthRefusal = "";
        /// <summary>The last transaction stopped and its OCPP stop reason.</summary>
        public int LastStoppedLocal = -1;
        public string LastStopReason = "";

        /// <summary>The fixed idTag waits for the backend's first Accepted boot.</summary>
        public bool FreeVendWaiting { get { return _freeVendDue && Store.Current == null && !_authorized && !_authorizing; } }
        public bool Operative { get { return Availability.Operative; } }

        bool Plugged
        {
            get
            {
                int cp = _charging.Status.CpState;
                return cp == CpState.B || cp == CpState.C || cp == CpState.D;
            }
        }

        // ---- what the charging core sees ------------------------------------------------------------

        void Publish()
        {
            OcppPermission p = _charging.Ocpp;
            bool running = Store.Current != null && !_invalidSuspended;
            if (p.TransactionRunning == running && p.Operative == Availability.Operative) return;
            p.TransactionRunning = running;
            p.Operative = Availability.Operative;
            _charging.InputsChanged();
        }

        // ---- events ---------------------------------------------------------------------------------

        public void BootAccepted()
        {
            _everAccepted = true;
        }

        public void Tick(long now)
        {
            if (_rebootAtMs >= 0 && now >= _rebootAtMs && (Store.Count == 0 || now - _rebootAtMs > 10000))
            {
                _rebootAtMs = -1;
                _restart.Reboot();
                return;
            }
            IRfidReader reader = _board.Rfid;
            if (reader.IsFitted)
            {
                string card = reader.PollCard();
                if (card != null) OnCard(card);
            }
            bool plugged = Plugged;
            if (plugged && !_wasPlugged) OnPlugged();
            if (!plugged && _wasPlugged) OnUnplugged();
            _wasPlugged = plugged;
            FreeVend();

            if (_authorized && Store.Current == null)
            {
                if (plugged && Availability.Operative && _charging.Fault == FaultKind.None) StartTransaction(now);
                else if (now >= _authUntilMs)
                {
                    _c.Log.Info("ocpp", "authorization of " + _authTag + " expired: no EV within ConnectionTimeOut");
                    _authorized = false;
                }
            }
            SampleMeterValues(now);
            Publish();
        }

        void OnPlugged()
        {
            _finishing = false;
            _freeVendDue = _settings.GetText(SettingsCatalog.OcppIdTag).Length > 0;
        }

        /// <summary>Free vend: the fixed idTag is authorized once per plug-in, as soon as the backend
        /// has accepted us (or offline rules allow it).</summary>
        void FreeVend()
        {
            if (!_freeVendDue || Store.Current != null || _authorized || _authorizing) return;
            if (!_c.Accepted && !_everAccepted) return;
            _freeVendDue = false;
            Authorize(_settings.GetText(SettingsCatalog.OcppIdTag));
        }

        void OnUnplugged()
        {
            _finishing = false;
            _freeVendDue = false;
            if (Store.Current != null && _c.Keys.GetBool(ConfigKeys.StopTransactionOnEVSideDisconnect)) Stop("EVDisconnected");
            _authorized = false;
            AuthState = AuthNone;   // a verdict belongs to its plug-in
        }

        void OnCard(string tag)
        {
            _charging.Status.LastIdTag = tag;
            _c.Log.Info("ocpp", "card " + tag + " presented");
            if (Store.Current != null)
            {
                if (tag == Store.Current.IdTag) Stop("Local");
                return;
            }
            Authorize(tag);
        }

        // ---- authorization --------------------------------------------------------------------------

        void Authorize(string tag)
        {
            _authTag = tag;
            _authorized = false;
            AuthTag = tag;
            AuthState = AuthWaiting;
            if (_c.Online && _c.Accepted)
            {
                // LocalPreAuthorize: a tag the list or cache holds as valid starts at once.
                IdTagEntry known = KnownLocally(tag);
                if (known != null && known.ValidAt(_board.Clock.UtcNow) && _c.Keys.GetBool(ConfigKeys.LocalPreAuthorize))
                {
                    _c.Log.Info("ocpp", "idTag " + tag + ": Accepted locally (LocalPreAuthorize)");
                    Authorized(tag);
                    return;
                }
                _authorizing = true;
                _c.Enqueue(new AuthorizeCall(this, tag));
            }
            else AuthorizeOffline(tag);
        }

        /// <summary>Offline: a tag in the Local Authorization List or the cache counts as it is stored
        /// there (LocalAuthorizeOffline); an unknown tag only with AllowOfflineTxForUnknownId, and
        /// only once the backend has ever accepted this box.</summary>
        void AuthorizeOffline(string tag)
        {
            _authorizing = false;
            IdTagEntry known = KnownLocally(tag);
            bool allowed;
            string why;
            if (known == null)
            {
                allowed = _everAccepted && _c.Keys.GetBool(ConfigKeys.AllowOfflineTxForUnknownId);
                why = allowed ? "unknown, allowed (AllowOfflineTxForUnknownId)" : "unknown, not authorized";
            }
            else if (_c.Keys.GetBool(ConfigKeys.LocalAuthorizeOffline))
            {
                allowed = known.ValidAt(_board.Clock.UtcNow);
                why = allowed ? "accepted locally" : known.Status == "Accepted" ? "expired locally" : known.Status + " locally";
            }
            else
            {
                allowed = false;
                why = "known locally, but LocalAuthorizeOffline is off";
            }
            _c.Log.Info("ocpp", "offline: " + tag + " " + why);
            if (allowed) Authorized(tag);
            else Refused(tag, known == null ? "backend offline and unknown tags are not allowed offline" : "backend offline and " + tag + " is " + why);
        }

        /// <summary>The Local Authorization List first (it outranks the cache), then the cache;
        /// each only while switched on.</summary>
        IdTagEntry KnownLocally(string tag)
        {
            if (_c.Keys.GetBool(ConfigKeys.LocalAuthListEnabled))
            {
                IdTagEntry listed = _c.LocalList.Find(tag);
                if (listed != null) return listed;
            }
            return _c.Keys.GetBool(ConfigKeys.AuthorizationCacheEnabled) ? _c.Cache.Find(tag) : null;
        }

        /// <summary>Keeps the backend's verdict on a tag in the cache (tags of the local list are not cached).</summary>
        void Remember(string tag, string status, DateTime expiry)
        {
            if (!_c.Keys.GetBool(ConfigKeys.AuthorizationCacheEnabled)) return;
            if (_c.Keys.GetBool(ConfigKeys.LocalAuthListEnabled) && _c.LocalList.Find(tag) != null) return;
            // Free vend asks for the same tag at every plug-in: write the flash only on a change.
            if (_c.Cache.Put(tag, status, expiry == DateTime.MinValue ? 0 : expiry.Ticks, true)) _c.Cache.Save();
        }

        internal void AuthorizeAnswered(string tag, string status, DateTime expiry)
        {
            _authorizing = false;
            Remember(tag, status, expiry);
            if (tag != _authTag) return;
            _c.Log.Info("ocpp", "idTag " + tag + ": " + status);
            if (status == "Accepted") Authorized(tag);
            else Refused(tag, "the backend answered " + status + " for " + tag);
        }

        void Refused(string tag, string why)
        {
            AuthTag = tag;
            AuthState = AuthRefused;
            AuthRefusal = why;
        }

        internal void AuthorizeFailed(string tag)
        {
            if (tag == _authTag) AuthorizeOffline(tag);
        }

        void Authorized(string tag)
        {
            _authTag = tag;
            _authorized = true;
            AuthTag = tag;
            AuthState = AuthAccepted;
            _authUntilMs = _c.NowMs + _c.Keys.GetInt(ConfigKeys.ConnectionTimeOut) * 1000L;
        }

        ChargingProfile _remoteProfile;

        /// <summary>RemoteStartTransaction accepted: authorize the tag (or ask the backend first).
        /// A TxProfile that came with it is installed when the transaction starts.</summary>
        public void RemoteStart(string tag, ChargingProfile profile)
        {
            _remoteProfile = profile;
            _charging.Status.LastIdTag = tag;
            if (_c.Keys.GetBool(ConfigKeys.AuthorizeRemoteTxRequests)) Authorize(tag);
            else Authorized(tag);
        }

        // ---- transactions ---------------------------------------------------------------------------

        void StartTransaction(long now)
        {
            string tag = _authTag;
            _authorized = false;
            _invalidSuspended = false;
            long meterStart = _charging.Energy.Wh;
            string time = _c.Timestamp;
            _members.Reset();
            _members.StartObject().Property("connectorId", _c.ConnectorId).Property("idTag", tag)
                    .Property("meterStart", meterStart).Property("timestamp", time).EndObject();
            TxRecord tx = Store.Begin(tag, meterStart, time, _c.ConnectorId, Members());
            _charging.Energy.Persist();
            if (_remoteProfile != null)
            {
                _c.Profiles.Set(_c.ConnectorId, _remoteProfile, _c.ConnectorId, tx.Local, TransactionStore.Unknown, _board.Clock.UtcNow);
                _remoteProfile = null;
            }
            _c.ApplyProfiles();
            _charging.Status.LastIdTag = tag;
            _nextSampleMs = now + SampleIntervalMs();
            _c.Log.Info("ocpp", "transaction " + tx.Local + " started for " + tag + " at " + meterStart + " Wh");
            Publish();
        }

        /// <summary>Ends the running transaction with an OCPP stop reason.</summary>
        public void Stop(string reason)
        {
            TxRecord tx = Store.Current;
            if (tx == null) return;
            string time = _c.Timestamp;
            _members.Reset();
            long meterStop = _charging.Energy.Wh < tx.MeterStartWh ? tx.MeterStartWh : _charging.Energy.Wh;
            _members.StartObject().Property("idTag", tx.IdTag).Property("meterStop", meterStop).Property("timestamp", time).Property("reason", reason);
            string stopData = _c.Keys.Get(ConfigKeys.StopTxnSampledData);
            if (stopData.Length > 0)
            {
                _members.Name("transactionData").StartArray();
                MeterValuesWriter.WriteMeterValue(_members, time, stopData, "Transaction.End", _charging.Status);
                _members.EndArray();
            }
            _members.EndObject();
            Store.End(Members());
            LastStoppedLocal = tx.Local;
            LastStopReason = reason;
            _charging.Energy.Persist();
            _c.Profiles.TransactionEnded(tx.Local);
            _c.ApplyProfiles();
            _finishing = Plugged;
            _invalidSuspended = false;
            _c.Log.Info("ocpp", "transaction " + tx.Local + " stopped (" + reason + ") at " + _charging.Energy.Wh + " Wh");
            Availability.TransactionEnded();
            Publish();
        }

        /// <summary>The members of the object just written, without the braces, as UTF-8.</summary>
        byte[] Members()
        {
            byte[] m = new byte[_members.Length - 2];
            System.Array.Copy(_members.Buffer, 1, m, 0, m.Length);
            return m;
        }

        long SampleIntervalMs() { return _c.Keys.GetInt(ConfigKeys.MeterValueSampleInterval) * 1000L; }

        void SampleMeterValues(long now)
        {
            TxRecord tx = Store.Current;
            long interval = SampleIntervalMs();
            if (tx != null && interval > 0 && now >= _nextSampleMs)
            {
                _nextSampleMs = now + interval;
                Store.AddMeterValues(tx.Local, MeterValuesMembers(_c.Keys.Get(ConfigKeys.MeterValuesSampledData), "Sample.Periodic"));
            }
            int alignedS = _c.Keys.GetInt(ConfigKeys.ClockAlignedDataInterval);
            if (alignedS <= 0) { _nextAlignedMs = -1; return; }
            if (_nextAlignedMs < 0 || now >= _nextAlignedMs)
            {
                // The next boundary of the interval counted from midnight UTC.
                System.DateTime utc = _board.Clock.UtcNow;
                long msOfDay = utc.TimeOfDay.Ticks / System.TimeSpan.TicksPerMillisecond;
                long toNext = alignedS * 1000L - msOfDay % (alignedS * 1000L);
                if (_nextAlignedMs >= 0)
                {
                    byte[] members = MeterValuesMembers(_c.Keys.Get(ConfigKeys.MeterValuesAlignedData), "Sample.Clock");
                    if (tx != null) Store.AddMeterValues(tx.Local, members);
                    else if (_c.Online && _c.Accepted) _c.Enqueue(new MeterValuesCall(members, -1));
                }
                _nextAlignedMs = now + toNext;
            }
        }

        public byte[] MeterValuesMembers(string measurands, string context)
        {
            _members.Reset();
            _members.StartObject().Property("connectorId", _c.ConnectorId).Name("meterValue").StartArray();
            MeterValuesWriter.WriteMeterValue(_members, _c.Timestamp, measurands, context, _charging.Status);
            _members.EndArray().EndObject();
            return Members();
        }

        /// <summary>TriggerMessage MeterValues: sent at once, with the transaction id when charging.</summary>
        public void TriggerMeterValues()
        {
            byte[] members = MeterValuesMembers(_c.Keys.Get(ConfigKeys.MeterValuesSampledData), "Trigger");
            TxRecord tx = Store.Current;
            int id = tx == null ? -1 : Store.ServerId(tx.Local);
            _c.Enqueue(new MeterValuesCall(members, id));
        }

        // ---- the queue ------------------------------------------------------------------------------

        public void WriteQueued(JsonWriter w, QueuedMessage m)
        {
            w.StartObject();
            if (m.Action != "StartTransaction")
            {
                int id = Store.ServerId(m.LocalTx);
                w.Property("transactionId", id >= 0 ? id : TransactionStore.NoServerId);
            }
            w.RawMembers(m.Members, 0, m.Members.Length);
            w.EndObject();
        }

        internal void QueuedDelivered(QueuedMessage m, Payload result)
        {
            if (m.Action == "StartTransaction" && result != null)
            {
                int id = result.Int("transactionId", true, 0);
                Store.SetServerId(m.LocalTx, id);
                Payload info = result.Object("idTagInfo", true);
                string status = info.String("status", 20, true);
                TxRecord started = Store.Current != null && Store.Current.Local == m.LocalTx ? Store.Current : null;
                if (started != null) Remember(started.IdTag, status, info.Time("expiryDate", false, DateTime.MinValue));
                if (status != "Accepted" && started != null)
                {
                    _c.Log.Warning("ocpp", "StartTransaction answered " + status);
                    if (_c.Keys.GetBool(ConfigKeys.StopTransactionOnInvalidId)) { Store.CompleteHead(); Stop("DeAuthorized"); return; }
                    _invalidSuspended = true;
                    Publish();
                }
            }
            Store.CompleteHead();
        }

        internal void QueuedFailed(QueuedMessage m, string code, bool countAttempt)
        {
            if (!countAttempt) return;   // the link went down: it goes again once connected
            int attempts = _c.Keys.GetInt(ConfigKeys.TransactionMessageAttempts);
            long retryAt = _c.NowMs + _c.Keys.GetInt(ConfigKeys.TransactionMessageRetryInterval) * 1000L * (m.Attempts + 1);
            Store.FailHead(attempts, retryAt);
        }

        // ---- remote control -------------------------------------------------------------------------

        /// <summary>Runs once the CALLRESULT has gone out (e.g. a reset after "Accepted").</summary>
        public void RunAfterReply(ICoreWork work) { _afterReply = work; }

        internal void AfterReply()
        {
            ICoreWork w = _afterReply;
            _afterReply = null;
            if (w != null) w.Run();
        }

        /// <summary>Soft reset: stop gracefully, give the queue a moment, restart.</summary>
        public void SoftReset()
        {
            Stop("SoftReset");
            _rebootAtMs = _c.NowMs + 2000;
        }

        /// <summary>Hard reset: the stop is queued (sent after the next Accepted boot); restart now.</summary>
        public void HardReset()
        {
            Stop("HardReset");
            _restart.Reboot();
        }

        // ---- status ---------------------------------------------------------------------------------

        public string ComputeStatus()
        {
            if (_charging.Fault != FaultKind.None) return OcppStatus.Faulted;
            ChargingStatus s = _charging.Status;
            // Without a backend there is no transaction: a plugged car's status follows the pilot
            // and the contactor alone, as it does during a transaction.
            if (Store.Current != null || (!_c.IsOn && Plugged && Availability.Operative))
            {
                if (s.OfferedDeciAmps == 0) { _noCurrentSinceMs = -1; return OcppStatus.SuspendedEVSE; }
                if (s.CpState == CpState.B) return OcppStatus.SuspendedEV;
                bool drawing = s.Meter.CurrentMa[0] >= 500 || s.Meter.CurrentMa[1] >= 500 || s.Meter.CurrentMa[2] >= 500;
                if (drawing || !s.ContactorClosed) { _noCurrentSinceMs = -1; return OcppStatus.Charging; }
                if (_noCurrentSinceMs < 0) _noCurrentSinceMs = _c.NowMs;
                return _c.NowMs - _noCurrentSinceMs >= NoCurrentForSuspendedEvMs ? OcppStatus.SuspendedEV : OcppStatus.Charging;
            }
            if (!Availability.Operative) return OcppStatus.Unavailable;
            if (Plugged) return _finishing ? OcppStatus.Finishing : OcppStatus.Preparing;
            return OcppStatus.Available;
        }

        public string ChargePointStatus()
        {
            if (_charging.Fault != FaultKind.None) return OcppStatus.Faulted;
            return Availability.Operative ? OcppStatus.Available : OcppStatus.Unavailable;
        }

        public string ErrorCode()
        {
            switch (_charging.Fault)
            {
                case FaultKind.Contactor: return "PowerSwitchFailure";
                case FaultKind.OverCurrent: return "OverCurrentFailure";
                case FaultKind.Diode: return "OtherError";
                default: return "NoError";
            }
        }

        public string ErrorInfo()
        {
            return _charging.Fault == FaultKind.None ? null : FaultKind.Name(_charging.Fault);
        }
    }

    /// <summary>Authorize for a tag; the session decides on the answer.</summary>
    public sealed class AuthorizeCall : IOcppCall
    {
        readonly ChargeSession _session;
        readonly string _tag;

        public AuthorizeCall(ChargeSession session, string tag) { _session = session; _tag = tag; }

        public string Action { get { return "Authorize"; } }

        public void Write(JsonWriter w) { w.StartObject().Property("idTag", _tag).EndObject(); }

        public void OnResult(Payload r)
        {
            Payload info = r.Object("idTagInfo", true);
            _session.AuthorizeAnswered(_tag, info.String("status", 20, true), info.Time("expiryDate", false, DateTime.MinValue));
        }

        public void OnError(string code) { _session.AuthorizeFailed(_tag); }
    }

    /// <summary>A MeterValues CALL outside the transaction queue (clock-aligned without a transaction, triggered).</summary>
    public sealed class MeterValuesCall : IOcppCall
    {
        readonly byte[] _members;
        readonly int _transactionId;

        /// <param name="transactionId">-1 outside a transaction.</param>
        public MeterValuesCall(byte[] members, int transactionId)
        {
            _members = members;
            _transactionId = transactionId;
        }

        public string Action { get { return "MeterValues"; } }

        public void Write(JsonWriter w)
        {
            w.StartObject();
            if (_transactionId >= 0) w.Property("transactionId", _transactionId);
            w.RawMembers(_members, 0, _members.Length).EndObject();
        }

        public void OnResult(Payload r) { }

        public void OnError(string code) { }
    }
}
