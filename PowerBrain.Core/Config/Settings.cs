using System;
using System.Collections;
using System.Text;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Config
{
    /// <summary>Why one setting of a change was refused: the key it belongs to, and a message for people.</summary>
    public sealed class SettingError
    {
        public readonly string Key;
        public readonly string Message;

        public SettingError(string key, string message)
        {
            Key = key;
            Message = message;
        }
    }

    /// <summary>Told after a setting has changed (on the thread that changed it: the core loop for
    /// the web page, Modbus and OCPP), so the running box takes it without a restart.</summary>
    public interface ISettingsListener
    {
        void SettingChanged(string key);
    }

    /// <summary>
    /// All settings of the wallbox: validated against <see cref="SettingsCatalog"/> and persisted as
    /// one JSON blob. A broken file is kept aside as settings.json.bad and the defaults are used, so
    /// nothing is lost and the box still starts.
    /// </summary>
    public sealed class Settings : IFlashFile
    {
        public const string BlobName = "settings.json";
        public const string BadBlobName = BlobName + FlashFile.BadSuffix;

        readonly IStorage _storage;
        readonly Logger _log;
        // The values in the catalogue's order: a number's in _numbers, a text's in _texts.
        readonly int[] _numbers = new int[SettingsCatalog.Keys.Length];
        readonly string[] _texts = StringArrays.New(SettingsCatalog.Keys.Length);
        readonly ArrayList _listeners = new ArrayList();

        public void AddListener(ISettingsListener listener) { _listeners.Add(listener); }

        public Settings(IStorage storage, Logger log)
        {
            _storage = storage;
            _log = log;
            for (int i = 0; i < SettingsCatalog.Keys.Length; i++)
            {
                SettingDef d = SettingsCatalog.Row(i);
                _numbers[i] = d.DefaultNumber;
                _texts[i] = d.DefaultText;
            }
        }

        // Read on every Modbus request and core tick: a lookup that allocates nothing.
        public int GetNumber(string key) { return _numbers[Known(key)]; }

        public string GetText(string key) { return _texts[Known(key)]; }

        static int Known(string key)
        {
            int i = SettingsCatalog.IndexOf(key);
            if (i < 0) throw new ArgumentException("unknown setting " + key);
            return i;
        }

        /// <summary>Stores a valid value given as text; true when it differs from the old one.</summary>
        bool Take(SettingDef d, string text)
        {
            int i = SettingsCatalog.IndexOf(d.Key);
            if (d.IsNumber)
            {
                int number = ParseInt(text.Trim());
                if (number == _numbers[i]) return false;
                _numbers[i] = number;
            }
            else
            {
                if (text == _texts[i]) return false;
                _texts[i] = text;
            }
            return true;
        }

        /// <summary>Checks a value given as text (from a form, a flag or a file). Returns an error
        /// message for people, or null when it is valid.</summary>
        public static string Validate(SettingDef d, string text)
        {
            if (text == null) return d.Label + ": missing, or not text or a whole number";
            if (d.IsNumber)
            {
                int value;
                if (!TryParseInt(text.Trim(), out value)) return d.Label + ": not a whole number";
                if (value < d.Min || value > d.Max) return d.Label + ": must be between " + d.Show(d.Min) + " and " + d.Show(d.Max);
                if (!d.Offers(value)) return d.Label + ": " + value + " is not one of the choices";
            }
            else if (text.Length > d.MaxLength) return d.Label + ": at most " + d.MaxLength + " characters";
            if (d.Check != null)
            {
                string err = d.Check(text);
                if (err != null) return d.Label + ": " + err;
            }
            return null;
        }

        /// <summary>Applies several changes all or nothing. keys/values are parallel arrays.
        /// Returns null on success, else one message per invalid field (nothing applied).</summary>
        public SettingError[] Apply(string[] keys, string[] values, bool persist)
        {
            ArrayList errors = new ArrayList();
            for (int i = 0; i < keys.Length; i++)
            {
                SettingDef d = SettingsCatalog.Find(keys[i]);
                string err = d == null ? keys[i] + ": unknown setting" : Validate(d, values[i]);
                if (err != null) errors.Add(new SettingError(keys[i], err));
            }
            if (errors.Count > 0)
            {
                SettingError[] result = new SettingError[errors.Count];
                errors.CopyTo(result, 0);
                return result;
            }
            ArrayList changed = new ArrayList();
            for (int i = 0; i < keys.Length; i++)
            {
                SettingDef d = SettingsCatalog.Find(keys[i]);
                if (Take(d, values[i])) changed.Add(d.Key);
            }
            if (changed.Count > 0 && persist) Save();
            for (int i = 0; i < changed.Count; i++)
                for (int j = 0; j < _listeners.Count; j++) ((ISettingsListener)_listeners[j]).SettingChanged((string)changed[i]);
            return null;
        }

        public void Load()
        {
            FlashFile.Load(_storage, BlobName, _log, "config", "defaults for what could not be read", this);
        }

        public void ReadStored(JsonReader r, byte[] blob)
        {
            r.BeginObject(blob);
            while (r.Read() == JsonToken.PropertyName)
            {
                SettingDef d = SettingsCatalog.Find(r.GetString());
                JsonToken t = r.Read();
                if (d == null) { r.Skip(); continue; }
                string text = t == JsonToken.Number ? r.GetInt64().ToString() : t == JsonToken.String ? r.GetString() : null;
                string err = text == null ? d.Label + ": wrong type" : Validate(d, text);
                if (err != null)
                {
                    _log.Warning("config", "stored setting ignored, default used: " + err);
                    continue;
                }
                Take(d, text);
            }
            r.Read(); // must reach the end cleanly
        }

        /// <summary>What was read before the damage stays; the rest keeps its default.</summary>
        public void ForgetStored() { }

        public void Save()
        {
            JsonWriter w = new JsonWriter(512, 16384);
            w.StartObject();
            for (int i = 0; i < SettingsCatalog.Keys.Length; i++)
            {
                string key = SettingsCatalog.Keys[i];
                if (SettingsCatalog.Row(i).IsNumber) w.Property(key, _numbers[i]);
                else w.Property(key, _texts[i]);
            }
            w.EndObject();
            FlashFile.Save(_storage, BlobName, w);
        }

        public static bool TryParseInt(string s, out int value)
        {
            value = 0;
            if (s == null || s.Length == 0 || s.Length > 11) return false;
            char[] chars = s.ToCharArray();
            int i = 0;
            bool negative = chars[0] == '-';
            if (negative) i = 1;
            if (i >= chars.Length) return false;
            long v = 0;
            for (; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c < '0' || c > '9') return false;
                v = v * 10 + (c - '0');
            }
            if (negative) v = -v;
            if (v > int.MaxValue || v < int.MinValue) return false;
            value = (int)v;
            return true;
        }

        static int ParseInt(string s)
        {
            int v;
            TryParseInt(s, out v);
            return v;
        }
    }
}
