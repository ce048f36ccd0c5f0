using System;
using System.IO;

namespace PowerBrain.Emulator;

/// <summary>Command-line flags of the emulator.</summary>
public sealed class EmulatorOptions
{
    public string DataFolder = "powerbrain-data";
    public string Bind = "127.0.0.1";
    public int HttpPort = 8080;
    public int ModbusTcpPort = 4701;

    public const string Usage =
        "usage: dotnet run --project boards/emulator -- [--data DIR] [--bind ADDR] [--http PORT] [--modbus-tcp PORT]\n" +
        "  --data DIR         where settings and state are kept (default ./powerbrain-data)\n" +
        "  --bind ADDR        address to listen on (default 127.0.0.1)\n" +
        "  --http PORT        web page and JSON API (default 8080)\n" +
        "  --modbus-tcp PORT  Modbus TCP slave (default 4701)";

    /// <summary>Parses the flags; throws ArgumentException with a message for people.</summary>
    public static EmulatorOptions Parse(string[] args)
    {
        var o = new EmulatorOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string flag = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{flag} needs a value");
            switch (flag)
            {
                case "--data": o.DataFolder = Value(); break;
                case "--bind": o.Bind = Value(); break;
                case "--http": o.HttpPort = Port(flag, Value()); break;
                case "--modbus-tcp": o.ModbusTcpPort = Port(flag, Value()); break;
                default: throw new ArgumentException($"unknown flag {flag}");
            }
        }
        o.DataFolder = Path.GetFullPath(o.DataFolder);
        return o;
    }

    static int Port(string flag, string text)
    {
        if (!int.TryParse(text, out int port) || port < 1 || port > 65535)
            throw new ArgumentException($"{flag}: '{text}' is not a port number (1-65535)");
        return port;
    }
}
