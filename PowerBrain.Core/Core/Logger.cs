using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Core
{
    /// <summary>Writes to the board log and keeps the last lines for the web page.</summary>
    public sealed class Logger
    {
        readonly ILog _sink;
        readonly IClock _clock;
        readonly string[] _recent;
        int _next, _count;
        readonly object _lock = new object();

        public Logger(ILog sink, IClock clock, int keepLines)
        {
            _sink = sink;
            _clock = clock;
            _recent = new string[keepLines];
        }

        public void Info(string source, string message) { Write(LogLevel.Info, source, message); }

        public void Warning(string source, string message) { Write(LogLevel.Warning, source, message); }

        public void Error(string source, string message) { Write(LogLevel.Error, source, message); }

        public void Write(LogLevel level, string source, string message)
        {
            _sink.Write(level, source, message);
            if (level == LogLevel.Debug) return;
            string line = (_clock.UptimeMs / 1000).ToString() + "s " + LevelName(level) + " " + source + ": " + message;
            lock (_lock)
            {
                _recent[_next] = line;
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
        public string[] Recent()
        {
            lock (_lock)
            {
                string[] lines = new string[_count];
                int start = (_next - _count + _recent.Length) % _recent.Length;
                for (int i = 0; i < _count; i++) lines[i] = _recent[(start + i) % _recent.Length];
                return lines;
            }
        }
    }
}
