using System.Text;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>The last OCPP frames in and out (for the diagnostics file): a fixed ring of byte
    /// buffers, so recording allocates nothing. A frame that names the AuthorizationKey is kept
    /// without its text: the key never reaches a file.</summary>
    public sealed class FrameLog
    {
        public const int Size = 10, MaxBytes = 200;   // 2 KB of heap: enough to see the last exchanges
        static readonly byte[] Secret = Encoding.UTF8.GetBytes("AuthorizationKey");
        static readonly char[] UrlEnds = new char[] { '/', '"', ' ' };
        readonly byte[][] _frames = new byte[Size][];
        readonly int[] _lengths = new int[Size];
        readonly bool[] _out = new bool[Size], _cut = new bool[Size];
        readonly long[] _atMs = new long[Size];
        int _next, _count;

        public FrameLog()
        {
            for (int i = 0; i < Size; i++) _frames[i] = new byte[MaxBytes];
        }

        public void Record(long uptimeMs, bool outgoing, byte[] frame, int length)
        {
            int n = length < MaxBytes ? length : MaxBytes;
            bool secret = Contains(frame, length, Secret);
            if (secret) n = 0;
            System.Array.Copy(frame, 0, _frames[_next], 0, n);
            _lengths[_next] = secret ? -1 : n;
            _cut[_next] = length > MaxBytes;
            _out[_next] = outgoing;
            _atMs[_next] = uptimeMs;
            _next = (_next + 1) % Size;
            if (_count < Size) _count++;
        }

        static bool Contains(byte[] b, int length, byte[] word)
        {
            for (int i = 0; i + word.Length <= length; i++)
            {
                int j = 0;
                while (j < word.Length && b[i + j] == word[j]) j++;
                if (j == word.Length) return true;
            }
            return false;
        }

        /// <summary>Every "scheme://user:password@" in the text becomes "scheme://***@" (GetDiagnostics
        /// and UpdateFirmware locations carry passwords).</summary>
        static string WithoutUserInfo(string text)
        {
            int from = 0;
            while (true)
            {
                int scheme = text.IndexOf("://", from);
                if (scheme < 0) return text;
                int start = scheme + 3;
                int at = text.IndexOf('@', start);
                int end = text.IndexOfAny(UrlEnds, start);
                if (at >= 0 && (end < 0 || at < end)) text = text.Substring(0, start) + "***" + text.Substring(at);
                from = start;
            }
        }

        /// <summary>The frames, oldest first: [{"uptimeS", "out", "frame"}].</summary>
        public void Write(JsonWriter w)
        {
            w.StartArray();
            for (int i = 0; i < _count; i++)
            {
                int at = (_next - _count + i + Size * 2) % Size;
                string text = _lengths[at] < 0 ? "(a frame with the AuthorizationKey, left out)"
                            : WithoutUserInfo(new string(Encoding.UTF8.GetChars(_frames[at], 0, _lengths[at]))) + (_cut[at] ? "…" : "");
                w.StartObject().Property("uptimeS", _atMs[at] / 1000).Property("out", _out[at]).Property("frame", text).EndObject();
            }
            w.EndArray();
        }
    }
}
