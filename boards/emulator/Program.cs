using System;
using System.Runtime.InteropServices;
using PowerBrain.Firmware;

namespace PowerBrain.Emulator;

/// <summary>Runs a virtual wallbox: the firmware on desktop .NET with simulated hardware.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        EmulatorOptions options;
        try { options = EmulatorOptions.Parse(args); }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("powerbrain-emulator: " + e.Message);
            Console.Error.WriteLine(EmulatorOptions.Usage);
            return 2;
        }

        var board = new EmulatorBoard(options.DataFolder);
        var wallbox = new Wallbox(board, new WallboxOptions
        {
            HttpBind = options.Bind,
            HttpPort = options.HttpPort,
            ModbusTcpBind = options.Bind,
            ModbusTcpPort = options.ModbusTcpPort,
            ModbusRtuDevice = options.ModbusRtuDevice,
            ModbusRtuBaud = options.ModbusRtuBaud,
            ModbusRtuParity = options.ModbusRtuParity,
        });
        Sim.EmulatorRoutes.Add(wallbox, board);

        void RequestStop() => wallbox.Core.Stop();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; RequestStop(); };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; RequestStop(); });

        try
        {
            wallbox.Start();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("powerbrain-emulator: cannot start: " + e.Message);
            return 1;
        }
        Console.WriteLine($"PowerBrain emulator running. Data folder: {options.DataFolder}");
        Console.WriteLine($"  web page:   http://{options.Bind}:{options.HttpPort}/");
        Console.WriteLine($"  Modbus TCP: {options.Bind}:{wallbox.ModbusTcpLocalPort} (unit id {wallbox.ModbusSlave.SlaveId})");
        if (options.ModbusRtuDevice != null)
            Console.WriteLine($"  Modbus RTU: {options.ModbusRtuDevice} at {options.ModbusRtuBaud} baud");
        Console.WriteLine("  OCPP:       off (no backend URL configured)");
        Console.WriteLine("Press Ctrl+C to stop.");

        wallbox.Core.Run();   // the core loop owns the main thread until Ctrl+C / SIGTERM
        wallbox.Stop();
        Console.WriteLine("PowerBrain emulator stopped, state saved.");
        return 0;
    }
}
