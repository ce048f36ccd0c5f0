using System;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Emulator.Host;

/// <summary>Log lines on standard output, like the device's serial console.</summary>
public sealed class ConsoleLog : ILog
{
    readonly object _lock = new();
    public LogLevel MinLevel = LogLevel.Info;

    public void Write(LogLevel level, string source, string message)
    {
        if (level < MinLevel) return;
        lock (_lock) Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {Logger.LevelName(level),-5} {source}: {message}");
    }
}
