using System;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Modbus;

namespace PowerBrain.Tests.Support
{
    /// <summary>A serial line with an Eastron-like meter on it, in memory: answers FC04 reads of
    /// float input-register pairs from a table. Mocked because no serial line exists inside the
    /// nanoCLR; the pymodbus peer tests cover the real line on desktop.</summary>
    public sealed class FakeMeterLine : ISerialPort
    {
        readonly float[] _values = new float[0x50];
        readonly byte[] _reply = new byte[16];
        int _replyLength;
        public int SlaveId = 1;

        public void Set(int register, float value) { _values[register] = value; }

        public void Open(string device, int baud, SerialParity parity, int stopBits) { }

        public void Close() { }

        public void Write(byte[] buffer, int offset, int count)
        {
            _replyLength = 0;
            if (count != 8 || buffer[offset] != SlaveId || buffer[offset + 1] != 4) return;
            int register = (buffer[offset + 2] << 8) | buffer[offset + 3];
            byte[] f = BitConverter.GetBytes(_values[register]);   // little-endian on both runtimes
            _reply[0] = (byte)SlaveId; _reply[1] = 4; _reply[2] = 4;
            _reply[3] = f[3]; _reply[4] = f[2]; _reply[5] = f[1]; _reply[6] = f[0];
            int crc = Crc16.Compute(_reply, 0, 7);
            _reply[7] = (byte)crc; _reply[8] = (byte)(crc >> 8);
            _replyLength = 9;
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int n = _replyLength < count ? _replyLength : count;
            Array.Copy(_reply, 0, buffer, offset, n);
            Array.Copy(_reply, n, _reply, 0, _replyLength - n);
            _replyLength -= n;
            return n;
        }
    }
}
