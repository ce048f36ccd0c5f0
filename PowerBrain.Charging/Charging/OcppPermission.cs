namespace PowerBrain.Firmware.Charging
{
    /// <summary>The OCPP side's say in charging, written by the OCPP client on the core thread.</summary>
    public sealed class OcppPermission
    {
        /// <summary>False while OCPP is switched off (no backend URL): it then has no say.</summary>
        public bool Active;
        /// <summary>An authorized transaction is running.</summary>
        public bool TransactionRunning;
        /// <summary>The composite-schedule limit in 0.1 A, or -1 when unlimited.</summary>
        public int LimitDeciAmps = -1;
        /// <summary>Availability (ChangeAvailability); Inoperative stops charging.</summary>
        public bool Operative = true;
    }
}
