using System;
using System.IO;
using PowerBrain.Emulator.Host;
using PowerBrain.Emulator.Sim;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Meters;

namespace PowerBrain.Emulator;

/// <summary>The emulator's board: desktop .NET adapters plus simulated charging hardware.</summary>
public sealed class EmulatorBoard : IBoard
{
    /// <param name="previous">After a reboot: the car, the contactor, the meter and the reader are
    /// hardware, so they carry on; only the firmware and its clock start again.</param>
    public EmulatorBoard(string dataFolder, IClock clock = null, ILog log = null, EmulatorBoard previous = null, EmulatorOptions options = null)
    {
        Clock = clock ?? new HostClock();
        FileStorage = new FileStorage(dataFolder);
        Log = log ?? new ConsoleLog();
        Ev = previous?.Ev ?? new SimulatedEv();
        SimContactor = previous?.SimContactor ?? new SimulatedContactor();
        SimMeter = previous?.SimMeter ?? new SimulatedMeter(Ev, SimContactor, Clock, Storage);
        SimRfid = previous?.SimRfid ?? new SimulatedRfid();
        RtuMeter = previous?.RtuMeter;
        if (RtuMeter == null && options?.MeterRtuDevice != null)
        {
            // The meter's uptime clock must outlive firmware reboots, so it keeps a host clock of its own.
            RtuMeter = new ModbusMeter(new HostSerialPort(), new HostClock(), Log, options.MeterModel, options.MeterAddress, options.MeterBaud);
            try { RtuMeter.Start(options.MeterRtuDevice, options.MeterBaud, (SerialParity)options.MeterParity); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw new InvalidOperationException($"--meter-rtu {options.MeterRtuDevice}: cannot open the meter's serial port ({e.Message})");
            }
        }
    }

    /// <summary>The Modbus RTU meter given with --meter-rtu, or null for the simulated one.</summary>
    public ModbusMeter RtuMeter { get; }

    public string Name => "emulator";
    public string SerialNumber => "PB-EMU-0001";
    public IClock Clock { get; }
    public FileStorage FileStorage { get; }
    public IStorage Storage => FileStorage;
    public ILog Log { get; }
    public HostSystem HostSystem { get; } = new();
    public ISystem System => HostSystem;
    public IHttpServer HttpServer { get; } = new HttpListenerServer();
    public SimulatedEv Ev { get; }
    public IPilot Pilot => Ev;
    public SimulatedContactor SimContactor { get; }
    public IContactor Contactor => SimContactor;
    public SimulatedMeter SimMeter { get; }
    public IMeter Meter => RtuMeter != null ? RtuMeter : SimMeter;
    public SimulatedRfid SimRfid { get; }
    public IRfidReader Rfid => SimRfid;

    public IWebSocketClient CreateWebSocket() => new HostWebSocket();
    public ITcpListener CreateTcpListener() => new HostTcpListener();
    public ITcpConnection ConnectTcp(string host, int port, int timeoutMs, TlsMaterial tls) => HostTcpListener.Connect(host, port, timeoutMs, tls);
    public ISerialPort CreateSerialPort() => new HostSerialPort();
}
