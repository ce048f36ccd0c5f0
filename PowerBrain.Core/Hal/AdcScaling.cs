namespace PowerBrain.Firmware.Hal
{
    /// <summary>The arithmetic behind the board's analog inputs and pulse counter, kept portable so
    /// it is tested on the desktop: the board adapters only read raw values.</summary>
    public static class AdcScaling
    {
        /// <summary>CP level from the ADC input of the divider: cp = (adc − offset) × gain.</summary>
        public static int CpMillivolts(int adcMillivolts, int offsetMillivolts, int gainPermille)
        {
            return (int)((long)(adcMillivolts - offsetMillivolts) * gainPermille / 1000);
        }

        /// <summary>The PP resistor from the voltage across it with a pull-up to the supply;
        /// -1 when the line is open (no plug) or shorted.</summary>
        public static int PpOhms(int millivolts, int supplyMillivolts, int pullUpOhms)
        {
            if (millivolts <= 10 || millivolts >= supplyMillivolts * 95 / 100) return -1;
            return (int)((long)pullUpOhms * millivolts / (supplyMillivolts - millivolts));
        }

        /// <summary>Energy in Wh from S0 pulses.</summary>
        public static long PulsesToWh(long pulses, int pulsesPerKwh)
        {
            return pulses * 1000 / pulsesPerKwh;
        }

        /// <summary>Power in W from the time between the last two S0 pulses; 0 when none came for 60 s.</summary>
        public static int PulsePowerW(long microsBetweenPulses, long microsSinceLast, int pulsesPerKwh)
        {
            if (microsBetweenPulses <= 0 || microsSinceLast > 60000000L) return 0;
            // One pulse = 1000/p Wh = 3.6e6 * 1000 / p J  →  P = E / t.
            return (int)(3600000000000L / pulsesPerKwh * 1000 / microsBetweenPulses / 1000);
        }
    }
}
