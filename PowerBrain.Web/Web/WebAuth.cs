using System;
using System.Security.Cryptography;
using System.Text;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Web
{
    /// <summary>A new admin password, checked and derived (salt and hash) but not stored yet.</summary>
    public sealed class PreparedPassword
    {
        public string Problem;
        internal byte[] Salt, Hash;
    }

    /// <summary>
    /// The admin password (salted, iterated HMAC-SHA256; never stored or logged in clear), login
    /// sessions with a CSRF token each, and a growing delay after wrong passwords.
    /// </summary>
    public sealed class WebAuth : IFlashFile
    {
        public const string BlobName = "admin.json";
        public const string CookieName = "pb_session";
        const int Iterations = 2000;
        const int MaxSessions = 4;
        const long SessionLifetimeMs = 12L * 3600 * 1000;
        public const int MinPasswordLength = 8;
        /// <summary>A password's verdict worked out before the core loop (see IPreparedRoute).</summary>
        public const int NotChecked = 0, Good = 1, Wrong = 2;

        readonly IStorage _storage;
        readonly IClock _clock;
        readonly Logger _log;
        readonly Random _random;
        byte[] _salt;
        byte[] _hash;
        readonly string[] _tokens = StringArrays.New(MaxSessions);
        readonly string[] _csrf = StringArrays.New(MaxSessions);
        readonly long[] _expires = new long[MaxSessions];
        int _failures;
        long _lockedUntilMs;
        readonly object _lock = new object();
        // A digest of the last password that checked out, with a salt made at start: RAM only.
        byte[] _verified;
        readonly byte[] _quickSalt = new byte[16];

        public WebAuth(IStorage storage, IClock clock, Logger log)
        {
            _storage = storage;
            _clock = clock;
            _log = log;
            _random = new Random((int)(clock.UtcNow.Ticks ^ clock.UptimeMs));
            _random.NextBytes(_quickSalt);
            Load();
        }

        /// <summary>No admin password yet: the page asks for one first.</summary>
        public bool NeedsSetup { get { return _hash == null; } }

        /// <summary>Milliseconds until another password attempt is allowed (0: now).</summary>
        public long RetryAfterMs { get { long w = _lockedUntilMs - _clock.UptimeMs; return w > 0 ? w : 0; } }

        /// <summary>Sets the admin password (first run, or a change). Returns an error or null.</summary>
        public string SetPassword(string password) { return SetPassword(Prepare(password)); }

        /// <summary>Checks and derives a new password; safe on any thread (the slow part).</summary>
        public PreparedPassword Prepare(string password)
        {
            PreparedPassword p = new PreparedPassword();
            p.Problem = PasswordProblem(password);
            if (p.Problem != null) return p;
            p.Salt = new byte[16];
            lock (_lock) _random.NextBytes(p.Salt);
            p.Hash = Derive(password, p.Salt);
            return p;
        }

        /// <summary>Stores a prepared password. Returns an error or null.</summary>
        public string SetPassword(PreparedPassword prepared)
        {
            if (prepared == null) return "no new password given";
            if (prepared.Problem != null) return prepared.Problem;
            lock (_lock)
            {
                _salt = prepared.Salt;
                _hash = prepared.Hash;
                _verified = null;
            }
            JsonWriter w = new JsonWriter(128, 512);
            w.StartObject().Property("salt", Convert.ToBase64String(_salt)).Property("hash", Convert.ToBase64String(_hash)).EndObject();
            FlashFile.Save(_storage, BlobName, w);
            for (int i = 0; i < MaxSessions; i++) _tokens[i] = null;   // a new password ends every session
            _log.Info("web", "admin password set");
            return null;
        }

        /// <summary>Why a new admin password is refused, or null when it is fine.</summary>
        public static string PasswordProblem(string password)
        {
            if (password == null || password.Length < MinPasswordLength) return "the admin password needs at least " + MinPasswordLength + " characters";
            if (password.Length > 64) return "the admin password may have at most 64 characters";
            return null;
        }

        /// <summary>Checks a password, with a growing delay after failures. Returns false while locked.
        /// Safe on any thread: the 2,000 rounds run outside every lock (HTTP Basic is checked on the
        /// HTTP thread, before the request reaches the core loop), and a password that checked out
        /// before is recognised by a one-round digest kept in RAM only, so a script polling with
        /// HTTP Basic costs one SHA-256 per request.</summary>
        public bool Check(string password)
        {
            if (password == null) return false;
            byte[] quick = QuickDigest(password);
            byte[] salt, hash;
            lock (_lock)
            {
                if (_hash == null || RetryAfterMs > 0) return false;
                if (_verified != null && SameBytes(quick, _verified)) return true;
                salt = _salt;
                hash = _hash;
            }
            byte[] derived = Derive(password, salt);
            lock (_lock)
            {
                Derivations++;
                if (hash != _hash) return false;   // the password changed meanwhile
                if (SameBytes(derived, hash))
                {
                    _failures = 0;
                    _verified = quick;
                    return true;
                }
                _failures++;
                int waitS = _failures >= 6 ? 60 : 1 << (_failures - 1);
                _lockedUntilMs = _clock.UptimeMs + waitS * 1000L;
                _log.Warning("web", "wrong admin password (" + _failures + " in a row); next attempt in " + waitS + " s");
                return false;
            }
        }

        /// <summary>Checks a password unless attempts are locked out: Good, Wrong or NotChecked.</summary>
        public int Verdict(string password)
        {
            if (NeedsSetup || RetryAfterMs > 0) return NotChecked;
            return Check(password) ? Good : Wrong;
        }

        /// <summary>How many password checks ran the slow derivation (diagnostics and tests).</summary>
        public int Derivations;

        byte[] QuickDigest(string password)
        {
            byte[] text = Encoding.UTF8.GetBytes(password);
            byte[] salted = new byte[_quickSalt.Length + text.Length];
            Array.Copy(_quickSalt, salted, _quickSalt.Length);
            Array.Copy(text, 0, salted, _quickSalt.Length, text.Length);
            return Security.Sha256.Hash(salted, 0, salted.Length);
        }

        static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            int diff = 0;
            for (int i = 0; i < a.Length; i++) diff |= a[i] ^ b[i];
            return diff == 0;
        }

        static byte[] Derive(string password, byte[] salt)
        {
            byte[] h = HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(password));
            for (int i = 1; i < Iterations; i++) h = HMACSHA256.HashData(salt, h);
            return h;
        }

        /// <summary>Starts a session; returns its slot (the oldest is replaced when all are taken).</summary>
        public int StartSession()
        {
            int slot = 0;
            for (int i = 0; i < MaxSessions; i++)
            {
                if (_tokens[i] == null || _expires[i] < _clock.UptimeMs) { slot = i; break; }
                if (_expires[i] < _expires[slot]) slot = i;
            }
            _tokens[slot] = RandomHex(16);
            _csrf[slot] = RandomHex(16);
            _expires[slot] = _clock.UptimeMs + SessionLifetimeMs;
            return slot;
        }

        public string Token(int slot) { return _tokens[slot]; }

        public string Csrf(int slot) { return _csrf[slot]; }

        public void EndSession(int slot) { if (slot >= 0) _tokens[slot] = null; }

        /// <summary>The session of a Cookie header, or -1.</summary>
        public int SessionOf(string cookieHeader)
        {
            string token = CookieValue(cookieHeader, CookieName);
            if (token == null || token.Length == 0) return -1;
            for (int i = 0; i < MaxSessions; i++)
            {
                if (_tokens[i] != null && _tokens[i] == token && _expires[i] >= _clock.UptimeMs) return i;
            }
            return -1;
        }

        static string CookieValue(string header, string name)
        {
            if (header == null) return null;
            string[] parts = header.Split(';');
            for (int i = 0; i < parts.Length; i++)
            {
                string p = parts[i].Trim();
                if (p.StartsWith(name + "=")) return p.Substring(name.Length + 1);
            }
            return null;
        }

        /// <summary>The password of an "Authorization: Basic" header (any user name), or null.</summary>
        public static string BasicPassword(string header)
        {
            if (header == null || !header.StartsWith("Basic ")) return null;
            try
            {
                byte[] raw = Convert.FromBase64String(header.Substring(6).Trim());
                string text = Encoding.UTF8.GetString(raw, 0, raw.Length);
                int colon = text.IndexOf(':');
                return colon < 0 ? null : text.Substring(colon + 1);
            }
            catch (Exception)
            {
                return null;
            }
        }

        string RandomHex(int bytes)
        {
            byte[] b = new byte[bytes];
            _random.NextBytes(b);
            return Hex.Encode(b, 0, bytes, false);
        }

        void Load()
        {
            // Locked out would be worse than a new first run: the page asks for a new password.
            FlashFile.Load(_storage, BlobName, _log, "web", "a new admin password must be set", this);
        }

        public void ReadStored(JsonReader r, byte[] blob)
        {
            r.BeginObject(blob);
            while (r.Read() == JsonToken.PropertyName)
            {
                bool salt = r.ValueEquals("salt");
                bool hash = r.ValueEquals("hash");
                r.Read();
                if (salt) _salt = Convert.FromBase64String(r.GetString());
                else if (hash) _hash = Convert.FromBase64String(r.GetString());
                else r.Skip();
            }
            if (_salt == null || _hash == null || _hash.Length != 32) throw new JsonException("incomplete", 0);
        }

        public void ForgetStored()
        {
            _salt = null;
            _hash = null;
        }
    }
}
