using System;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Core
{
    /// <summary>Writes to the board log and keeps the last lines for the web page.</summary>
    public sealed class Logger
    {
        readonly ILog _sink;
        readonly IClock _clock;
        readonly string[] _recent;
        readonly long[] _utcTicks;   // when each kept line was written, for time windows
        int _next, _count;
        readonly object _lock = new object();

        public Logger(ILog sink, IClock clock, int keepLines)
        {
            _sink = sink;
            _clock = clock;
            _recent = StringArrays.New(keepLines);
            _utcTicks = new long[keepLines];
        }

        public void Info(string source, string message) { Write(LogLevel.Info, source, message); }

        public void Warning(string source, string message) { Write(LogLevel.Warning, source, message); }

        public void Error(string source, string message) { Write(LogLevel.Error, source, message); }

        public void Write(LogLevel level, string source, string message)
        {
            _sink.Write(level, source, message);
            if (level == LogLevel.Debug) return;
            string line = (_clock.UptimeMs / 1000).ToString() + "s " + LevelName(level) + " " + source + ": " + message;
            long utc = _clock.UtcNow.Ticks;
            lock (_lock)
            {
                _recent[_next] = line;
                _utcTicks[_next] = utc;
                _next = (_next + 1) % _recent.Length;
                if (_count < _recent.Length) _count++;
            }
        }

        public static string LevelName(LogLevel level)
        {
            switch (level)
            {
                case LogLevel.Debug: return "DEBUG";
                case LogLevel.Info: return "INFO";
                case LogLevel.Warning: return "WARN";
                default: return "ERROR";
            }
        }

        /// <summary>The kept lines, oldest first.</summary>
        public string[] Recent() { return Recent(long.MinValue, long.MaxValue); }

        /// <summary>The kept lines written within an OCPP time window (ISO 8601 bounds; null: open).</summary>
        public string[] Recent(string fromIso, string toIso)
        {
            DateTime from, to;
            return Recent(fromIso != null && Iso8601.TryParse(fromIso, out from) ? from.Ticks : long.MinValue,
                          toIso != null && Iso8601.TryParse(toIso, out to) ? to.Ticks : long.MaxValue);
        }

        bool Within(int k, long fromUtcTicks, long toUtcTicks) { return _utcTicks[k] >= fromUtcTicks && _utcTicks[k] <= toUtcTicks; }

        /// <summary>The kept lines written from fromUtcTicks to toUtcTicks (both included), oldest
        /// first. A line written before the clock was set carries that early time.</summary>
        public string[] Recent(long fromUtcTicks, long toUtcTicks)
        {
            lock (_lock)
            {
                int start = (_next - _count + _recent.Length) % _recent.Length;
                int n = 0;
                for (int i = 0; i < _count; i++) if (Within((start + i) % _recent.Length, fromUtcTicks, toUtcTicks)) n++;
                string[] lines = StringArrays.New(n);
                n = 0;
                for (int i = 0; i < _count; i++)
                {
                    int k = (start + i) % _recent.Length;
                    if (Within(k, fromUtcTicks, toUtcTicks)) lines[n++] = _recent[k];
                }
                return lines;
            }
        }
    }
}
