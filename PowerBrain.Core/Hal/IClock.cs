using System;

namespace PowerBrain.Firmware.Hal
{
    /// <summary>The only source of time in the firmware, so tests can run a simulated clock.</summary>
    public interface IClock
    {
        /// <summary>Monotonic milliseconds since start; never jumps when the wall clock is set.</summary>
        long UptimeMs { get; }

        /// <summary>Wall-clock UTC; may be wrong until SNTP or the OCPP boot reply sets it.</summary>
        DateTime UtcNow { get; }

        /// <summary>Sets the wall clock (from SNTP or the OCPP BootNotification reply).</summary>
        void SetUtc(DateTime utc);
    }
}
