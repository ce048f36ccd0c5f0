using System;
using System.IO.Ports;
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

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        _port.ReadTimeout = Math.Max(1, timeoutMs);
        try { return _port.Read(buffer, offset, count); }
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
