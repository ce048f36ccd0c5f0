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
    /// where it comes from and how it is scaled, and what a write does. The kinds of row are the
    /// subclasses below; each keeps only the fields it needs (every field costs heap on the device).
    /// </summary>
    public abstract class RegisterDef
    {
        public readonly int Address;
        public readonly int Count;

        protected RegisterDef(int address, int count) { Address = address; Count = count; }

        public virtual bool Readable { get { return true; } }
        public virtual bool Writable { get { return false; } }
        /// <summary>The setting behind a persisted row (kept on flash), else null (RAM or read-only).</summary>
        public virtual string Setting { get { return null; } }
        public bool Persisted { get { return Setting != null; } }

        /// <summary>Word <paramref name="index"/> (0-based, high word first) of the value.</summary>
        public abstract int Word(int index, Settings settings);

        /// <summary>0 when the value may be written, else exception 03.</summary>
        public virtual int CheckWrite(int value) { return ModbusPdu.IllegalDataAddress; }

        /// <summary>Takes a checked value: 0, or a Modbus exception code.</summary>
        internal virtual int Take(int value) { return ModbusPdu.IllegalDataAddress; }

        protected int WordOf(long value, int index)
        {
            int shift = (Count - 1 - index) * 16;
            return (int)((value >> shift) & 0xFFFF);
        }

        /// <summary>A fixed value (identification).</summary>
        public static RegisterDef Constant(int address, int count, long value) { return new ConstantRow(address, count, value); }

        /// <summary>A measured or derived value, read-only; divisor: source units per register unit.</summary>
        public static RegisterDef Number(int address, int count, NumberSource source, int divisor) { return new NumberRow(address, count, source, divisor); }

        /// <summary>ASCII text, two characters a register; right-aligned text is padded with leading NULs.</summary>
        public static RegisterDef Text(int address, int count, TextSource source, bool rightAligned) { return new TextRow(address, count, source, rightAligned); }

        /// <summary>A control value in RAM, 0..max; write-only when source is null.</summary>
        public static RegisterDef Control(int address, NumberSource source, int max, RegisterSink sink) { return new ControlRow(address, source, max, sink); }

        /// <summary>A setting, read and written as one register; its limits are the setting's.</summary>
        public static RegisterDef Stored(int address, string settingKey) { return new StoredRow(address, settingKey); }
    }

    sealed class ConstantRow : RegisterDef
    {
        readonly long _value;
        public ConstantRow(int address, int count, long value) : base(address, count) { _value = value; }
        public override int Word(int index, Settings settings) { return WordOf(_value, index); }
    }

    sealed class NumberRow : RegisterDef
    {
        readonly NumberSource _source;
        readonly int _divisor;
        public NumberRow(int address, int count, NumberSource source, int divisor) : base(address, count) { _source = source; _divisor = divisor; }
        public override int Word(int index, Settings settings) { return WordOf(_source() / _divisor, index); }
    }

    sealed class TextRow : RegisterDef
    {
        readonly TextSource _source;
        readonly bool _rightAligned;
        public TextRow(int address, int count, TextSource source, bool rightAligned) : base(address, count) { _source = source; _rightAligned = rightAligned; }

        public override int Word(int index, Settings settings)
        {
            string text = _source();
            return (CharAt(text, index * 2) << 8) | CharAt(text, index * 2 + 1);
        }

        int CharAt(string text, int position)
        {
            if (text == null) return 0;
            int i = _rightAligned ? position - (Count * 2 - text.Length) : position;
            if (i < 0 || i >= text.Length) return 0;
            int c = text[i];
            return c < 0x20 || c > 0x7E ? '?' : c;
        }
    }

    sealed class ControlRow : RegisterDef
    {
        readonly NumberSource _source;
        readonly int _max;
        readonly RegisterSink _sink;
        public ControlRow(int address, NumberSource source, int max, RegisterSink sink) : base(address, 1) { _source = source; _max = max; _sink = sink; }
        public override bool Readable { get { return _source != null; } }
        public override bool Writable { get { return true; } }
        public override int Word(int index, Settings settings) { return _source == null ? 0 : WordOf(_source(), index); }
        public override int CheckWrite(int value) { return value >= 0 && value <= _max ? 0 : ModbusPdu.IllegalDataValue; }
        internal override int Take(int value) { return _sink(value); }
    }

    sealed class StoredRow : RegisterDef
    {
        readonly string _setting;
        SettingDef _def;   // made at the first write and kept, so later writes allocate nothing
        public StoredRow(int address, string setting) : base(address, 1) { _setting = setting; }
        public override bool Writable { get { return true; } }
        public override string Setting { get { return _setting; } }
        public override int Word(int index, Settings settings) { return WordOf(settings.GetNumber(_setting), index); }

        public override int CheckWrite(int value)
        {
            if (_def == null) _def = SettingsCatalog.Find(_setting);
            SettingDef d = _def;
            return value >= d.Min && value <= d.Max && d.Offers(value) ? 0 : ModbusPdu.IllegalDataValue;
        }
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
        readonly string[] _oneKey = StringArrays.New(1);
        readonly string[] _oneValue = StringArrays.New(1);

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
