using System;
using System.Text;

namespace PowerBrain.Firmware.Json
{
    /// <summary>
    /// A pull reader over UTF-8 bytes (a string is read as its UTF-8: indexing a string is O(i)
    /// on the device). It validates as it goes, keeps its position,
    /// limits the nesting depth, and allocates only when a string value is asked for.
    /// </summary>
    public sealed class JsonReader
    {
        public const int DefaultMaxDepth = 32;

        // What may come next.
        const int ExpectValue = 0, ExpectValueOrEnd = 1, ExpectName = 2, ExpectNameOrEnd = 3, ExpectCommaOrEnd = 4, ExpectNothing = 5;

        byte[] _bytes;
        int _origin, _pos, _end;
        int _expect;
        readonly bool[] _isObject;
        int _depth;
        readonly int _maxDepth;

        JsonToken _token;
        int _tokenStart, _tokenEnd;     // string content (without quotes) or number text
        bool _tokenEscaped;
        long _mantissa;                 // number value = mantissa * 10^scale
        int _scale;
        bool _droppedDigits;            // significant digits beyond what a long holds

        // Decoder state for string tokens (used by GetString and ValueEquals).
        int _decodePos;
        int _pendingLowSurrogate = -1;
        char[] _scratch = new char[32];

        public JsonReader() : this(DefaultMaxDepth) { }

        public JsonReader(int maxDepth)
        {
            _maxDepth = maxDepth;
            _isObject = new bool[maxDepth + 1];
        }

        public void Reset(byte[] utf8, int offset, int count)
        {
            _bytes = utf8; _origin = offset; _pos = offset; _end = offset + count;
            Restart();
        }

        /// <summary>Starts reading a stored blob that must hold one JSON object; the next Read gives
        /// its first property name (or EndObject).</summary>
        public void BeginObject(byte[] utf8)
        {
            Reset(utf8, 0, utf8.Length);
            if (Read() != JsonToken.StartObject) throw Error("expected a JSON object");
        }

        /// <summary>Reads the UTF-8 of the text; positions are byte offsets into it.</summary>
        public void Reset(string text)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            Reset(utf8, 0, utf8.Length);
        }

        void Restart()
        {
            _depth = 0; _expect = ExpectValue; _token = JsonToken.None;
        }

        public JsonToken Token { get { return _token; } }

        /// <summary>Nesting depth after the current token (1 inside the top-level object).</summary>
        public int Depth { get { return _depth; } }

        /// <summary>Offset from the start of the input where reading continues.</summary>
        public int Position { get { return _pos - _origin; } }

        int At(int i) { return _bytes[i]; }

        JsonException Error(string message) { return new JsonException(message, _pos - _origin); }

        void SkipWhitespace()
        {
            while (_pos < _end)
            {
                int c = At(_pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
                _pos++;
            }
        }

        /// <summary>Moves to the next token. Throws JsonException on malformed input; never loops forever.</summary>
        public JsonToken Read()
        {
            SkipWhitespace();
            if (_expect == ExpectNothing)
            {
                if (_pos < _end) throw Error("unexpected data after the JSON value");
                return _token = JsonToken.EndOfInput;
            }
            if (_pos >= _end) throw Error("unexpected end of input");
            int c = At(_pos);
            switch (_expect)
            {
                case ExpectCommaOrEnd:
                    if (c == ',')
                    {
                        _pos++;
                        SkipWhitespace();
                        if (_pos >= _end) throw Error("unexpected end of input");
                        c = At(_pos);
                        if (_isObject[_depth]) return ReadName(c);
                        return ReadValue(c);
                    }
                    return ReadClose(c);
                case ExpectNameOrEnd:
                    if (c == '}') return ReadClose(c);
                    return ReadName(c);
                case ExpectName:
                    return ReadName(c);
                case ExpectValueOrEnd:
                    if (c == ']') return ReadClose(c);
                    return ReadValue(c);
                default:
                    return ReadValue(c);
            }
        }

        JsonToken ReadClose(int c)
        {
            bool inObject = _isObject[_depth];
            if (_depth == 0 || (c == '}' && !inObject) || (c == ']' && inObject) || (c != '}' && c != ']'))
                throw Error(inObject ? "expected ',' or '}'" : "expected ',' or ']'");
            _pos++;
            _depth--;
            AfterValue();
            return _token = inObject ? JsonToken.EndObject : JsonToken.EndArray;
        }

        JsonToken ReadName(int c)
        {
            if (c != '"') throw Error("expected a property name");
            ScanString();
            SkipWhitespace();
            if (_pos >= _end || At(_pos) != ':') throw Error("expected ':'");
            _pos++;
            _expect = ExpectValue;
            return _token = JsonToken.PropertyName;
        }

        void AfterValue() { _expect = _depth == 0 ? ExpectNothing : ExpectCommaOrEnd; }

        JsonToken ReadValue(int c)
        {
            switch (c)
            {
                case '{':
                case '[':
                    if (_depth >= _maxDepth) throw Error("nesting deeper than " + _maxDepth);
                    _pos++;
                    _depth++;
                    _isObject[_depth] = c == '{';
                    _expect = c == '{' ? ExpectNameOrEnd : ExpectValueOrEnd;
                    return _token = c == '{' ? JsonToken.StartObject : JsonToken.StartArray;
                case '"':
                    ScanString();
                    AfterValue();
                    return _token = JsonToken.String;
                case 't':
                    ScanLiteral(TrueText);
                    return _token = JsonToken.True;
                case 'f':
                    ScanLiteral(FalseText);
                    return _token = JsonToken.False;
                case 'n':
                    ScanLiteral(NullText);
                    return _token = JsonToken.Null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        ScanNumber();
                        AfterValue();
                        return _token = JsonToken.Number;
                    }
                    throw Error("unexpected character '" + (char)c + "'");
            }
        }

        static readonly byte[] TrueText = Encoding.UTF8.GetBytes("true");
        static readonly byte[] FalseText = Encoding.UTF8.GetBytes("false");
        static readonly byte[] NullText = Encoding.UTF8.GetBytes("null");

        void ScanLiteral(byte[] literal)
        {
            for (int i = 0; i < literal.Length; i++)
            {
                if (_pos + i >= _end || _bytes[_pos + i] != literal[i]) throw Error("invalid literal, expected " + Encoding.UTF8.GetString(literal, 0, literal.Length));
            }
            _pos += literal.Length;
            AfterValue();
        }

        void ScanString()
        {
            _pos++; // opening quote
            _tokenStart = _pos;
            _tokenEscaped = false;
            while (true)
            {
                if (_pos >= _end) throw Error("unterminated string");
                int c = At(_pos);
                if (c == '"') break;
                if (c < 0x20) throw Error("control character in string");
                if (c == '\\')
                {
                    _tokenEscaped = true;
                    _pos++;
                    if (_pos >= _end) throw Error("unterminated string");
                    int e = At(_pos);
                    if (e == 'u')
                    {
                        for (int i = 1; i <= 4; i++)
                        {
                            if (_pos + i >= _end || HexValue(At(_pos + i)) < 0) throw Error("invalid \\u escape");
                        }
                        _pos += 4;
                    }
                    else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't')
                    {
                        throw Error("invalid escape");
                    }
                }
                _pos++;
            }
            _tokenEnd = _pos;
            _pos++; // closing quote
        }

        static int HexValue(int c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        void ScanNumber()
        {
            _tokenStart = _pos;
            bool negative = false;
            _mantissa = 0; _scale = 0; _droppedDigits = false;
            int significant = 0;
            if (At(_pos) == '-') { negative = true; _pos++; }
            if (_pos >= _end || !IsDigit(At(_pos))) throw Error("invalid number");
            if (At(_pos) == '0')
            {
                _pos++;
                if (_pos < _end && IsDigit(At(_pos))) throw Error("leading zero in number");
            }
            else
            {
                while (_pos < _end && IsDigit(At(_pos)))
                {
                    AddDigit(At(_pos) - '0', false, ref significant);
                    _pos++;
                }
            }
            if (_pos < _end && At(_pos) == '.')
            {
                _pos++;
                if (_pos >= _end || !IsDigit(At(_pos))) throw Error("invalid number");
                while (_pos < _end && IsDigit(At(_pos)))
                {
                    AddDigit(At(_pos) - '0', true, ref significant);
                    _pos++;
                }
            }
            if (_pos < _end && (At(_pos) == 'e' || At(_pos) == 'E'))
            {
                _pos++;
                bool expNegative = false;
                if (_pos < _end && (At(_pos) == '+' || At(_pos) == '-')) { expNegative = At(_pos) == '-'; _pos++; }
                if (_pos >= _end || !IsDigit(At(_pos))) throw Error("invalid number exponent");
                int exp = 0;
                while (_pos < _end && IsDigit(At(_pos)))
                {
                    if (exp < 100000) exp = exp * 10 + (At(_pos) - '0');
                    _pos++;
                }
                _scale += expNegative ? -exp : exp;
            }
            if (negative) _mantissa = -_mantissa;
            _tokenEnd = _pos;
        }

        void AddDigit(int digit, bool fraction, ref int significant)
        {
            if (significant == 0 && digit == 0)
            {
                if (fraction) _scale--;
                return;
            }
            if (_mantissa <= (long.MaxValue - digit) / 10)
            {
                _mantissa = _mantissa * 10 + digit;
                significant++;
                if (fraction) _scale--;
            }
            else
            {
                if (digit != 0) _droppedDigits = true;
                if (!fraction) _scale++;
            }
        }

        static bool IsDigit(int c) { return c >= '0' && c <= '9'; }

        void Expect(JsonToken token, string what)
        {
            if (_token != token) throw Error("expected " + what);
        }

        /// <summary>The current number as a whole number; throws if it has a fraction or does not fit.</summary>
        public long GetInt64()
        {
            Expect(JsonToken.Number, "a number");
            long value = _mantissa;
            int scale = _scale;
            while (scale < 0)
            {
                if (value % 10 != 0) throw Error("expected a whole number");
                value /= 10;
                scale++;
            }
            while (scale > 0)
            {
                if (value > long.MaxValue / 10 || value < long.MinValue / 10) throw Error("number too large");
                value *= 10;
                scale--;
            }
            if (_droppedDigits) throw Error("number too large");
            return value;
        }

        public int GetInt32()
        {
            long v = GetInt64();
            if (v > int.MaxValue || v < int.MinValue) throw Error("number too large");
            return (int)v;
        }

        /// <summary>The current number times 10^decimals, rounded half away from zero. 13.3 with 1 decimal is 133.</summary>
        public long GetScaled(int decimals)
        {
            Expect(JsonToken.Number, "a number");
            long value = _mantissa;
            int shift = _scale + decimals;
            if (shift >= 0)
            {
                for (int i = 0; i < shift; i++)
                {
                    if (value > long.MaxValue / 10 || value < long.MinValue / 10) throw Error("number too large");
                    value *= 10;
                }
                return value;
            }
            if (shift < -19) return 0;
            long divisor = 1;
            for (int i = 0; i < -shift; i++) divisor *= 10;
            long quotient = value / divisor;
            long remainder = value % divisor;
            if (remainder * 2 >= divisor) quotient++;
            else if (remainder * 2 <= -divisor) quotient--;
            return quotient;
        }

        public double GetDouble()
        {
            Expect(JsonToken.Number, "a number");
            if (_scale == 0) return _mantissa;
            if (_scale > 0) return _mantissa * Math.Pow(10, _scale);
            return _mantissa / Math.Pow(10, -_scale);
        }

        public bool GetBoolean()
        {
            if (_token == JsonToken.True) return true;
            if (_token == JsonToken.False) return false;
            throw Error("expected true or false");
        }

        bool IsStringToken { get { return _token == JsonToken.String || _token == JsonToken.PropertyName; } }

        /// <summary>The current string or property name, unescaped.</summary>
        public string GetString()
        {
            if (!IsStringToken) throw Error("expected a string");
            if (!_tokenEscaped) return Encoding.UTF8.GetString(_bytes, _tokenStart, _tokenEnd - _tokenStart);
            int n = 0;
            BeginDecode();
            while (true)
            {
                int ch = NextChar();
                if (ch < 0) break;
                if (n == _scratch.Length)
                {
                    char[] bigger = new char[_scratch.Length * 2];
                    Array.Copy(_scratch, bigger, n);
                    _scratch = bigger;
                }
                _scratch[n++] = (char)ch;
            }
            return new string(_scratch, 0, n);
        }

        byte[] _compare = new byte[64];

        /// <summary>Compares the current string or name with text; allocates only when the token
        /// holds escapes (rare) or text is longer than any compared before.</summary>
        public bool ValueEquals(string text)
        {
            if (!IsStringToken) return false;
            if (_tokenEscaped) return GetString() == text;
            int length = _tokenEnd - _tokenStart;
            if (length > 3 * text.Length || length < text.Length) return false;   // UTF-8 takes 1 to 3 bytes per UTF-16 unit
            if (_compare.Length < 3 * text.Length) _compare = new byte[3 * text.Length];
            int n = Encoding.UTF8.GetBytes(text, 0, text.Length, _compare, 0);
            if (n != length) return false;
            for (int i = 0; i < n; i++) if (_bytes[_tokenStart + i] != _compare[i]) return false;
            return true;
        }

        /// <summary>Skips the current value; for an object or array, everything up to its end.</summary>
        public void Skip()
        {
            if (_token == JsonToken.PropertyName) Read();
            if (_token != JsonToken.StartObject && _token != JsonToken.StartArray) return;
            int depth = _depth;
            while (_depth >= depth) Read();
        }

        void BeginDecode()
        {
            _decodePos = _tokenStart;
            _pendingLowSurrogate = -1;
        }

        // Next UTF-16 code unit of the current string token, or -1 at its end.
        int NextChar()
        {
            if (_pendingLowSurrogate >= 0)
            {
                int low = _pendingLowSurrogate;
                _pendingLowSurrogate = -1;
                return low;
            }
            if (_decodePos >= _tokenEnd) return -1;
            int c = At(_decodePos++);
            if (c == '\\')
            {
                int e = At(_decodePos++);
                switch (e)
                {
                    case 'b': return '\b';
                    case 'f': return '\f';
                    case 'n': return '\n';
                    case 'r': return '\r';
                    case 't': return '\t';
                    case 'u':
                        int v = (HexValue(At(_decodePos)) << 12) | (HexValue(At(_decodePos + 1)) << 8)
                              | (HexValue(At(_decodePos + 2)) << 4) | HexValue(At(_decodePos + 3));
                        _decodePos += 4;
                        return v;
                    default: return e; // " \ /
                }
            }
            if (c < 0x80) return c;
            // A UTF-8 sequence. Malformed bytes decode as U+FFFD rather than failing the message.
            int extra, cp;
            if ((c & 0xE0) == 0xC0) { extra = 1; cp = c & 0x1F; }
            else if ((c & 0xF0) == 0xE0) { extra = 2; cp = c & 0x0F; }
            else if ((c & 0xF8) == 0xF0) { extra = 3; cp = c & 0x07; }
            else return 0xFFFD;
            for (int i = 0; i < extra; i++)
            {
                if (_decodePos >= _tokenEnd) return 0xFFFD;
                int b = _bytes[_decodePos];
                if ((b & 0xC0) != 0x80) return 0xFFFD;
                cp = (cp << 6) | (b & 0x3F);
                _decodePos++;
            }
            if (cp >= 0x10000)
            {
                cp -= 0x10000;
                _pendingLowSurrogate = 0xDC00 + (cp & 0x3FF);
                return 0xD800 + (cp >> 10);
            }
            return cp;
        }
    }
}
