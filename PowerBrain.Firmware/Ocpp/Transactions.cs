using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Ocpp.Calls;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>
    /// Transactions of the connector: started when an authorized tag meets a plugged car, stopped
    /// by the car, a card, the backend or a reset; StartTransaction, MeterValues and StopTransaction
    /// through the persistent queue; a transaction open at start-up ends with PowerLoss. Tells the
    /// charging core whether a transaction runs and the connector is operative. On the core thread.
    /// </summary>
    public sealed class Transactions : IOutbox, IAvailabilityListener, IProfileLimit
    {
        public readonly TransactionStore Store;
        readonly Authorization _authorization;
        readonly Reservations _reservations;
        readonly Availability _availability;
        readonly SmartCharging _profiles;
        readonly ChargingCore _charging;
        readonly ConfigKeys _keys;
        readonly IBackendState _backend;
        readonly OcppRpc _rpc;
        readonly IClock _clock;
        readonly IRfidReader _rfid;
        readonly Logger _log;
        readonly int _connectorId;
        readonly JsonWriter _members = new JsonWriter(512, 8192);
        bool _wasPlugged;
        bool _invalidSuspended;
        long _nextSampleMs = -1;
        long _nextAlignedMs = -1;
        ChargingProfile _remoteProfile;
        /// <summary>The running transaction's parentIdTag as the backend told it (null: unknown).</summary>
        string _parent;

        /// <summary>The car, or a cable in the socket, is still there after its transaction ended (status Finishing).</summary>
        public bool Finishing;
        /// <summary>The last transaction stopped and its OCPP stop reason.</summary>
        public int LastStoppedLocal = -1;
        public string LastStopReason = "";

        public Transactions(TransactionStore store, Authorization authorization, Reservations reservations, Availability availability, SmartCharging profiles,
                            ChargingCore charging, ConfigKeys keys, IBackendState backend, OcppRpc rpc, IBoard board, Logger log, int connectorId)
        {
            Store = store;
            _authorization = authorization;
            _reservations = reservations;
            _availability = availability;
            _profiles = profiles;
            _charging = charging;
            _keys = keys;
            _backend = backend;
            _rpc = rpc;
            _clock = board.Clock;
            _rfid = board.Rfid;
            _log = log;
            _connectorId = connectorId;
            availability.Changed = this;
            if (store.Current != null)
            {
                // The box went down during a transaction: it is over. Queued now, sent after the next Accepted boot.
                log.Warning("ocpp", "transaction " + store.Current.Local + " was open at start-up: stopping it with reason PowerLoss");
                Stop("PowerLoss");
            }
            Publish();
        }

        public TxRecord Current { get { return Store.Current; } }

        /// <summary>A car is on the cable (pilot state B, C or D).</summary>
        public bool Plugged
        {
            get
            {
                int cp = _charging.Status.CpState;
                return cp == CpState.B || cp == CpState.C || cp == CpState.D;
            }
        }

        string Timestamp { get { return Iso8601.Format(_clock.UtcNow); } }

        // ---- what the charging core sees ------------------------------------------------------------

        void Publish()
        {
            OcppPermission p = _charging.Ocpp;
            bool running = Store.Current != null && !_invalidSuspended;
            if (p.TransactionRunning == running && p.Operative == _availability.Operative) return;
            p.TransactionRunning = running;
            p.Operative = _availability.Operative;
            _charging.InputsChanged();
        }

        public void AvailabilityChanged() { Publish(); }

        /// <summary>Hands the composite profile limit to the charging core (after a profile change,
        /// a transaction's start or end, and as schedules move on).</summary>
        public void ApplyProfiles()
        {
            _profiles.Apply(_clock.UtcNow, _connectorId, Store.Current, _charging);
        }

        // ---- events ---------------------------------------------------------------------------------

        public void Tick(long now)
        {
            if (_rfid.IsFitted)
            {
                string card = _rfid.PollCard();
                if (card != null) OnCard(card);
            }
            bool plugged = Plugged;
            if (plugged && !_wasPlugged)
            {
                Finishing = false;
                _authorization.Plugged();
            }
            if (!plugged && _wasPlugged) OnUnplugged();
            _wasPlugged = plugged;
            if (Finishing && !plugged && !_charging.Status.CableInSocket) Finishing = false;   // the cable left the socket too
            string stopBy = _authorization.TakeStopBy();
            if (stopBy != null && Store.Current != null) Stop("Local", stopBy);
            _authorization.FreeVend(Store.Current != null);
            if (_authorization.Ready && Store.Current == null)
            {
                if (plugged && _availability.Operative && _charging.Fault == FaultKind.None) Start(now);
                else _authorization.ExpireIfDue(now);
            }
            SampleMeterValues(now);
            Publish();
        }

        void OnUnplugged()
        {
            Finishing = false;
            if (Store.Current != null && _keys.GetBool(ConfigKeys.StopTransactionOnEVSideDisconnect)) Stop("EVDisconnected");
            _authorization.Unplugged();
        }

        /// <summary>A card: it stops its own transaction, or asks to start one.</summary>
        void OnCard(string tag)
        {
            _charging.Status.LastIdTag = tag;
            _log.Info("ocpp", "card " + tag + " presented");
            if (Store.Current != null)
            {
                // Its own card stops it; another only when the backend says it has the same parent.
                if (tag == Store.Current.IdTag) Stop("Local");
                else if (_parent != null) _authorization.AuthorizeToStop(tag, _parent);
                return;
            }
            _authorization.Authorize(tag);
        }

        /// <summary>RemoteStartTransaction accepted: authorize the tag (or ask the backend first).
        /// A TxProfile that came with it is installed when the transaction starts.</summary>
        public void RemoteStart(string tag, ChargingProfile profile)
        {
            _remoteProfile = profile;
            _charging.Status.LastIdTag = tag;
            _authorization.RemoteStart(tag);
        }

        // ---- start and stop -------------------------------------------------------------------------

        void Start(long now)
        {
            _parent = _authorization.AuthorizedParent;
            string tag = _authorization.Take();
            _invalidSuspended = false;
            long meterStart = _charging.Energy.Wh;
            string time = Timestamp;
            int reservationId = _reservations.Consume();   // authorization let only its tags through
            _members.Reset();
            _members.StartObject().Property("connectorId", _connectorId).Property("idTag", tag).Property("meterStart", meterStart);
            if (reservationId >= 0) _members.Property("reservationId", reservationId);
            _members.Property("timestamp", time).EndObject();
            TxRecord tx = Store.Begin(tag, meterStart, time, _connectorId, Members());
            _charging.Energy.Persist();
            if (_remoteProfile != null)
            {
                _profiles.Set(_connectorId, _remoteProfile, _connectorId, tx.Local, TransactionStore.Unknown, _clock.UtcNow);
                _remoteProfile = null;
            }
            ApplyProfiles();
            _charging.Status.LastIdTag = tag;
            _nextSampleMs = now + SampleIntervalMs();
            _log.Info("ocpp", "transaction " + tx.Local + " started for " + tag + " at " + meterStart + " Wh");
            Publish();
        }

        /// <summary>Ends the running transaction with an OCPP stop reason.</summary>
        public void Stop(string reason) { Stop(reason, null); }

        /// <summary>Ends the running transaction; idTag: the card that stopped it, when not the starting one.</summary>
        public void Stop(string reason, string idTag)
        {
            TxRecord tx = Store.Current;
            if (tx == null) return;
            _parent = null;
            string time = Timestamp;
            _members.Reset();
            long meterStop = _charging.Energy.Wh < tx.MeterStartWh ? tx.MeterStartWh : _charging.Energy.Wh;
            _members.StartObject().Property("idTag", idTag != null ? idTag : tx.IdTag).Property("meterStop", meterStop).Property("timestamp", time).Property("reason", reason);
            string stopData = _keys.Get(ConfigKeys.StopTxnSampledData);
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
            _profiles.TransactionEnded(tx.Local);
            ApplyProfiles();
            Finishing = Plugged || _charging.Status.CableInSocket;
            _invalidSuspended = false;
            _log.Info("ocpp", "transaction " + tx.Local + " stopped (" + reason + ") at " + _charging.Energy.Wh + " Wh");
            _availability.TransactionEnded();
            Publish();
        }

        /// <summary>The members of the object just written, without the braces, as UTF-8.</summary>
        byte[] Members()
        {
            byte[] m = new byte[_members.Length - 2];
            System.Array.Copy(_members.Buffer, 1, m, 0, m.Length);
            return m;
        }

        // ---- meter values ---------------------------------------------------------------------------

        long SampleIntervalMs() { return _keys.GetInt(ConfigKeys.MeterValueSampleInterval) * 1000L; }

        void SampleMeterValues(long now)
        {
            TxRecord tx = Store.Current;
            long interval = SampleIntervalMs();
            if (tx != null && interval > 0 && now >= _nextSampleMs)
            {
                _nextSampleMs = now + interval;
                Store.AddMeterValues(tx.Local, MeterValuesMembers(_keys.Get(ConfigKeys.MeterValuesSampledData), "Sample.Periodic"));
            }
            int alignedS = _keys.GetInt(ConfigKeys.ClockAlignedDataInterval);
            if (alignedS <= 0) { _nextAlignedMs = -1; return; }
            if (_nextAlignedMs < 0 || now >= _nextAlignedMs)
            {
                // The next boundary of the interval counted from midnight UTC.
                System.DateTime utc = _clock.UtcNow;
                long msOfDay = utc.TimeOfDay.Ticks / System.TimeSpan.TicksPerMillisecond;
                long toNext = alignedS * 1000L - msOfDay % (alignedS * 1000L);
                if (_nextAlignedMs >= 0)
                {
                    byte[] members = MeterValuesMembers(_keys.Get(ConfigKeys.MeterValuesAlignedData), "Sample.Clock");
                    if (tx != null) Store.AddMeterValues(tx.Local, members);
                    else if (_backend.Online && _backend.Accepted) _rpc.Enqueue(new MeterValuesCall(members, -1));
                }
                _nextAlignedMs = now + toNext;
            }
        }

        public byte[] MeterValuesMembers(string measurands, string context)
        {
            _members.Reset();
            _members.StartObject().Property("connectorId", _connectorId).Name("meterValue").StartArray();
            MeterValuesWriter.WriteMeterValue(_members, Timestamp, measurands, context, _charging.Status);
            _members.EndArray().EndObject();
            return Members();
        }

        /// <summary>TriggerMessage MeterValues: sent at once, with the transaction id when charging.</summary>
        public void TriggerMeterValues()
        {
            byte[] members = MeterValuesMembers(_keys.Get(ConfigKeys.MeterValuesSampledData), "Trigger");
            TxRecord tx = Store.Current;
            int id = tx == null ? -1 : Store.ServerId(tx.Local);
            _rpc.Enqueue(new MeterValuesCall(members, id));
        }

        // ---- the queue ------------------------------------------------------------------------------

        /// <summary>The head of the persistent queue when its retry time has come.</summary>
        public IOcppCall Next(long nowMs)
        {
            QueuedMessage head = Store.Head;
            return head != null && nowMs >= head.NotBeforeMs ? new TransactionCall(this, head) : null;
        }

        internal void Delivered(QueuedMessage m, Payload result)
        {
            if (m.Action == "StartTransaction" && result != null)
            {
                int id = result.Int("transactionId", true, 0);
                Store.SetServerId(m.LocalTx, id);
                Payload info = result.Object("idTagInfo", true);
                string status = info.String("status", 20, true);
                TxRecord started = Store.Current != null && Store.Current.Local == m.LocalTx ? Store.Current : null;
                if (started != null) _authorization.Remember(started.IdTag, status, info.Time("expiryDate", false, System.DateTime.MinValue));
                string parent = info.String("parentIdTag", 20, false);
                if (started != null && parent != null) _parent = parent;
                if (status != "Accepted" && started != null)
                {
                    _log.Warning("ocpp", "StartTransaction answered " + status);
                    if (_keys.GetBool(ConfigKeys.StopTransactionOnInvalidId)) { Store.CompleteHead(); Stop("DeAuthorized"); return; }
                    _invalidSuspended = true;
                    Publish();
                }
            }
            Store.CompleteHead();
        }

        internal void Failed(QueuedMessage m, bool countAttempt)
        {
            if (!countAttempt) return;   // the link went down: it goes again once connected
            int attempts = _keys.GetInt(ConfigKeys.TransactionMessageAttempts);
            long retryAt = _clock.UptimeMs + _keys.GetInt(ConfigKeys.TransactionMessageRetryInterval) * 1000L * (m.Attempts + 1);
            Store.FailHead(attempts, retryAt);
        }
    }

    /// <summary>Reset: soft ends the transaction and restarts once the queue had a moment to be
    /// sent; hard queues the stop for after the next boot and restarts now.</summary>
    public sealed class Resets
    {
        const long SoftGraceMs = 2000, SoftMaxWaitMs = 10000;

        readonly Transactions _transactions;
        readonly IRestart _restart;
        readonly IClock _clock;
        long _rebootAtMs = -1;

        public Resets(Transactions transactions, IRestart restart, IClock clock)
        {
            _transactions = transactions;
            _restart = restart;
            _clock = clock;
        }

        public void Soft()
        {
            _transactions.Stop("SoftReset");
            _rebootAtMs = _clock.UptimeMs + SoftGraceMs;
        }

        public void Hard()
        {
            _transactions.Stop("HardReset");
            _restart.Reboot();
        }

        /// <summary>True when the restart has begun.</summary>
        public bool Tick(long now)
        {
            if (_rebootAtMs < 0 || now < _rebootAtMs) return false;
            if (_transactions.Store.Count > 0 && now - _rebootAtMs <= SoftMaxWaitMs) return false;
            _rebootAtMs = -1;
            _restart.Reboot();
            return true;
        }
    }
}
