using System;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Meters
{
    /// <summary>
    /// An energy meter on its own RS485 line, polled as Modbus RTU master on a thread of its own
    /// (a poll takes tens of milliseconds at 9600 baud, too long for the core loop). Read hands
    /// the core the last complete poll; a meter silent for 10 s counts as absent, so the energy
    /// register keeps its last value instead of taking zeros.
    /// </summary>
    public sealed class ModbusMeter : IMeter, IPolled
    {
        public const int PollIntervalMs = 1000;
        public const int StaleAfterMs = 10000;

        readonly ModbusRtuMaster _master;
        readonly ISerialPort _port;
        readonly IClock _clock;
        readonly ILog _log;
        bool _answering = true;
        readonly int _address;
        readonly int[] _registers;
        readonly int[] _quantities;
        readonly MeterReading _polling = new MeterReading();
        readonly MeterReading _latest = new MeterReading();
        readonly ushort[] _words = new ushort[2];
        readonly byte[] _floatBytes = new byte[4];
        readonly object _lock = new object();
        long _lastGoodMs = -1;
        Poller _poller;

        /// <summary>What the register layout of a model holds (one IEEE-754 float of 2 registers each).</summary>
        public const int VoltageL1 = 0, VoltageL2 = 1, VoltageL3 = 2, CurrentL1 = 3, CurrentL2 = 4, CurrentL3 = 5, PowerTotal = 6, EnergyImport = 7;

        public ModbusMeter(ISerialPort port, IClock clock, ILog log, string model, int address, int baud)
        {
            _port = port;
            _clock = clock;
            _log = log;
            _address = address;
            _master = new ModbusRtuMaster(port, baud);
            // Eastron input registers: volts, amps and watts as floats; import energy in kWh.
            if (model == "sdm120")
            {
                _registers = new int[] { 0x00, 0x06, 0x0C, 0x48 };
                _quantities = new int[] { VoltageL1, CurrentL1, PowerTotal, EnergyImport };
            }
            else if (model == "sdm630")
            {
                _registers = new int[] { 0x00, 0x02, 0x04, 0x06, 0x08, 0x0A, 0x34, 0x48 };
                _quantities = new int[] { VoltageL1, VoltageL2, VoltageL3, CurrentL1, CurrentL2, CurrentL3, PowerTotal, EnergyImport };
            }
            else throw new ArgumentException("unknown meter model " + model);
        }

        /// <summary>Why the last poll failed, or "" after a good one.</summary>
        public string LastError { get { return _master.LastError; } }

        public bool IsPresent { get { return true; } }

        /// <summary>Opens the line with the meter's own settings and starts polling.</summary>
        public void Start(string device, int baud, SerialParity parity)
        {
            _port.Open(device, baud, parity, 1);
            // One poll before the firmware starts, so its first reading is the meter's.
            if (PollOnce()) Publish();
            else _answering = false;
            _poller = new Poller(this, PollIntervalMs, _log, "meter");
            _poller.Start();
        }

        public void Stop()
        {
            if (_poller != null) _poller.Stop();
            _port.Close();
        }

        public void Poll()
        {
            bool ok = PollOnce();
            if (ok != _answering)
            {
                _answering = ok;
                if (ok) _log.Write(LogLevel.Info, "meter", "meter " + _address + " answers again");
                else _log.Write(LogLevel.Warning, "meter", _master.LastError);
            }
            if (ok) Publish();
        }

        void Publish()
        {
            lock (_lock)
            {
                Copy(_polling, _latest);
                _lastGoodMs = _clock.UptimeMs;
            }
        }

        /// <summary>One complete poll of every quantity; false if any read failed (then nothing of
        /// it is used: energy and currents come from the same moment or not at all).</summary>
        public bool PollOnce()
        {
            for (int i = 0; i < _registers.Length; i++)
            {
                if (!_master.ReadInputRegisters(_address, _registers[i], 2, _words)) return false;
                Store(_quantities[i], FloatFromWords(_words[0], _words[1]));
            }
            return true;
        }

        void Store(int quantity, float value)
        {
            // A meter can send any float (inf, NaN, 1e30): the cast saturates instead of wrapping.
            if (quantity <= VoltageL3) _polling.VoltageDeciV[quantity] = Numbers.ClampToInt(value * 10.0);
            else if (quantity <= CurrentL3) _polling.CurrentMa[quantity - CurrentL1] = Numbers.ClampToInt(value * 1000.0);
            else if (quantity == PowerTotal) _polling.PowerW = Numbers.ClampToInt(value);
            else _polling.EnergyWh = Numbers.ClampToLong(value * 1000.0);
        }

        /// <summary>A big-endian float in two registers, high word first.</summary>
        float FloatFromWords(int high, int low)
        {
            // BitConverter reads little-endian on the ESP32 and on the desktop.
            _floatBytes[0] = (byte)low;
            _floatBytes[1] = (byte)(low >> 8);
            _floatBytes[2] = (byte)high;
            _floatBytes[3] = (byte)(high >> 8);
            return BitConverter.ToSingle(_floatBytes, 0);
        }

        public bool Read(MeterReading into)
        {
            lock (_lock)
            {
                if (_lastGoodMs < 0 || _clock.UptimeMs - _lastGoodMs > StaleAfterMs) return false;
                Copy(_latest, into);
                return true;
            }
        }

        static void Copy(MeterReading from, MeterReading to)
        {
            to.EnergyWh = from.EnergyWh;
            to.PowerW = from.PowerW;
            for (int i = 0; i < 3; i++)
            {
                to.CurrentMa[i] = from.CurrentMa[i];
                to.VoltageDeciV[i] = from.VoltageDeciV[i];
            }
        }
    }
}
