using System;
using System.IO;
using nanoFramework.Hardware.Esp32;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Esp32.Adapters
{
    /// <summary>Uptime from the ESP32 high-resolution timer (monotonic); UTC from the RTC, set by
    /// SNTP or the OCPP boot reply.</summary>
    public sealed class DeviceClock : IClock
    {
        public long UptimeMs { get { return (long)(HighResTimer.GetCurrent() / 1000); } }

        public DateTime UtcNow { get { return DateTime.UtcNow; } }

        public void SetUtc(DateTime utc) { nanoFramework.Runtime.Native.Rtc.SetSystemTime(utc); }
    }

    /// <summary>Log lines on the debug/serial console.</summary>
    public sealed class DebugLog : ILog
    {
        public void Write(LogLevel level, string source, string message)
        {
            System.Diagnostics.Debug.WriteLine(PowerBrain.Firmware.Core.Logger.LevelName(level) + " " + source + ": " + message);
        }
    }

    /// <summary>Reboot and memory figures from the nanoFramework runtime.</summary>
    public sealed class DeviceSystem : ISystem
    {
        public void Reboot() { nanoFramework.Runtime.Native.Power.RebootDevice(); }

        /// <summary>Collects and compacts first, so the figure is what a large allocation can get.</summary>
        public long FreeManagedBytes() { return nanoFramework.Runtime.Native.GC.Run(true); }

        /// <summary>The runtime reports free managed memory only.</summary>
        public long UsedManagedBytes() { return -1; }
    }
}
