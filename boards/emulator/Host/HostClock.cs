using System;
using System.Diagnostics;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Emulator.Host;

/// <summary>The desktop clock: a stopwatch for uptime, the system clock (plus an offset once set) for UTC.</summary>
public sealed class HostClock : IClock
{
    readonly Stopwatch _uptime = Stopwatch.StartNew();
    TimeSpan _offset;

    public long UptimeMs => _uptime.ElapsedMilliseconds;
    public DateTime UtcNow => DateTime.UtcNow + _offset;
    public void SetUtc(DateTime utc) => _offset = utc - DateTime.UtcNow;
}
