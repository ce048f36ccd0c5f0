using System;
using System.Runtime.InteropServices;
using PowerBrain.Firmware;
using PowerBrain.Firmware.Web;

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

        bool stopRequested = false;
        Wallbox wallbox = null;
        void RequestStop() { stopRequested = true; wallbox?.Core.Stop(); }
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; RequestStop(); };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; RequestStop(); });

        // A reboot (OCPP Reset, the web page) builds the firmware anew on the same data, as the device restarts.
        EmulatorBoard board = null;
        try { return RunUntilStopped(); }
        finally { board?.RtuMeter?.Stop(); }

        int RunUntilStopped()
        {
            for (bool first = true; !stopRequested; first = false)
            {
                try
                {
                    board = new EmulatorBoard(options.DataFolder, previous: board, options: options);
                    wallbox = new Wallbox(board, new WallboxOptions
                    {
                        HttpBind = options.Bind,
                        HttpPort = options.HttpPort,
                        ModbusTcpBind = options.Bind,
                        ModbusTcpPort = options.ModbusTcpPort,
                        ModbusRtuDevice = options.ModbusRtuDevice,
                        ModbusRtuBaud = options.ModbusRtuBaud,
                        ModbusRtuParity = options.ModbusRtuParity,
                        SettingKeys = first ? options.SettingKeys.ToArray() : new string[0],
                        SettingValues = first ? options.SettingValues.ToArray() : new string[0],
                    });
                    var site = new WebSite(wallbox, first ? options.AdminPassword : null);
                    Sim.EmulatorRoutes.Add(site.App, board);
                    wallbox.Start(site.App);
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine("powerbrain-emulator: cannot start: " + e.Message);
                    return 1;
                }
                bool rebooting = false;
                var box = wallbox;
                board.HostSystem.RebootRequested += () => { rebooting = true; box.Core.Stop(); };
                if (first)
                {
                    Console.WriteLine($"PowerBrain emulator running. Data folder: {options.DataFolder}");
                    Console.WriteLine($"  web page:   http://{options.Bind}:{options.HttpPort}/");
                    Console.WriteLine($"  Modbus TCP: {options.Bind}:{wallbox.ModbusTcpLocalPort} (unit id {wallbox.ModbusSlave.SlaveId})");
                    if (options.ModbusRtuDevice != null)
                        Console.WriteLine($"  Modbus RTU: {options.ModbusRtuDevice} at {options.ModbusRtuBaud} baud");
                    if (options.MeterRtuDevice != null)
                        Console.WriteLine($"  meter:      {options.MeterModel} id {options.MeterAddress} on {options.MeterRtuDevice} at {options.MeterBaud} baud");
                    Console.WriteLine(wallbox.OcppClient.IsOn ? $"  OCPP:       {wallbox.OcppClient.Connection.Url} as {wallbox.OcppClient.Connection.ChargeBoxId}" : "  OCPP:       off (no backend URL configured)");
                    Console.WriteLine("Press Ctrl+C to stop.");
                }
                if (stopRequested) wallbox.Core.Stop();
                wallbox.Core.Run();   // the core loop owns the main thread until stop or reboot
                wallbox.Stop();
                if (!rebooting) break;
                Console.WriteLine("PowerBrain emulator: rebooting");
            }
            Console.WriteLine("PowerBrain emulator stopped, state saved.");
            return 0;
        }
    }
}
