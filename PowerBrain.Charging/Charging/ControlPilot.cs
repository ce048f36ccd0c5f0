namespace PowerBrain.Firmware.Charging
{
    /// <summary>Reads the CP and PP levels as IEC 61851 states and cable ratings.</summary>
    public static class ControlPilot
    {
        /// <summary>The state for the CP high level (millivolts), by the nominal 12/9/6/3/0/−12 V bands.</summary>
        public static int StateFromHighLevel(int millivolts)
        {
            if (millivolts >= 10500) return CpState.A;
            if (millivolts >= 7500) return CpState.B;
            if (millivolts >= 4500) return CpState.C;
            if (millivolts >= 1500) return CpState.D;
            if (millivolts >= -1500) return CpState.E;
            return CpState.F;
        }

        /// <summary>With PWM running, the negative half must reach about −12 V; a missing diode
        /// (or a short) leaves it higher.</summary>
        public static bool DiodeOk(int lowMillivolts) { return lowMillivolts <= -10500; }

        /// <summary>Cable rating (0.1 A) from the PP resistor; -1 when open or out of every band.</summary>
        public static int CableDeciAmpsFromOhms(int ohms)
        {
            if (ohms < 0) return -1;
            if (ohms >= 1000 && ohms <= 2200) return 130;
            if (ohms >= 470 && ohms < 1000) return 200;
            if (ohms >= 150 && ohms < 470) return 320;
            if (ohms >= 60 && ohms < 150) return 630;
            return -1;
        }

        /// <summary>"A1", "B2", … : suffix 2 while PWM offers current.</summary>
        public static string Describe(int state, int dutyPermille)
        {
            if (state > CpState.D) return CpState.Name(state);
            return CpState.Name(state) + (dutyPermille > 0 && dutyPermille < DutyCycle.Pause ? "2" : "1");
        }
    }
}
