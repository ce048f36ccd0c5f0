using System.Collections.Generic;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Tests.Support;

public sealed class ListLog : ILog
{
    public readonly List<string> Lines = new();
    public void Write(LogLevel level, string source, string message) { lock (Lines) Lines.Add($"{level} {source}: {message}"); }
}
