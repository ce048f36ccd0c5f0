using PowerBrain.Firmware.Charging;

namespace PowerBrain.Firmware.Modbus
{
    /// <summary>What happens when no master has sent a valid request for the timeout.</summary>
    public static class MasterLostMode
    {
        public const int Off = 0;
        public const int Stop = 1;
        public const int Fallback = 2;
        public const int KeepLast = 3;

        public static string Name(int mode)
        {
            switch (mode)
            {
                case Stop: return "stop";
                case Fallback: return "fallback";
                case KeepLast: return "keep";
                default: return "off";
            }
        }
    }

    /// <summary>
    /// The Modbus side's say in charging: enable, current limit, phase and disconnect requests, and
    /// the master-lost watchdog. Lives on the core thread.
    /// </summary>
    public sealed class ModbusControl
    {
        LoadManagerInput _input;
        IChargingCommands _charging;

        /// <summary>Register 8094 as written.</summary>
        public bool Enabled = true;
        /// <summary>Register 8093 as written, in 0.1 A.</summary>
        public int LimitDeciAmps;
        /// <summary>Register 8087: 0 = 3 phases, 1 = 1 phase.</summary>
        public int RelaySelect;

        public int LostMode = MasterLostMode.Off;
        public int LostTimeoutMs = 60000;
        public int FallbackDeciAmps = 60;
        long _lastContactMs = -1;
        bool _lost;

        /// <summary>Where the Modbus side's say goes: charging's input object and its commands.</summary>
        public void Connect(LoadManagerInput input, IChargingCommands charging)
        {
            _input = input;
            _charging = charging;
            Changed();
        }

        public bool MasterLost { get { return _lost; } }

        /// <summary>Uptime of the last valid request, or -1 before the first.</summary>
        public long LastContactMs { get { return _lastContactMs; } }

        /// <summary>False while the master is lost in stop mode.</summary>
        public bool EffectiveEnabled { get { return Enabled && !(_lost && LostMode == MasterLostMode.Stop); } }

        public bool FallbackActive { get { return _lost && LostMode == MasterLostMode.Fallback; } }

        public int PhasesRequested { get { return RelaySelect == 1 ? 1 : 3; } }

        /// <summary>Puts the registers and the master-lost policy into charging's input and has it decide again.</summary>
        public void Changed()
        {
            if (_input == null) return;
            _input.Enabled = EffectiveEnabled;
            _input.LimitDeciAmps = LimitDeciAmps;
            _input.FallbackActive = FallbackActive;
            _input.FallbackDeciAmps = FallbackDeciAmps;
            _charging.InputsChanged();
        }

        /// <summary>Register 8086.</summary>
        public void RequestCpDisconnect(int seconds)
        {
            if (_charging != null) _charging.RequestCpDisconnect(seconds);
        }

        /// <summary>Register 8087: 0 = 3 phases, 1 = 1 phase.</summary>
        public void SelectRelay(int value)
        {
            RelaySelect = value;
            if (_charging != null) _charging.RequestPhases(PhasesRequested);
        }

        /// <summary>Any valid request addressed to us.</summary>
        public void Feed(long nowMs)
        {
            _lastContactMs = nowMs;
            if (_lost)
            {
                _lost = false;
                Changed();
            }
        }

        /// <summary>Called by a timer; true when the lost state changed.</summary>
        public bool CheckLost(long nowMs)
        {
            bool lost = LostMode != MasterLostMode.Off && nowMs - (_lastContactMs < 0 ? 0 : _lastContactMs) >= LostTimeoutMs;
            if (lost == _lost) return false;
            _lost = lost;
            Changed();
            return true;
        }
    }
}
