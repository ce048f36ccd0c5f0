namespace PowerBrain.Firmware.Hal
{
    public enum LogLevel { Debug = 0, Info = 1, Warning = 2, Error = 3 }

    /// <summary>Where log lines go on this board (serial console, stdout).</summary>
    public interface ILog
    {
        void Write(LogLevel level, string source, string message);
    }
}
