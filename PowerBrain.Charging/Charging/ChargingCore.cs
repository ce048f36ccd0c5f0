using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Charging
{
    /// <summary>Why the box is in fault.</summary>
    public static class FaultKind
    {
        public const int None = 0;
        public const int Diode = 1;
        public const int Contactor = 2;
        public const int OverCurrent = 3;

        public static string Name(int kind)
        {
            switch (kind)
            {
                case Diode: return "diode check failed";
                case Contactor: return "contactor feedback mismatch";
                case OverCurrent: return "EV draws more than offered";
                default: return "none";
            }
        }
    }

    /// <summary>
    /// The charging hardware logic on the core thread: samples the pilot, applies the arbiter's
    /// decision to the PWM duty, and opens and closes the contactor with the IEC 61851 timing rules.
    /// Every input change is applied at once; a 50 ms tick does the sampling and the timeouts.
    /// </summary>
    public sealed class ChargingCore : IChargingCommands, ICoreWork
    {
        public const int TickMs = 50;
        public const int MeterPeriodMs = 1000;
        public const int PauseForceOpenMs = 5000;      // IEC 61851: at most 3–6 s
        public const int ReclosureHoldOffMs = 5000;
        public const int FaultHoldOffMs = 30000;
        public const int FeedbackGraceMs = 1000;
        public const int OverCurrentGraceMs = 10000;
        const int NoCurrentMa = 500;

        readonly IPilot _pilot;
        readonly IContactor _contactor;
        readonly IMeter _meter;
        readonly IClock _clock;
        readonly Logger _log;
        readonly Settings _settings;
        public readonly LoadManagerInput LoadManager;
        public readonly OcppPermission Ocpp;
        public readonly ChargingStatus Status;
        public readonly EnergyRegister Energy;
        readonly ArbiterInputs _inputs = new ArbiterInputs();
        public readonly ArbiterDecision Decision = new ArbiterDecision();
        /// <summary>The last decisions that changed something, for diagnostics.</summary>
        public readonly DecisionHistory History = new DecisionHistory();
        bool _wasPlugged;

        int _cp = CpState.A;
        bool _diodeOk = true;
        bool _closed;
        long _pauseSinceMs = -1;
        long _lastOpenMs = -ReclosureHoldOffMs;
        long _mismatchSinceMs = -1;
        long _overSinceMs = -1;
        int _fault = FaultKind.None;
        long _faultSinceMs;
        long _nextMeterMs;
        int _disconnectPendingS;
        int _requestedPhases;
        long _disconnectUntilMs = -1;

        public ChargingCore(IBoard board, Settings settings, LoadManagerInput loadManager, OcppPermission ocpp,
                            ChargingStatus status, EnergyRegister energy, Logger log)
        {
            _pilot = board.Pilot;
            _contactor = board.Contactor;
            _meter = board.Meter;
            _clock = board.Clock;
            _settings = settings;
            LoadManager = loadManager;
            Ocpp = ocpp;
            Status = status;
            Energy = energy;
            _log = log;
            Status.CanSwitchPhases = _contactor.CanSwitchPhases && settings.GetNumber(SettingsCatalog.ChargingPhases) == 3;
            Status.MeterPresent = _meter.IsPresent;
            Status.Meter.EnergyWh = energy.Wh;
            Status.Phases = settings.GetNumber(SettingsCatalog.ChargingPhases);
            _requestedPhases = Status.Phases;
            _contactor.SetClosed(false);
            _pilot.SetDutyPermille(DutyCycle.Pause);
        }

        public int Fault { get { return _fault; } }
        public bool DisconnectActive { get { return _disconnectUntilMs >= 0; } }

        /// <summary>The 50 ms tick.</summary>
        public void Run()
        {
            long now = _clock.UptimeMs;
            Sample(now);
            if (now >= _nextMeterMs)
            {
                _nextMeterMs = now + MeterPeriodMs;
                ReadMeter();
            }
            Evaluate(now);
        }

        public void InputsChanged() { Evaluate(_clock.UptimeMs); }

        /// <summary>A charging setting changed (cable mode or rating, maximum): decided again at once,
        /// without waiting for the next pilot sample.</summary>
        public void SettingsChanged()
        {
            Status.CableDeciAmps = CableRating();
            Evaluate(_clock.UptimeMs);
        }

        public void RequestCpDisconnect(int seconds)
        {
            _disconnectPendingS = seconds;
            Evaluate(_clock.UptimeMs);
        }

        public void RequestPhases(int phases)
        {
            _requestedPhases = phases;
            Evaluate(_clock.UptimeMs);
        }

        void Sample(long now)
        {
            int state = ControlPilot.StateFromHighLevel(_pilot.ReadHighMillivolts());
            if (state != _cp)
            {
                _log.Info("pilot", "state " + CpState.Name(_cp) + " -> " + CpState.Name(state));
                _cp = state;
            }
            int duty = _pilot.DutyPermille;
            _diodeOk = duty <= 0 || duty >= DutyCycle.Pause || ControlPilot.DiodeOk(_pilot.ReadLowMillivolts());
            Status.CableDeciAmps = CableRating();
        }

        /// <summary>Takes a meter reading now (at start, before anyone reads the register).</summary>
        public void ReadMeterNow() { ReadMeter(); }

        void ReadMeter()
        {
            if (!_meter.IsPresent) return;
            bool answered = _meter.Read(Status.Meter);
            if (answered != Status.MeterAnswering)
            {
                Status.MeterAnswering = answered;
                if (answered) _log.Info("meter", "meter readings again");
                else _log.Warning("meter", "no meter reading; energy stays at " + Status.Meter.EnergyWh + " Wh until the meter answers");
            }
            if (answered) Status.Meter.EnergyWh = Energy.Update(Status.Meter.EnergyWh);
        }

        /// <summary>The cable's rating, and whether a cable sits in the socket.</summary>
        int CableRating()
        {
            if (_settings.GetNumber(SettingsCatalog.ChargingCableMode) == 1)
            {
                Status.CableInSocket = false;
                return _settings.GetNumber(SettingsCatalog.ChargingFixedCable);
            }
            int rating = ControlPilot.CableDeciAmpsFromOhms(_pilot.ReadProximityOhms());
            Status.CableInSocket = rating >= 0;
            return rating;
        }

        int MaxPhaseCurrentMa()
        {
            int max = 0;
            for (int i = 0; i < 3; i++) if (Status.Meter.CurrentMa[i] > max) max = Status.Meter.CurrentMa[i];
            return max;
        }

        void Evaluate(long now)
        {
            _inputs.ModbusActive = LoadManager.Active;
            _inputs.ModbusEnabled = LoadManager.Enabled;
            _inputs.ModbusDeciAmps = LoadManager.LimitDeciAmps;
            _inputs.FallbackActive = LoadManager.FallbackActive;
            _inputs.FallbackDeciAmps = LoadManager.FallbackDeciAmps;
            _inputs.OcppActive = Ocpp.Active;
            _inputs.OcppPermits = Ocpp.TransactionRunning;
            _inputs.OcppDeciAmps = Ocpp.LimitDeciAmps;
            _inputs.Operative = Ocpp.Operative;
            _inputs.Fault = _fault != FaultKind.None;
            int cable = Status.CableDeciAmps;
            _inputs.CableDeciAmps = cable;
            _inputs.HardwareMaxDeciAmps = _settings.GetNumber(SettingsCatalog.ChargingMaxCurrent);
            Arbiter.Decide(_inputs, Decision);
            History.Record(now, Decision);

            // Disconnect-CP (Modbus 8086): only with the contactor open, so pause first.
            if (_disconnectPendingS > 0 && !_closed)
            {
                _log.Info("pilot", "CP disconnected for " + _disconnectPendingS + " s");
                _pilot.SetDisconnected(true);
                _disconnectUntilMs = now + _disconnectPendingS * 1000L;
                _disconnectPendingS = 0;
            }
            if (_disconnectUntilMs >= 0 && now >= _disconnectUntilMs)
            {
                _pilot.SetDisconnected(false);
                _disconnectUntilMs = -1;
            }

            // 1p/3p (Modbus 8087): pause, open, switch, resume; never under load.
            int wantPhases = Status.CanSwitchPhases ? _requestedPhases : Status.Phases;
            bool switching = wantPhases != Status.Phases;
            if (switching && !_closed)
            {
                _contactor.SetPhases(wantPhases);
                _log.Info("contactor", "switched to " + wantPhases + " phase(s)");
                Status.Phases = wantPhases;
                switching = false;
            }

            bool plugged = _cp == CpState.B || _cp == CpState.C || _cp == CpState.D;
            if (plugged && !_wasPlugged) Status.PlugIns++;
            _wasPlugged = plugged;
            Status.Plugged = plugged;
            bool offer = Decision.Allowed && plugged && !switching && _disconnectPendingS == 0 && _disconnectUntilMs < 0;
            int duty = offer ? DutyCycle.FromDeciAmps(Decision.DeciAmps) : DutyCycle.Pause;
            if (duty != _pilot.DutyPermille) _pilot.SetDutyPermille(duty);
            Status.OfferedDeciAmps = offer ? DutyCycle.ToDeciAmps(duty) : 0;
            Status.LimitedBy = Decision.LimitedBy;

            ControlContactor(now, offer);
            CheckFaults(now);
            Status.CpState = _fault != FaultKind.None ? CpState.Fault : _cp;
            Status.ContactorClosed = _closed;
        }

        void ControlContactor(long now, bool offer)
        {
            bool evReady = _cp == CpState.C || _cp == CpState.D;
            if (_closed)
            {
                if (!evReady || _fault != FaultKind.None) { Open(now, "EV left state C"); return; }
                if (offer) { _pauseSinceMs = -1; return; }
                if (_pauseSinceMs < 0) _pauseSinceMs = now;
                if (now - _pauseSinceMs >= PauseForceOpenMs) Open(now, "pause: forced open");
                else if (now - _pauseSinceMs >= 1000 && MaxPhaseCurrentMa() < NoCurrentMa) Open(now, "pause: current stopped");
                return;
            }
            if (offer && evReady && _diodeOk && _fault == FaultKind.None && now - _lastOpenMs >= ReclosureHoldOffMs)
            {
                _contactor.SetClosed(true);
                _closed = true;
                _pauseSinceMs = -1;
                _mismatchSinceMs = -1;
                _log.Info("contactor", "closed");
            }
        }

        void Open(long now, string why)
        {
            _contactor.SetClosed(false);
            _closed = false;
            _lastOpenMs = now;
            _pauseSinceMs = -1;
            _mismatchSinceMs = -1;
            _log.Info("contactor", "opened (" + why + ")");
        }

        void CheckFaults(long now)
        {
            if (_fault != FaultKind.None)
            {
                if (_cp == CpState.A && now - _faultSinceMs >= FaultHoldOffMs && _contactor.FeedbackClosed == _closed)
                {
                    _log.Info("charging", "fault cleared: " + FaultKind.Name(_fault));
                    _fault = FaultKind.None;
                }
                return;
            }
            if (_closed && !_diodeOk) { SetFault(now, FaultKind.Diode); return; }

            if (_contactor.FeedbackClosed != _closed)
            {
                if (_mismatchSinceMs < 0) _mismatchSinceMs = now;
                else if (now - _mismatchSinceMs >= FeedbackGraceMs) { SetFault(now, FaultKind.Contactor); return; }
            }
            else _mismatchSinceMs = -1;

            int allowedMa = Status.OfferedDeciAmps * 110 + 1000;   // offered + 10 % + 1 A
            if (_closed && MaxPhaseCurrentMa() > allowedMa)
            {
                if (_overSinceMs < 0) _overSinceMs = now;
                else if (now - _overSinceMs >= OverCurrentGraceMs) SetFault(now, FaultKind.OverCurrent);
            }
            else _overSinceMs = -1;
        }

        void SetFault(long now, int kind)
        {
            _fault = kind;
            _faultSinceMs = now;
            _log.Error("charging", "fault: " + FaultKind.Name(kind));
            if (_closed) Open(now, "fault");
            _pilot.SetDutyPermille(DutyCycle.Pause);
            Status.OfferedDeciAmps = 0;
        }
    }
}
