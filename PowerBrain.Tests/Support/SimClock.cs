using System;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Tests.Support;

/// <summary>A clock the test moves by hand.</summary>
public sealed class SimClock : IClock
{
    public long UptimeMs { get; set; }
    public DateTime UtcNow { get; set; } = new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc);
    public void SetUtc(DateTime utc) => UtcNow = utc;

    public void Advance(long ms)
    {
        UptimeMs += ms;
        UtcNow = UtcNow.AddMilliseconds(ms);
    }
}
