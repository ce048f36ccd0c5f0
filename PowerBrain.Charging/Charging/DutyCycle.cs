namespace PowerBrain.Firmware.Charging
{
    /// <summary>IEC 61851 duty cycle and current, in 0.1 % and 0.1 A. Rounded so the signalled
    /// current never exceeds the one asked for.</summary>
    public static class DutyCycle
    {
        public const int Pause = 1000;      // steady +12 V: no current
        public const int MinDeciAmps = 60;
        public const int MaxDeciAmps = 800;

        /// <summary>The duty (per mille) that offers deciAmps; Pause below 6 A.</summary>
        public static int FromDeciAmps(int deciAmps)
        {
            if (deciAmps < MinDeciAmps) return Pause;
            if (deciAmps > MaxDeciAmps) deciAmps = MaxDeciAmps;
            if (deciAmps <= 510) return deciAmps * 10 / 6;          // duty % = I / 0.6
            // duty % = I / 2.5 + 64 above 85 %. Between 51 and 52.75 A no duty fits (the EV reads
            // anything up to 85 % with the first formula), so 85 % = 51 A is signalled: less, never more.
            int duty = deciAmps * 2 / 5 + 640;
            return duty <= 850 ? 850 : duty;
        }

        /// <summary>The current (0.1 A, to the nearest) that a duty offers; 0 for no PWM or unused bands.</summary>
        public static int ToDeciAmps(int dutyPermille)
        {
            if (dutyPermille < 80 || dutyPermille > 970) return 0;
            if (dutyPermille <= 850) return (dutyPermille * 6 + 5) / 10;
            return ((dutyPermille - 640) * 25 + 5) / 10;
        }
    }
}
