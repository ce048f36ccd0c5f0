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
    public string ModbusRtuDevice;
    public string AdminPassword;
    public int ModbusRtuBaud = 19200;
    public int ModbusRtuParity = 2;
    public readonly System.Collections.Generic.List<string> SettingKeys = new();
    public readonly System.Collections.Generic.List<string> SettingValues = new();

    public const string Usage =
        "usage: dotnet run --project boards/emulator -- [--data DIR] [--bind ADDR] [--http PORT] [--modbus-tcp PORT]\n" +
        "         [--modbus-rtu DEVICE [--modbus-baud N] [--modbus-parity N|E|O]]\n" +
        "  --data DIR         where settings and state are kept (default ./powerbrain-data)\n" +
        "  --bind ADDR        address to listen on (default 127.0.0.1)\n" +
        "  --http PORT        web page and JSON API (default 8080)\n" +
        "  --modbus-tcp PORT  Modbus TCP slave (default 4701)\n" +
        "  --modbus-rtu DEV   Modbus RTU slave on a serial device (off by default)\n" +
        "  --modbus-baud N    RTU baud rate, 9600-115200 (default 19200)\n" +
        "  --modbus-parity P  RTU parity N, E or O (default E)\n" +
        "  --ocpp-url URL     OCPP backend, ws:// or wss:// (saved; empty switches OCPP off)\n" +
        "  --charge-box-id ID --ocpp-password PW --connector-id N --id-tag TAG   (saved like the web page does)\n" +
        "  --admin-password PW   the web admin password on a first run (else the page asks for it)";

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
                case "--modbus-rtu": o.ModbusRtuDevice = Value(); break;
                case "--admin-password": o.AdminPassword = Value(); break;
                case "--ocpp-url": o.Set(PowerBrain.Firmware.Config.SettingsCatalog.OcppUrl, Value()); break;
                case "--charge-box-id": o.Set(PowerBrain.Firmware.Config.SettingsCatalog.OcppChargeBoxId, Value()); break;
                case "--ocpp-password": o.Set(PowerBrain.Firmware.Config.SettingsCatalog.OcppPassword, Value()); break;
                case "--connector-id": o.Set(PowerBrain.Firmware.Config.SettingsCatalog.OcppConnectorId, Value()); break;
                case "--id-tag": o.Set(PowerBrain.Firmware.Config.SettingsCatalog.OcppIdTag, Value()); break;
                case "--modbus-baud":
                    string baud = Value();
                    if (!int.TryParse(baud, out o.ModbusRtuBaud) || o.ModbusRtuBaud < 9600 || o.ModbusRtuBaud > 115200)
                        throw new ArgumentException($"--modbus-baud: '{baud}' is not a baud rate (9600-115200)");
                    break;
                case "--modbus-parity":
                    o.ModbusRtuParity = Value().ToUpperInvariant() switch
                    {
                        "N" => 0, "O" => 1, "E" => 2,
                        var p => throw new ArgumentException($"--modbus-parity: '{p}' is not N, E or O"),
                    };
                    break;
                default: throw new ArgumentException($"unknown flag {flag}");
            }
        }
        o.DataFolder = Path.GetFullPath(o.DataFolder);
        return o;
    }

    void Set(string key, string value)
    {
        var def = PowerBrain.Firmware.Config.SettingsCatalog.Find(key);
        string error = PowerBrain.Firmware.Config.Settings.Validate(def, value);
        if (error != null) throw new ArgumentException(error);
        SettingKeys.Add(key);
        SettingValues.Add(value);
    }

    static int Port(string flag, string text)
    {
        if (!int.TryParse(text, out int port) || port < 1 || port > 65535)
            throw new ArgumentException($"{flag}: '{text}' is not a port number (1-65535)");
        return port;
    }
}
