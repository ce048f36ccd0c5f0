using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Core
{
    /// <summary>
    /// Logs a repeated error once per interval instead of once per occurrence, so a flood (a broken
    /// client, a scan) cannot push everything else out of the short log users read: the first one
    /// is logged at once, later ones are counted and summed up when the interval has passed.
    /// </summary>
    public sealed class ErrorTally
    {
        readonly Logger _log;
        readonly IClock _clock;
        readonly string _source;
        readonly long _intervalMs;
        readonly object _lock = new object();
        long _windowStartMs = -1;
        int _suppressed;

        public ErrorTally(Logger log, IClock clock, string source, long intervalMs)
        {
            _log = log;
            _clock = clock;
            _source = source;
            _intervalMs = intervalMs;
        }

        public void Record(string message)
        {
            long now = _clock.UptimeMs;
            int suppressed = 0;
            bool log;
            lock (_lock)
            {
                log = _windowStartMs < 0 || now - _windowStartMs >= _intervalMs;
                if (log)
                {
                    suppressed = _suppressed;
                    _suppressed = 0;
                    _windowStartMs = now;
                }
                else _suppressed++;
            }
            if (suppressed > 0) _log.Warning(_source, suppressed + " more of these in the last " + (_intervalMs / 1000) + " s were not logged");
            if (log) _log.Warning(_source, message);
        }

        /// <summary>How many were counted but not logged since the last line.</summary>
        public int Suppressed { get { lock (_lock) return _suppressed; } }
    }
}
