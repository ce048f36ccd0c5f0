using System;
using System.Threading;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Modbus
{
    /// <summary>
    /// Modbus RTU over RS485 on a shared bus. A frame is cut where its function code says it ends
    /// (the request's length, or the length of another slave's reply, whichever has a valid CRC
    /// first), so back-to-back frames of other devices and our own requests are told apart without
    /// waiting for the 3.5-character silence; silence is the fallback for function codes whose
    /// length cannot be known. Bytes that start no valid frame are dropped one at a time until a
    /// frame fits again, so garbage never costs the next good request. Frames for other slave ids
    /// are skipped; broadcasts (id 0) are executed without a reply.
    /// </summary>
    public sealed class RtuSlave
    {
        const int MaxFrame = 256;
        const int IdleWaitMs = 200;

        readonly ISerialPort _port;
        readonly ModbusSlave _slave;
        readonly CoreLoop _core;
        readonly Logger _log;
        readonly byte[] _in = new byte[2 * MaxFrame];
        readonly byte[] _out = new byte[MaxFrame];
        readonly ModbusCall _call;
        int _length;
        int _gapMs;
        bool _stopping;
        readonly object _lock = new object();
        /// <summary>Bytes dropped because they started no valid frame.</summary>
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
            _call.From = slave.Master("RTU");
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
            _thread = new Thread(ReadLoop);
            _thread.Start();
        }

        Thread _thread;

        /// <summary>Ends the reading thread (it notices within one read's wait; up to 2 s are given).</summary>
        public void Stop()
        {
            lock (_lock) _stopping = true;
            if (_thread != null && Thread.CurrentThread != _thread) _thread.Join(2000);
        }

        bool Stopping { get { lock (_lock) return _stopping; } }

        void ReadLoop()
        {
            try
            {
                while (!Stopping)
                {
                    if (_length == _in.Length) CutFrames(true);   // full of bytes that make no frame
                    int n = _port.Read(_in, _length, _in.Length - _length, _length == 0 ? IdleWaitMs : _gapMs);
                    if (n > 0)
                    {
                        _length += n;
                        CutFrames(false);
                    }
                    else if (_length > 0) CutFrames(true);   // silence: what is left must be one frame
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

        /// <summary>Takes every complete frame off the front of the input. After silence the rest is
        /// tried as one frame of any length and then dropped.</summary>
        void CutFrames(bool silence)
        {
            while (_length > 0)
            {
                int frame = FrameLength();
                if (frame > 0)
                {
                    OnFrame(frame);
                    Consume(frame);
                    continue;
                }
                if (frame == 0 && !silence)
                {
                    // Undecided (the front may be the start of a long reply): if a whole request for
                    // us already follows, the front was noise or a broken frame.
                    int skip = NextRequestForUs();
                    if (skip < 0) return;   // wait for more bytes
                    Discarded += skip;
                    Consume(skip);
                    continue;
                }
                if (silence && _length >= 4 && CrcOk(0, _length))
                {
                    OnFrame(_length);
                    Consume(_length);
                    return;
                }
                // No frame starts here: drop one byte and look again (or, after silence, the rest).
                if (silence) { Discarded += _length; _length = 0; return; }
                Discarded++;
                Consume(1);
            }
        }

        void Consume(int count)
        {
            Array.Copy(_in, count, _in, 0, _length - count);
            _length -= count;
        }

        /// <summary>The length of the frame at the front: > 0 a complete frame with a valid CRC, 0 not
        /// decided yet (more bytes may complete it), -1 no frame can start here.</summary>
        int FrameLength()
        {
            if (_length < 2) return 0;
            int request, reply;
            if (!CandidateLengths(0, out request, out reply)) return _length >= MaxFrame ? -1 : 0;
            if (Complete(0, request)) return request;
            if (Complete(0, reply)) return reply;
            return Pending(request) || Pending(reply) ? 0 : -1;
        }

        // A candidate length: Unknown while the byte count it depends on has not arrived; None when
        // the function code has no such frame.
        const int Unknown = -1, None = 0;

        /// <summary>From the function code of the frame starting at `at`: its length as a request and
        /// as a reply. False for function codes whose length cannot be known.</summary>
        bool CandidateLengths(int at, out int request, out int reply)
        {
            int have = _length - at;
            int fc = _in[at + 1];
            request = None; reply = None;
            if ((fc & 0x80) != 0) { reply = 5; return true; }   // an exception reply
            switch (fc)
            {
                case 1: case 2: case 3: case 4:
                    request = 8;
                    reply = have >= 3 ? 5 + _in[at + 2] : Unknown;
                    return true;
                case 5: case 6: case 8:
                    request = 8; reply = 8;
                    return true;
                case 15: case 16:
                    request = have >= 7 ? 9 + _in[at + 6] : Unknown;
                    reply = 8;
                    return true;
                case 23:
                    request = have >= 11 ? 13 + _in[at + 10] : Unknown;
                    reply = have >= 3 ? 5 + _in[at + 2] : Unknown;
                    return true;
                case 7: case 11:
                    request = 4; reply = fc == 7 ? 5 : 8;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>A whole frame of this length starts at `at` and its CRC checks.</summary>
        bool Complete(int at, int length)
        {
            return length >= 4 && length <= MaxFrame && at + length <= _length && CrcOk(at, length);
        }

        bool Pending(int length) { return length == Unknown || (length > _length && length <= MaxFrame); }

        bool CrcOk(int offset, int length)
        {
            int crc = Crc16.Compute(_in, offset, length - 2);
            return _in[offset + length - 2] == (byte)crc && _in[offset + length - 1] == (byte)(crc >> 8);
        }

        /// <summary>The offset after the front of the first complete request addressed to us (or a
        /// broadcast) with a valid CRC, or -1.</summary>
        int NextRequestForUs()
        {
            int id = _slave.SlaveId;
            int request, reply;
            for (int k = 1; k + 4 <= _length; k++)
            {
                if (_in[k] != id && _in[k] != 0) continue;
                if (CandidateLengths(k, out request, out reply) && Complete(k, request)) return k;
            }
            return -1;
        }

        /// <summary>Handles one complete frame (CRC already checked) at the front of the input.</summary>
        void OnFrame(int length)
        {
            int address = _in[0];
            bool broadcast = address == 0;
            if (!broadcast && address != _slave.SlaveId) return;
            if (broadcast && !ModbusPdu.IsWrite(_in, 1)) return;
            _call.RequestLength = length - 3;
            _core.Invoke(_call);
            int n = _call.Result;
            if (broadcast || n == ModbusPdu.NoReply) return;
            _out[0] = (byte)address;
            int reply = 1 + n;
            int outCrc = Crc16.Compute(_out, 0, reply);
            _out[reply] = (byte)outCrc;
            _out[reply + 1] = (byte)(outCrc >> 8);
            _port.Write(_out, 0, reply + 2);
        }
    }
}
