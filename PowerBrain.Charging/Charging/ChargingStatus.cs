using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Charging
{
    /// <summary>What the charging core shows to Modbus, OCPP and the web page. Written by the core
    /// loop only.</summary>
    public sealed class ChargingStatus
    {
        public int CpState = Charging.CpState.A;
        /// <summary>Plug-ins since start: a car that leaves and comes back between two looks of a
        /// slower reader still counts twice.</summary>
        public int PlugIns;
        /// <summary>A car is on the cable (B, C or D), also while a fault is shown as the state.</summary>
        public bool Plugged;
        /// <summary>The current signalled on the pilot, in 0.1 A; 0 while paused.</summary>
        public int OfferedDeciAmps;
        /// <summary>Who sets the offered current: see <see cref="LimitedBy"/>.</summary>
        public int LimitedBy = Charging.LimitedBy.None;
        public int Phases = 3;
        public bool CanSwitchPhases;
        public bool MeterPresent;
        /// <summary>False while a fitted meter gives no readings (the energy register then holds).</summary>
        public bool MeterAnswering = true;
        public readonly MeterReading Meter = new MeterReading();
        /// <summary>The last RFID tag or idTag used to authorize, or "".</summary>
        public string LastIdTag = "";
        public bool ContactorClosed;
        public int CableDeciAmps = -1;
        /// <summary>A socket's PP pin shows a cable, with or without a car on it (always false with a fixed cable).</summary>
        public bool CableInSocket;
    }

    /// <summary>The side that limits the offered current.</summary>
    public static class LimitedBy
    {
        public const int None = 0;
        public const int Modbus = 1;
        public const int Ocpp = 2;
        public const int Cable = 3;
        public const int Hardware = 4;
        public const int Fallback = 5;
        public const int Ev = 6;

        public static string Name(int who)
        {
            switch (who)
            {
                case Modbus: return "Modbus";
                case Ocpp: return "OCPP";
                case Cable: return "cable";
                case Hardware: return "hardware";
                case Fallback: return "fallback";
                case Ev: return "EV";
                default: return "none";
            }
        }
    }
}
