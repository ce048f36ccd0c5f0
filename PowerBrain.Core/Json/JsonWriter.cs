using System;
using System.Text;

namespace PowerBrain.Firmware.Json
{
    /// <summary>
    /// Writes compact JSON as UTF-8 into a reusable buffer. Numbers are written from integers so the
    /// text is identical on the device and the desktop (13.3, never 13.299999). There is no way to
    /// write null: optional fields are left out instead, as OCPP 1.6 schemas require.
    /// </summary>
    public sealed class JsonWriter
    {
        byte[] _buffer;
        int _length;
        readonly int _maxBytes;
        readonly bool[] _hasItems;
        int _depth;
        bool _afterName;

        public JsonWriter(int initialCapacity, int maxBytes)
        {
            _buffer = new byte[initialCapacity];
            _maxBytes = maxBytes;
            _hasItems = new bool[JsonReader.DefaultMaxDepth + 1];
        }

        public JsonWriter() : this(256, 65536) { }

        public byte[] Buffer { get { return _buffer; } }

        public int Length { get { return _length; } }

        public void Reset()
        {
            _length = 0;
            _depth = 0;
            _afterName = false;
            _hasItems[0] = false;
        }

        public override string ToString() { return Encoding.UTF8.GetString(_buffer, 0, _length); }

        /// <summary>Copies the output into a new array of exactly the written length.</summary>
        public byte[] ToArray()
        {
            byte[] copy = new byte[_length];
            Array.Copy(_buffer, copy, _length);
            return copy;
        }

        void Ensure(int extra)
        {
            int needed = _length + extra;
            if (needed <= _buffer.Length) return;
            if (needed > _maxBytes) throw new JsonException("JSON output larger than " + _maxBytes + " bytes", _length);
            int size = _buffer.Length * 2;
            if (size < needed) size = needed;
            if (size > _maxBytes) size = _maxBytes;
            byte[] bigger = new byte[size];
            Array.Copy(_buffer, bigger, _length);
            _buffer = bigger;
        }

        void Put(int b)
        {
            if (_length == _buffer.Length) Ensure(1);
            _buffer[_length++] = (byte)b;
        }

        void BeforeValue()
        {
            if (_afterName) { _afterName = false; return; }
            if (_hasItems[_depth]) Put(',');
            _hasItems[_depth] = true;
        }

        public JsonWriter StartObject() { return Open('{'); }

        public JsonWriter StartArray() { return Open('['); }

        public JsonWriter EndObject() { return Close('}'); }

        public JsonWriter EndArray() { return Close(']'); }

        JsonWriter Open(char c)
        {
            BeforeValue();
            if (_depth >= JsonReader.DefaultMaxDepth) throw new JsonException("nesting deeper than " + JsonReader.DefaultMaxDepth, _length);
            Put(c);
            _depth++;
            _hasItems[_depth] = false;
            return this;
        }

        JsonWriter Close(char c)
        {
            if (_depth == 0) throw new JsonException("nothing to close", _length);
            Put(c);
            _depth--;
            return this;
        }

        public JsonWriter Name(string name)
        {
            BeforeValue();
            WriteQuoted(name);
            Put(':');
            _afterName = true;
            return this;
        }

        public JsonWriter String(string value)
        {
            BeforeValue();
            WriteQuoted(value);
            return this;
        }

        public JsonWriter Bool(bool value)
        {
            BeforeValue();
            WriteRaw(value ? TrueText : FalseText);
            return this;
        }

        public JsonWriter Int(long value)
        {
            BeforeValue();
            WriteInteger(value, false);
            return this;
        }

        /// <summary>A decimal given as an integer count of 10^-decimals: (133, 1) writes 13.3, (130, 1) writes 13.</summary>
        public JsonWriter Fixed(long scaled, int decimals)
        {
            BeforeValue();
            WriteFixed(scaled, decimals);
            return this;
        }

        /// <summary>The same number as a JSON string ("13.3"), as OCPP sampled values are sent.</summary>
        public JsonWriter FixedAsString(long scaled, int decimals)
        {
            BeforeValue();
            Put('"');
            WriteFixed(scaled, decimals);
            Put('"');
            return this;
        }

        void WriteFixed(long scaled, int decimals)
        {
            long divisor = 1;
            for (int i = 0; i < decimals; i++) divisor *= 10;
            long whole = scaled / divisor;
            long fraction = scaled % divisor;
            if (fraction < 0) fraction = -fraction;
            WriteInteger(whole, scaled < 0 && whole == 0);
            if (fraction == 0) return;
            int digits = decimals;
            while (fraction % 10 == 0) { fraction /= 10; digits--; }
            Put('.');
            Ensure(digits);
            for (int i = digits - 1; i >= 0; i--)
            {
                _buffer[_length + i] = (byte)('0' + (int)(fraction % 10));
                fraction /= 10;
            }
            _length += digits;
        }

        /// <summary>A double rounded (half away from zero) to at most maxDecimals decimals.</summary>
        public JsonWriter Decimal(double value, int maxDecimals)
        {
            double factor = 1;
            for (int i = 0; i < maxDecimals; i++) factor *= 10;
            double scaled = value * factor;
            return Fixed(Core.Numbers.ClampToLong(scaled), maxDecimals);
        }

        /// <summary>Inserts JSON text that is already valid (for example a stored fragment).</summary>
        public JsonWriter Raw(byte[] utf8Json, int offset, int count)
        {
            BeforeValue();
            Ensure(count);
            Array.Copy(utf8Json, offset, _buffer, _length, count);
            _length += count;
            return this;
        }

        /// <summary>Inserts members of an object that are already valid JSON ("a":1,"b":2) into the
        /// object being written.</summary>
        public JsonWriter RawMembers(byte[] utf8Members, int offset, int count)
        {
            if (count == 0) return this;
            if (_hasItems[_depth]) Put(',');
            _hasItems[_depth] = true;
            Ensure(count);
            Array.Copy(utf8Members, offset, _buffer, _length, count);
            _length += count;
            return this;
        }

        // Convenience for object members.
        public JsonWriter Property(string name, string value) { return Name(name).String(value); }

        public JsonWriter Property(string name, long value) { return Name(name).Int(value); }

        public JsonWriter Property(string name, bool value) { return Name(name).Bool(value); }

        public JsonWriter PropertyFixed(string name, long scaled, int decimals) { return Name(name).Fixed(scaled, decimals); }

        /// <summary>Writes the member only when value is not null: optional fields are omitted, never null.</summary>
        public JsonWriter OptionalProperty(string name, string value)
        {
            if (value != null) Name(name).String(value);
            return this;
        }

        static readonly byte[] TrueText = Encoding.UTF8.GetBytes("true");
        static readonly byte[] FalseText = Encoding.UTF8.GetBytes("false");

        void WriteRaw(byte[] text)
        {
            Ensure(text.Length);
            Array.Copy(text, 0, _buffer, _length, text.Length);
            _length += text.Length;
        }

        void WriteInteger(long value, bool negativeZero)
        {
            Ensure(21);
            if (value < 0 || negativeZero) _buffer[_length++] = (byte)'-';
            if (value == 0) { _buffer[_length++] = (byte)'0'; return; }
            int start = _length;
            // Work with negative numbers so long.MinValue needs no special case.
            long v = value > 0 ? -value : value;
            while (v != 0)
            {
                _buffer[_length++] = (byte)('0' - (int)(v % 10));
                v /= 10;
            }
            for (int i = start, j = _length - 1; i < j; i++, j--)
            {
                byte t = _buffer[i]; _buffer[i] = _buffer[j]; _buffer[j] = t;
            }
        }

        // Strings up to this many UTF-16 units are encoded straight into the output buffer.
        const int InPlaceChars = 256;

        /// <summary>The string as UTF-8 with JSON escapes. The runtime's encoder does the UTF-8 (a
        /// lone surrogate becomes U+FFFD on device and desktop alike): indexing a device string is
        /// O(i) and splits surrogate pairs wrongly.</summary>
        void WriteQuoted(string s)
        {
            Put('"');
            int n = s.Length;
            byte[] raw;
            int count;
            if (n <= InPlaceChars && _length + 3 * n + 1 <= _maxBytes)
            {
                Ensure(3 * n + 1);
                count = Encoding.UTF8.GetBytes(s, 0, n, _buffer, _length);
                if (!NeedsEscape(_buffer, _length, count))
                {
                    _length += count;
                    Put('"');
                    return;
                }
                raw = new byte[count];
                Array.Copy(_buffer, _length, raw, 0, count);
            }
            else
            {
                raw = Encoding.UTF8.GetBytes(s);
                count = raw.Length;
            }
            for (int i = 0; i < count; i++)
            {
                int c = raw[i];
                if (c == '"' || c == '\\') { Put('\\'); Put(c); }
                else if (c < 0x20) WriteControl(c);
                else Put(c);
            }
            Put('"');
        }

        static bool NeedsEscape(byte[] b, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                int c = b[i];
                if (c < 0x20 || c == '"' || c == '\\') return true;
            }
            return false;
        }

        void WriteControl(int c)
        {
            switch (c)
            {
                case '\n': Put('\\'); Put('n'); break;
                case '\r': Put('\\'); Put('r'); break;
                case '\t': Put('\\'); Put('t'); break;
                case '\b': Put('\\'); Put('b'); break;
                case '\f': Put('\\'); Put('f'); break;
                default: WriteUnicodeEscape(c); break;
            }
        }

        static readonly char[] HexDigits = "0123456789abcdef".ToCharArray();

        void WriteUnicodeEscape(int c)
        {
            Put('\\'); Put('u');
            Put(HexDigits[(c >> 12) & 0xF]); Put(HexDigits[(c >> 8) & 0xF]); Put(HexDigits[(c >> 4) & 0xF]); Put(HexDigits[c & 0xF]);
        }
    }
}
