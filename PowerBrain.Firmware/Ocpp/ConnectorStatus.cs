using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Ocpp.Calls;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>The OCPP status of the connector and of the charge point, from the pilot, the
    /// contactor, the meter, faults, availability and the transaction.</summary>
    public sealed class ConnectorStatus
    {
        const long NoCurrentForSuspendedEvMs = 10000;

        readonly ChargingCore _charging;
        readonly Transactions _transactions;
        readonly Authorization _authorization;
        readonly Reservations _reservations;
        readonly Availability _availability;
        readonly IClock _clock;
        readonly bool _ocppOn;
        long _noCurrentSinceMs = -1;

        public ConnectorStatus(ChargingCore charging, Transactions transactions, Authorization authorization, Reservations reservations,
                               Availability availability, IClock clock, bool ocppOn)
        {
            _charging = charging;
            _transactions = transactions;
            _authorization = authorization;
            _reservations = reservations;
            _availability = availability;
            _clock = clock;
            _ocppOn = ocppOn;
        }

        public string Compute()
        {
            if (_charging.Fault != FaultKind.None) return OcppStatus.Faulted;
            ChargingStatus s = _charging.Status;
            // Without a backend there is no transaction: a plugged car's status follows the pilot
            // and the contactor alone, as it does during a transaction.
            if (_transactions.Current != null || (!_ocppOn && _transactions.Plugged && _availability.Operative))
            {
                if (!_transactions.Plugged) { _noCurrentSinceMs = -1; return OcppStatus.SuspendedEV; }   // the car left, the transaction stays (StopTransactionOnEVSideDisconnect false)
                if (s.OfferedDeciAmps == 0) { _noCurrentSinceMs = -1; return OcppStatus.SuspendedEVSE; }
                if (s.CpState == CpState.B) return OcppStatus.SuspendedEV;
                bool drawing = s.Meter.CurrentMa[0] >= 500 || s.Meter.CurrentMa[1] >= 500 || s.Meter.CurrentMa[2] >= 500;
                if (drawing || !s.ContactorClosed) { _noCurrentSinceMs = -1; return OcppStatus.Charging; }
                long now = _clock.UptimeMs;
                if (_noCurrentSinceMs < 0) _noCurrentSinceMs = now;
                return now - _noCurrentSinceMs >= NoCurrentForSuspendedEvMs ? OcppStatus.SuspendedEV : OcppStatus.Charging;
            }
            if (!_availability.Operative) return OcppStatus.Unavailable;
            if (_transactions.Plugged) return _transactions.Finishing ? OcppStatus.Finishing : OcppStatus.Preparing;
            if (_transactions.Finishing) return OcppStatus.Finishing;   // the car left, its cable is still in the socket
            if (_authorization.Ready) return OcppStatus.Preparing;   // a tag is accepted and waits for the car
            return _reservations.Active ? OcppStatus.Reserved : OcppStatus.Available;
        }

        /// <summary>The status of connector 0.</summary>
        public string ChargePoint()
        {
            if (_charging.Fault != FaultKind.None) return OcppStatus.Faulted;
            return _availability.Operative ? OcppStatus.Available : OcppStatus.Unavailable;
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

    /// <summary>StatusNotification: every status after a connect or an Accepted boot, then each
    /// change that lasted MinimumStatusDuration.</summary>
    public sealed class StatusReporter
    {
        readonly ConnectorStatus _connector;
        readonly IBackendState _backend;
        readonly OcppRpc _rpc;
        readonly ConfigKeys _keys;
        readonly IClock _clock;
        readonly int _connectorId;
        string _reported;
        string _reportedChargePoint;
        string _candidate;
        long _candidateSinceMs;
        bool _told;
        int _toldForBoot;

        public StatusReporter(ConnectorStatus connector, IBackendState backend, OcppRpc rpc, ConfigKeys keys, IClock clock, int connectorId)
        {
            _connector = connector;
            _backend = backend;
            _rpc = rpc;
            _keys = keys;
            _clock = clock;
            _connectorId = connectorId;
        }

        /// <summary>The status the backend was last told for our connector.</summary>
        public string Reported { get { return _reported; } }

        string Timestamp { get { return Iso8601.Format(_clock.UtcNow); } }

        /// <summary>Sends the current status now (also TriggerMessage StatusNotification).</summary>
        public void Tell(bool includeConnectorZero)
        {
            if (includeConnectorZero) TellChargePoint();
            string status = _connector.Compute();
            _rpc.Enqueue(new StatusCall(_connectorId, status, _connector.ErrorCode(), _connector.ErrorInfo(), Timestamp));
            _reported = status;
        }

        /// <summary>A new connection: the backend hears every status again.</summary>
        public void TellAgain() { _told = false; }

        public void TellChargePoint()
        {
            _reportedChargePoint = _connector.ChargePoint();
            _rpc.Enqueue(new StatusCall(0, _reportedChargePoint, "NoError", null, Timestamp));
        }

        public void Tick(long now)
        {
            string status = _connector.Compute();
            if (status != _candidate)
            {
                _candidate = status;
                _candidateSinceMs = now;
            }
            if (!_backend.Accepted || !_backend.Online)
            {
                _told = false;   // after a reconnect, tell the current status again
                return;
            }
            if (!_told || _toldForBoot != _backend.AcceptedBoots)
            {
                _told = true;
                _toldForBoot = _backend.AcceptedBoots;
                Tell(true);
                return;
            }
            if (_connector.ChargePoint() != _reportedChargePoint) TellChargePoint();   // ChangeAvailability of connector 0, a fault
            if (_candidate == _reported) return;
            if (now - _candidateSinceMs < _keys.GetInt(ConfigKeys.MinimumStatusDuration) * 1000L) return;
            _reported = _candidate;
            _rpc.Enqueue(new StatusCall(_connectorId, _reported, _connector.ErrorCode(), _connector.ErrorInfo(), Timestamp));
        }
    }
}
