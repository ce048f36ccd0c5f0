namespace PowerBrain.Firmware.Hal
{
    /// <summary>The control pilot: a 1 kHz ±12 V PWM out, the CP voltage in, and the PP resistor.</summary>
    public interface IPilot
    {
        /// <summary>Duty in 0.1 % steps: 1000 = constant +12 V (no PWM), 0 = constant −12 V (state F).</summary>
        void SetDutyPermille(int dutyPermille);

        int DutyPermille { get; }

        /// <summary>The CP high level in millivolts, sampled during the positive half-wave.</summary>
        int ReadHighMillivolts();

        /// <summary>The CP low level in millivolts (about −12000 with a working diode).</summary>
        int ReadLowMillivolts();

        /// <summary>The PP resistor in ohms, or -1 when no PP circuit is fitted or it is open.</summary>
        int ReadProximityOhms();

        /// <summary>Disconnects CP (simulated unplug) while true.</summary>
        void SetDisconnected(bool disconnected);
    }
}
