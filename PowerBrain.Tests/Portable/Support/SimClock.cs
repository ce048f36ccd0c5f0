using System;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Tests.Support
{
    /// <summary>A clock the test moves by hand.</summary>
    public sealed class SimClock : IClock
    {
        long _uptimeMs;
        DateTime _utc = new DateTime(new DateTime(2026, 11, 24, 10, 0, 0).Ticks, DateTimeKind.Utc);
        readonly object _lock = new object();

        public long UptimeMs
        {
            get { lock (_lock) return _uptimeMs; }
            set { lock (_lock) _uptimeMs = value; }
        }

        public DateTime UtcNow
        {
            get { lock (_lock) return _utc; }
            set { lock (_lock) _utc = value; }
        }

        public void SetUtc(DateTime utc) { UtcNow = utc; }

        public void Advance(long ms)
        {
            lock (_lock)
            {
                _uptimeMs += ms;
                _utc = _utc.AddMilliseconds(ms);
            }
        }
    }
}
