namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>The names OCPP uses on the wire, and the states of the link and the boot.</summary>
    public static class OcppStatus
    {
        public const string Available = "Available";
        public const string Preparing = "Preparing";
        public const string Charging = "Charging";
        public const string SuspendedEV = "SuspendedEV";
        public const string SuspendedEVSE = "SuspendedEVSE";
        public const string Finishing = "Finishing";
        public const string Reserved = "Reserved";
        public const string Unavailable = "Unavailable";
        public const string Faulted = "Faulted";

        public const string LinkOff = "off";
        public const string LinkConnecting = "connecting";
        public const string LinkOpen = "connected";
        public const string LinkWaiting = "waiting to reconnect";

        public const string BootNone = "none";
        public const string BootAccepted = "Accepted";
        public const string BootPending = "Pending";
        public const string BootRejected = "Rejected";
    }
}
