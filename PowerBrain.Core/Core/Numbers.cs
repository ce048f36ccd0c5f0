namespace PowerBrain.Firmware.Core
{
    /// <summary>Numbers as the device handles them: rounding casts from float and double that
    /// saturate on every runtime (the device wraps where desktop .NET saturates: (int)2147483648f is
    /// -2147483648 there; NaN gives 0), and tenths as text.</summary>
    public static class Numbers
    {
        /// <summary>A count of tenths as text with one decimal: 165 is "16.5", -5 is "-0.5".</summary>
        public static string Tenths(long tenths)
        {
            long magnitude = tenths < 0 ? -tenths : tenths;
            return (tenths < 0 ? "-" : "") + magnitude / 10 + "." + magnitude % 10;
        }

        /// <summary>Rounded half away from zero, clamped to int.</summary>
        public static int ClampToInt(double value)
        {
            long r = ClampToLong(value);
            if (r > int.MaxValue) return int.MaxValue;
            if (r < int.MinValue) return int.MinValue;
            return (int)r;
        }

        /// <summary>Rounded half away from zero, clamped to long.</summary>
        public static long ClampToLong(double value)
        {
            if (double.IsNaN(value)) return 0;
            double r = value < 0 ? value - 0.5 : value + 0.5;
            if (r >= 9.2233720368547758E18) return long.MaxValue;
            if (r <= -9.2233720368547758E18) return long.MinValue;
            return (long)r;
        }
    }
}
