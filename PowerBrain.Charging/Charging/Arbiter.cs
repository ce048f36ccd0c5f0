namespace PowerBrain.Firmware.Charging
{
    /// <summary>One snapshot of everything that has a say in the offered current.</summary>
    public sealed class ArbiterInputs
    {
        /// <summary>Modbus is switched on (TCP or RTU); off means it has no say.</summary>
        public bool ModbusActive;
        public bool ModbusEnabled = true;
        public int ModbusDeciAmps = DutyCycle.MaxDeciAmps;
        public bool FallbackActive;
        public int FallbackDeciAmps = DutyCycle.MinDeciAmps;

        /// <summary>OCPP is configured; off means it has no say.</summary>
        public bool OcppActive;
        /// <summary>An authorized transaction is running.</summary>
        public bool OcppPermits;
        /// <summary>The composite-schedule limit in 0.1 A, or -1 when no profile limits.</summary>
        public int OcppDeciAmps = -1;
        public bool Operative = true;

        public bool Fault;
        /// <summary>Cable rating in 0.1 A, or -1 when unknown (the hardware maximum applies).</summary>
        public int CableDeciAmps = -1;
        public int HardwareMaxDeciAmps = 160;
    }

    /// <summary>What the arbiter decided.</summary>
    public sealed class ArbiterDecision
    {
        public bool Allowed;
        /// <summary>The current to offer in 0.1 A; 0 when not allowed.</summary>
        public int DeciAmps;
        /// <summary>Who sets the limit, or who withholds permission when not allowed.</summary>
        public int LimitedBy;
        /// <summary>The minimum of all limits, even when not allowed.</summary>
        public int LimitDeciAmps;
    }

    /// <summary>
    /// The only place that decides the current: charging is allowed only when every side allows it,
    /// at the lowest of all limits, and never between 0 and 6 A. A pure function.
    /// </summary>
    public static class Arbiter
    {
        public static void Decide(ArbiterInputs i, ArbiterDecision d)
        {
            int limit = i.HardwareMaxDeciAmps;
            int who = LimitedBy.Hardware;
            // On a tie the side checked later is named: Modbus, then OCPP, then the cable, then the hardware.
            if (i.CableDeciAmps >= 0 && i.CableDeciAmps <= limit) { limit = i.CableDeciAmps; who = LimitedBy.Cable; }
            if (i.OcppActive && i.OcppDeciAmps >= 0 && i.OcppDeciAmps <= limit) { limit = i.OcppDeciAmps; who = LimitedBy.Ocpp; }
            if (i.ModbusActive && i.ModbusDeciAmps <= limit) { limit = i.ModbusDeciAmps; who = LimitedBy.Modbus; }
            if (i.ModbusActive && i.FallbackActive && i.FallbackDeciAmps < limit) { limit = i.FallbackDeciAmps; who = LimitedBy.Fallback; }
            d.LimitDeciAmps = limit;
            d.LimitedBy = who;

            int withheldBy = LimitedBy.None;
            if (i.Fault) withheldBy = LimitedBy.Hardware;
            else if (i.OcppActive && !i.Operative) withheldBy = LimitedBy.Ocpp;
            else if (i.ModbusActive && !i.ModbusEnabled) withheldBy = LimitedBy.Modbus;
            else if (i.OcppActive && !i.OcppPermits) withheldBy = LimitedBy.Ocpp;

            d.Allowed = withheldBy == LimitedBy.None && limit >= DutyCycle.MinDeciAmps;
            if (withheldBy != LimitedBy.None) d.LimitedBy = withheldBy;
            d.DeciAmps = d.Allowed ? (limit > DutyCycle.MaxDeciAmps ? DutyCycle.MaxDeciAmps : limit) : 0;
        }
    }
}
