using System.Threading;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Modbus;

namespace PowerBrain.Firmware.Meters
{
    /// <summary>
    /// The master side of Modbus RTU, as much as a meter needs: read input registers (FC04) from one
    /// slave and check the answer (address, function, byte count, CRC). Buffers are kept, so a
    /// steady poll allocates nothing.
    /// </summary>
    public sealed class ModbusRtuMaster
    {
        const int MaxRegisters = 32;
        const int ReplyTimeoutMs = 300;
        readonly ISerialPort _port;
        readonly byte[] _request = new byte[8];
        readonly byte[] _reply = new byte[5 + 2 * MaxRegisters];
        readonly int _gapMs;

        /// <summary>Why the last read failed, for the log and the status page.</summary>
        public string LastError = "";

        public ModbusRtuMaster(ISerialPort port, int baud)
        {
            _port = port;
            // 3.5 character times between frames, at least 2 ms so the slave sees the end.
            int gap = RtuSlave.FrameGapMicros(baud) / 1000 + 1;
            _gapMs = gap < 2 ? 2 : gap;
        }

        /// <summary>Reads count input registers from start into words; false with LastError set
        /// when the slave did not answer correctly.</summary>
        public bool ReadInputRegisters(int slave, int start, int count, ushort[] words)
        {
            Drain();
            _request[0] = (byte)slave;
            _request[1] = 4;
            _request[2] = (byte)(start >> 8);
            _request[3] = (byte)start;
            _request[4] = (byte)(count >> 8);
            _request[5] = (byte)count;
            int crc = Crc16.Compute(_request, 0, 6);
            _request[6] = (byte)crc;
            _request[7] = (byte)(crc >> 8);
            _port.Write(_request, 0, 8);

            int expected = 5 + 2 * count;
            int got = 0;
            int waited = 0;
            while (got < expected && waited < ReplyTimeoutMs)
            {
                int n = _port.Read(_reply, got, expected - got, 20);
                if (n == 0) { waited += 20; continue; }
                got += n;
                // An exception reply is five bytes long.
                if (got >= 5 && (_reply[1] & 0x80) != 0) { expected = 5; break; }
            }
            Thread.Sleep(_gapMs);
            if (got < expected) return Fail(got == 0 ? "no answer from meter " + slave : "short answer from meter " + slave);
            int replyCrc = _reply[expected - 2] | (_reply[expected - 1] << 8);
            if (Crc16.Compute(_reply, 0, expected - 2) != replyCrc) return Fail("bad CRC from meter " + slave);
            if (_reply[0] != slave) return Fail("answer from slave " + _reply[0] + " instead of " + slave);
            if ((_reply[1] & 0x80) != 0) return Fail("meter " + slave + " answered exception " + _reply[2] + " for register " + start);
            if (_reply[1] != 4 || _reply[2] != 2 * count) return Fail("malformed answer from meter " + slave);
            for (int i = 0; i < count; i++) words[i] = (ushort)((_reply[3 + 2 * i] << 8) | _reply[4 + 2 * i]);
            LastError = "";
            return true;
        }

        /// <summary>Late bytes of an earlier, timed-out answer would shift this one.</summary>
        void Drain()
        {
            while (_port.Read(_reply, 0, _reply.Length, 0) > 0) { }
        }

        bool Fail(string why)
        {
            LastError = why;
            return false;
        }
    }
}
