using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Core;

namespace PowerBrain.Firmware.Modbus
{
    /// <summary>Reads the value behind a register, in the source's own unit.</summary>
    public delegate long NumberSource();

    /// <summary>Reads the text behind a register.</summary>
    public delegate string TextSource();

    /// <summary>Takes a value the master wrote (already checked against the row's limits);
    /// returns 0, or a Modbus exception code.</summary>
    public delegate int RegisterSink(int value);

    /// <summary>
    /// One row of a register map: a value over <see cref="Count"/> registers (high word first),
    /// where it comes from and how it is scaled, and what a write does. A persisted row is a
    /// setting: its value, limits and storage are the setting's.
    /// </summary>
    public sealed class RegisterDef
    {
        public readonly int Address;
        public readonly int Count;
        public readonly bool Readable;
        public readonly bool Writable;
        /// <summary>The setting behind a persisted row (kept on flash), else null (RAM or read-only).</summary>
        public readonly string Setting;
        /// <summary>Source units per register unit (mA read as 0.1 A: 100).</summary>
        public readonly int Divisor;
        /// <summary>Largest value a RAM row takes (the smallest is 0).</summary>
        public readonly int Max;
        public readonly bool RightAligned;
        readonly long _constant;
        readonly NumberSource _number;
        readonly TextSource _text;
        readonly RegisterSink _sink;

        RegisterDef(int address, int count, bool readable, bool writable, string setting, int divisor, int max,
                    long constant, NumberSource number, TextSource text, bool rightAligned, RegisterSink sink)
        {
            Address = address; Count = count; Readable = readable; Writable = writable; Setting = setting; Divisor = divisor;
            Max = max; _constant = constant; _number = number; _text = text; RightAligned = rightAligned; _sink = sink;
        }

        public bool Persisted { get { return Setting != null; } }

        /// <summary>A fixed value (identification).</summary>
        public static RegisterDef Constant(int address, int count, long value)
        {
            return new RegisterDef(address, count, true, false, null, 1, 0, value, null, null, false, null);
        }

        /// <summary>A measured or derived value, read-only.</summary>
        public static RegisterDef Number(int address, int count, NumberSource source, int divisor)
        {
            return new RegisterDef(address, count, true, false, null, divisor, 0, 0, source, null, false, null);
        }

        /// <summary>ASCII text, two characters a register; right-aligned text is padded with leading NULs.</summary>
        public static RegisterDef Text(int address, int count, TextSource source, bool rightAligned)
        {
            return new RegisterDef(address, count, true, false, null, 1, 0, 0, null, source, rightAligned, null);
        }

        /// <summary>A control value in RAM, 0..max; write-only when source is null.</summary>
        public static RegisterDef Control(int address, NumberSource source, int max, RegisterSink sink)
        {
            return new RegisterDef(address, 1, source != null, true, null, 1, max, 0, source, null, false, sink);
        }

        /// <summary>A setting, read and written as one register.</summary>
        public static RegisterDef Stored(int address, string settingKey)
        {
            return new RegisterDef(address, 1, true, true, settingKey, 1, 0, 0, null, null, false, null);
        }

        /// <summary>Word <paramref name="index"/> (0-based, high word first) of the value.</summary>
        public int Word(int index, Settings settings)
        {
            if (_text != null) return TextWord(_text(), index);
            long value = Setting != null ? settings.GetNumber(Setting) : _number != null ? _number() / Divisor : _constant;
            int shift = (Count - 1 - index) * 16;
            return (int)((value >> shift) & 0xFFFF);
        }

        int TextWord(string text, int index)
        {
            int total = Count * 2;
            return (CharAt(text, index * 2, total) << 8) | CharAt(text, index * 2 + 1, total);
        }

        int CharAt(string text, int position, int total)
        {
            if (text == null) return 0;
            int i = RightAligned ? position - (total - text.Length) : position;
            if (i < 0 || i >= text.Length) return 0;
            int c = text[i];
            return c < 0x20 || c > 0x7E ? '?' : c;
        }

        /// <summary>0 when the value may be written, else exception 03.</summary>
        public int CheckWrite(int value)
        {
            if (Setting == null) return value >= 0 && value <= Max ? 0 : ModbusPdu.IllegalDataValue;
            SettingDef d = SettingsCatalog.Find(Setting);
            return value >= d.Min && value <= d.Max && d.Offers(value) ? 0 : ModbusPdu.IllegalDataValue;
        }

        internal int Take(int value) { return _sink(value); }
    }

    /// <summary>
    /// A contiguous block of holding registers described as data. Addresses inside the block that
    /// no register covers read as 0 (masters read large blocks); outside it they are exception 02.
    /// Persisted rows are written through the settings, to flash only when the value changes.
    /// </summary>
    public sealed class RegisterMap
    {
        public readonly int First;
        public readonly int Last;
        readonly RegisterDef[] _byOffset;   // the register covering each address, or null
        readonly Settings _settings;
        readonly Logger _log;
        readonly string[] _oneKey = new string[1];
        readonly string[] _oneValue = new string[1];

        public RegisterMap(int first, int last, RegisterDef[] registers, Settings settings, Logger log)
        {
            First = first;
            Last = last;
            _settings = settings;
            _log = log;
            _byOffset = new RegisterDef[last - first + 1];
            for (int i = 0; i < registers.Length; i++)
            {
                RegisterDef r = registers[i];
                for (int a = r.Address; a < r.Address + r.Count; a++) _byOffset[a - first] = r;
            }
        }

        public bool Contains(int address, int count)
        {
            return address >= First && address + count - 1 <= Last;
        }

        /// <summary>The register covering the address, or null for a gap.</summary>
        public RegisterDef At(int address)
        {
            return address < First || address > Last ? null : _byOffset[address - First];
        }

        public int ReadWord(int address)
        {
            RegisterDef r = _byOffset[address - First];
            if (r == null || !r.Readable) return 0;
            return r.Word(address - r.Address, _settings) & 0xFFFF;
        }

        /// <summary>0, or exception 02 when the address takes no single-register write.</summary>
        public int CheckAddressWritable(int address)
        {
            RegisterDef r = At(address);
            return r == null || !r.Writable || r.Count != 1 ? ModbusPdu.IllegalDataAddress : 0;
        }

        public int CheckWrite(int address, int value) { return At(address).CheckWrite(value); }

        /// <summary>Stores a checked value. Returns 0, or 04 when it could not be done (storage failure).</summary>
        public int Write(int address, int value)
        {
            RegisterDef r = At(address);
            return r.Persisted ? Persist(r.Setting, value) : r.Take(value);
        }

        int Persist(string key, int value)
        {
            if (_settings.GetNumber(key) == value) return 0;   // unchanged: flash untouched
            try
            {
                _oneKey[0] = key;
                _oneValue[0] = value.ToString();
                return _settings.Apply(_oneKey, _oneValue, true) == null ? 0 : ModbusPdu.IllegalDataValue;
            }
            catch (System.Exception e)
            {
                _log.Error("modbus", "could not store " + key + ": " + Failure.Describe(e));
                return ModbusPdu.DeviceFailure;
            }
        }
    }
}
