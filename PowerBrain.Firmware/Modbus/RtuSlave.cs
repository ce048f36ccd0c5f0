using System;
using System.Threading;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Modbus
{
    /// <summary>
    /// Modbus RTU over RS485: a frame ends after 3.5 character times of silence. Frames with a bad
    /// CRC, a bad length or another slave id are dropped silently; broadcasts (id 0) are executed
    /// without a reply.
    /// </summary>
    public sealed class RtuSlave
    {
        const int MaxFrame = 256;
        const int IdleWaitMs = 200;

        readonly ISerialPort _port;
        readonly ModbusSlave _slave;
        readonly CoreLoop _core;
        readonly Logger _log;
        readonly byte[] _in = new byte[MaxFrame + 16];
        readonly byte[] _out = new byte[MaxFrame];
        readonly ModbusCall _call;
        int _gapMs;
        bool _stopping;
        readonly object _lock = new object();
        public int Discarded;

        public RtuSlave(ISerialPort port, ModbusSlave slave, CoreLoop core, Logger log)
        {
            _port = port;
            _slave = slave;
            _core = core;
            _log = log;
            _call = new ModbusCall(slave);
            _call.Request = _in;
            _call.RequestOffset = 1;
            _call.Response = _out;
            _call.ResponseOffset = 1;
        }

        /// <summary>3.5 character times in microseconds: 11 bits per character (start, 8 data,
        /// parity or second stop, stop); fixed 1750 µs above 19200 baud.</summary>
        public static int FrameGapMicros(int baud)
        {
            if (baud > 19200) return 1750;
            return (int)(7 * 11 * 1000000L / (2L * baud));
        }

        public void Start(string device, int baud, SerialParity parity, int stopBits)
        {
            _port.Open(device, baud, parity, stopBits);
            _gapMs = (FrameGapMicros(baud) + 999) / 1000;
            Thread t = new Thread(ReadLoop);
            t.Start();
        }

        public void Stop()
        {
            lock (_lock) _stopping = true;
        }

        bool Stopping { get { lock (_lock) return _stopping; } }

        void ReadLoop()
        {
            int length = 0;
            bool overflow = false;
            try
            {
                while (!Stopping)
                {
                    int n = _port.Read(_in, length, _in.Length - length, length == 0 ? IdleWaitMs : _gapMs);
                    if (n > 0)
                    {
                        length += n;
                        if (length >= _in.Length) { overflow = true; length = 0; }
                        continue;
                    }
                    if (length == 0 && !overflow) continue;
                    // Silence: the frame is complete.
                    if (overflow) Discarded++;
                    else OnFrame(length);
                    length = 0;
                    overflow = false;
                }
            }
            catch (Exception e)
            {
                if (!Stopping) _log.Error("modbus", "RTU port stopped: " + Failure.Describe(e));
            }
            finally
            {
                _port.Close();
            }
        }

        /// <summary>Handles one complete frame in the input buffer; returns the bytes answered.</summary>
        int OnFrame(int length)
        {
            if (length < 4 || length > MaxFrame) { Discarded++; return 0; }
            int crc = Crc16.Compute(_in, 0, length - 2);
            if (_in[length - 2] != (byte)crc || _in[length - 1] != (byte)(crc >> 8)) { Discarded++; return 0; }
            int address = _in[0];
            bool broadcast = address == 0;
            if (!broadcast && address != _slave.SlaveId) return 0;
            if (broadcast && !ModbusPdu.IsWrite(_in, 1)) return 0;
            _call.RequestLength = length - 3;
            _core.Invoke(_call);
            int n = _call.Result;
            if (broadcast || n == ModbusPdu.NoReply) return 0;
            _out[0] = (byte)address;
            int reply = 1 + n;
            int outCrc = Crc16.Compute(_out, 0, reply);
            _out[reply] = (byte)outCrc;
            _out[reply + 1] = (byte)(outCrc >> 8);
            _port.Write(_out, 0, reply + 2);
            return reply + 2;
        }
    }
}
