namespace PowerBrain.Firmware.Charging
{
    /// <summary>IEC 61851 control-pilot states, numbered as Modbus register 8092 reports them.</summary>
    public static class CpState
    {
        public const int A = 0;      // no vehicle
        public const int B = 1;      // vehicle connected, not charging
        public const int C = 2;      // charging
        public const int D = 3;      // charging with ventilation
        public const int E = 4;      // no power (short to PE, or CP disconnected by the EVSE)
        public const int F = 5;      // EVSE error (−12 V)
        public const int Fault = 9;  // a fault found by the firmware (diode, contactor, over-current)

        public static string Name(int state)
        {
            switch (state)
            {
                case A: return "A";
                case B: return "B";
                case C: return "C";
                case D: return "D";
                case E: return "E";
                case F: return "F";
                default: return "fault";
            }
        }
    }
}
