namespace PowerBrain.Firmware.Hal
{
    /// <summary>One meter sample, filled in place so sampling allocates nothing.</summary>
    public sealed class MeterReading
    {
        /// <summary>Imported active energy register in Wh.</summary>
        public long EnergyWh;
        public int PowerW;
        /// <summary>Per-phase currents in mA, index 0..2 = L1..L3.</summary>
        public readonly int[] CurrentMa = new int[3];
        /// <summary>Per-phase voltages in 0.1 V.</summary>
        public readonly int[] VoltageDeciV = new int[3];
        /// <summary>Temperature in 0.1 °C, or int.MinValue when the board has no sensor.</summary>
        public int TemperatureDeciC = int.MinValue;
    }

    /// <summary>The energy meter of the charging point.</summary>
    public interface IMeter
    {
        bool IsPresent { get; }

        /// <summary>Fills the reading; false when the meter did not answer.</summary>
        bool Read(MeterReading into);
    }
}
