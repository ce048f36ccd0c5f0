using System.Collections;
using System.Text;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Tests.Support
{
    /// <summary>Keeps every log line as "Level source: message".</summary>
    public sealed class ListLog : ILog
    {
        public readonly ArrayList Lines = new ArrayList();

        public void Write(LogLevel level, string source, string message)
        {
            string line = LevelName(level) + " " + source + ": " + message;
            lock (Lines) Lines.Add(line);
        }

        static string LevelName(LogLevel level)
        {
            switch (level)
            {
                case LogLevel.Debug: return "Debug";
                case LogLevel.Info: return "Info";
                case LogLevel.Warning: return "Warning";
                default: return "Error";
            }
        }

        /// <summary>True when a line contains every fragment.</summary>
        public bool Has(string fragment, string alsoFragment = null)
        {
            lock (Lines)
            {
                for (int i = 0; i < Lines.Count; i++)
                {
                    string l = (string)Lines[i];
                    if (l.IndexOf(fragment) >= 0 && (alsoFragment == null || l.IndexOf(alsoFragment) >= 0)) return true;
                }
            }
            return false;
        }

        public string Text
        {
            get
            {
                StringBuilder b = new StringBuilder();
                lock (Lines) for (int i = 0; i < Lines.Count; i++) b.Append((string)Lines[i]).Append('\n');
                return b.ToString();
            }
        }
    }
}
