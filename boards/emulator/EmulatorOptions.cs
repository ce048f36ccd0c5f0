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
    /// <summary>A real (or pymodbus-simulated) Modbus RTU energy meter instead of the simulated one.</summary>
    public string MeterRtuDevice;
    public string MeterModel = "sdm630";
    public int MeterAddress = 1;
    public int MeterBaud = 9600;
    public int MeterParity = 0;
    public readonly System.Collections.Generic.List<string> SettingKeys = new();
    public readonly System.Collections.Generic.List<string> SettingValues = new();

    public const string Usage =
        "usage: dotnet run --project boards/emulator -- [--data DIR] [--bind ADDR] [--http PORT] [--modbus-tcp PORT]\n" +
        "         [--modbus-rtu DEVICE [--modbus-baud N] [--modbus-parity N|E|O]] [--meter-rtu DEVICE ...]\n" +
        "  --data DIR         where settings and state are kept (default ./powerbrain-data)\n" +
        "  --bind ADDR        address to listen on (default 127.0.0.1)\n" +
        "  --http PORT        web page and JSON API (default 8080)\n" +
        "  --modbus-tcp PORT  Modbus TCP slave (default 4701)\n" +
        "  --modbus-rtu DEV   Modbus RTU slave on a serial device (off by default)\n" +
        "  --modbus-baud N    RTU baud rate, 9600-115200 (default 19200)\n" +
        "  --modbus-parity P  RTU parity N, E or O (default E)\n" +
        "  --meter-rtu DEV    read energy from a Modbus RTU meter on a serial device instead of the simulated meter\n" +
        "  --meter-model M --meter-address N --meter-baud N --meter-parity P   (sdm630|sdm120, 1, 9600, N)\n" +
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
                case "--admin-password":
                    o.AdminPassword = Value();
                    string problem = PowerBrain.Firmware.Web.WebAuth.PasswordProblem(o.AdminPassword);
                    if (problem != null) throw new ArgumentException("--admin-password: " + problem);
                    break;
                case "--ocpp-url": o.Set(PowerBrain.Firmware.Config.SettingsCatalog.OcppUrl, Value()); break;
                case "--charge-box-id": o.Set(PowerBrain.Firmware.Config.SettingsCatalog.OcppChargeBoxId, Value()); break;
                case "--ocpp-password": o.Set(PowerBrain.Firmware.Config.SettingsCatalog.OcppPassword, Value()); break;
                case "--connector-id": o.Set(PowerBrain.Firmware.Config.SettingsCatalog.OcppConnectorId, Value()); break;
                case "--id-tag": o.Set(PowerBrain.Firmware.Config.SettingsCatalog.OcppIdTag, Value()); break;
                case "--modbus-baud": o.ModbusRtuBaud = Baud(flag, Value()); break;
                case "--modbus-parity": o.ModbusRtuParity = Parity(flag, Value()); break;
                case "--meter-rtu": o.MeterRtuDevice = Value(); break;
                case "--meter-model":
                    o.MeterModel = Value();
                    if (o.MeterModel != "sdm630" && o.MeterModel != "sdm120") throw new ArgumentException($"--meter-model: '{o.MeterModel}' is not sdm630 or sdm120");
                    break;
                case "--meter-address":
                    string address = Value();
                    if (!int.TryParse(address, out o.MeterAddress) || o.MeterAddress < 1 || o.MeterAddress > 247)
                        throw new ArgumentException($"--meter-address: '{address}' is not a slave address (1-247)");
                    break;
                case "--meter-baud": o.MeterBaud = Baud(flag, Value()); break;
                case "--meter-parity": o.MeterParity = Parity(flag, Value()); break;
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

    static int Baud(string flag, string text)
    {
        if (!int.TryParse(text, out int baud) || baud < 1200 || baud > 115200)
            throw new ArgumentException($"{flag}: '{text}' is not a baud rate (1200-115200)");
        return baud;
    }

    static int Parity(string flag, string text) => text.ToUpperInvariant() switch
    {
        "N" => 0, "O" => 1, "E" => 2,
        _ => throw new ArgumentException($"{flag}: '{text}' is not N, E or O"),
    };

    static int Port(string flag, string text)
    {
        if (!int.TryParse(text, out int port) || port < 1 || port > 65535)
            throw new ArgumentException($"{flag}: '{text}' is not a port number (1-65535)");
        return port;
    }
}
