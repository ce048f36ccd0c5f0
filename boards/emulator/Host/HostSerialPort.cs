using System;
using System.IO.Ports;
using System.Threading;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Emulator.Host;

/// <summary>The RS485 adapter on System.IO.Ports. A desktop RS485 dongle switches its driver by
/// itself, so Write only waits until the bytes have left.</summary>
public sealed class HostSerialPort : ISerialPort
{
    SerialPort _port;

    public void Open(string device, int baud, SerialParity parity, int stopBits)
    {
        _port = new SerialPort(device, baud, parity switch { SerialParity.Odd => Parity.Odd, SerialParity.Even => Parity.Even, _ => Parity.None },
                               8, stopBits == 2 ? StopBits.Two : StopBits.One)
        {
            Handshake = Handshake.None,
            ReadTimeout = 200,
            WriteTimeout = 1000,
        };
        _port.Open();
    }

    /// <summary>Returns what has arrived as soon as anything has. Silence is watched by polling
    /// every millisecond: the port's own ReadTimeout on Linux ends tens of ms late, which would make
    /// a 2 ms frame gap last 35 ms.</summary>
    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (_port.BytesToRead == 0)
        {
            if (waited.ElapsedMilliseconds >= timeoutMs) return 0;
            Thread.Sleep(1);
        }
        int available = Math.Min(count, _port.BytesToRead);
        if (available <= 0) return 0;
        _port.ReadTimeout = 50;
        try { return _port.Read(buffer, offset, available); }
        catch (TimeoutException) { return 0; }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        _port.Write(buffer, offset, count);
        _port.BaseStream.Flush();
    }

    public void Close()
    {
        try { _port?.Close(); } catch (Exception) { }
    }
}
