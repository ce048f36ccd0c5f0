namespace PowerBrain.Firmware.Charging
{
    /// <summary>Told by Modbus and OCPP that one of their inputs changed, so the current is decided
    /// again at once (on the core thread).</summary>
    public interface IInputsChanged
    {
        void InputsChanged();
    }

    /// <summary>The one way into charging for the sides that have a say: they write their input
    /// object (<see cref="LoadManagerInput"/>, <see cref="OcppPermission"/>) and call
    /// InputsChanged, or give an explicit command. Core thread only.</summary>
    public interface IChargingCommands : IInputsChanged
    {
        /// <summary>Disconnects the control pilot for a while (the car sees no EVSE); the contactor opens first.</summary>
        void RequestCpDisconnect(int seconds);

        /// <summary>Charges on 1 or 3 phases from now on; switched with the contactor open, never under load.</summary>
        void RequestPhases(int phases);
    }

    /// <summary>The local load manager's say in charging (Modbus today), written by its room on the
    /// core thread; the backend's is <see cref="OcppPermission"/>.</summary>
    public sealed class LoadManagerInput
    {
        /// <summary>A load manager is configured (Modbus TCP or RTU on); off means it has no say.</summary>
        public bool Active;
        public bool Enabled = true;
        public int LimitDeciAmps = DutyCycle.MaxDeciAmps;
        /// <summary>The load manager is silent and the policy says: charge at the fallback current.</summary>
        public bool FallbackActive;
        public int FallbackDeciAmps = DutyCycle.MinDeciAmps;
    }
}
