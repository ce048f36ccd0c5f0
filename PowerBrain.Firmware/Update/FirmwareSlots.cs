using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Update
{
    /// <summary>
    /// The application's files on flash and which version runs: a verified package is staged as
    /// "app-new.NAME" files with its version pending; at the next start the staged files become
    /// "app.NAME" (the ones they replace are kept as "app-old.NAME") and the version runs, counting
    /// its boots. A version that has not reached an Accepted boot within MaxBootAttempts starts is
    /// rolled back to the old files. On an ESP32 the boot assembly loads the "app." files; the
    /// emulator, whose code is the desktop build, keeps the files and reports the version.
    /// </summary>
    public sealed class FirmwareSlots : IFlashFile
    {
        public const string StateBlob = "app-state.json";
        public const int MaxBootAttempts = 3;

        readonly IStorage _storage;
        readonly Logger _log;
        readonly JsonWriter _writer = new JsonWriter(256, 2048);
        string _running = "", _pending = "", _previous = "", _files = "", _newFiles = "";
        int _attempts, _requestId = -1;

        /// <summary>The SignedUpdateFirmware request of the staged or running version (-1: unsigned).</summary>
        public int RequestId { get { return _requestId; } }

        /// <summary>What the last start did: "" (nothing), "Installed" or "InstallationFailed"; told to the backend once accepted.</summary>
        public string Outcome = "";

        public FirmwareSlots(IStorage storage, Logger log)
        {
            _storage = storage;
            _log = log;
            FlashFile.Load(storage, StateBlob, log, "update", "the built-in version runs", this);
        }

        /// <summary>The version this box runs: the installed package's, else the built-in one.</summary>
        public string RunningVersion { get { return _running.Length > 0 ? _running : FirmwareInfo.Version; } }

        /// <summary>Stages a verified package; it takes over at the next start.</summary>
        public void Stage(FirmwarePackage p, int requestId)
        {
            _requestId = requestId;
            string names = "";
            for (int i = 0; i < p.Names.Length; i++)
            {
                _storage.Write("app-new." + p.Names[i], p.Data, p.Offsets[i], p.Sizes[i]);
                names += (names.Length > 0 ? "," : "") + p.Names[i];
            }
            _pending = p.Version;
            _newFiles = names;
            Save();
            _log.Info("update", "version " + p.Version + " staged (" + p.Names.Length + " files); it starts with the next restart");
        }

        /// <summary>At start, before anything else: switches to a staged version, counts the boots
        /// of a new one, and rolls back one that never reached an Accepted boot.</summary>
        public void Start()
        {
            if (_pending.Length > 0)
            {
                // A switch is saved below with the first counted boot.
                string[] names = _newFiles.Split(',');
                string[] old = _files.Length > 0 ? _files.Split(',') : new string[0];
                for (int i = 0; i < old.Length; i++) Move("app." + old[i], "app-old." + old[i]);
                for (int i = 0; i < names.Length; i++) Move("app-new." + names[i], "app." + names[i]);
                _previous = _running;
                _running = _pending;
                _files = _newFiles;
                _pending = "";
                _newFiles = "";
                _attempts = 0;
                _log.Info("update", "now running version " + _running);
            }
            if (_running.Length == 0 || _attempts < 0) return;   // the built-in or a healthy version: nothing to count
            _attempts++;
            if (_attempts > MaxBootAttempts) RollBack();
            else if (_attempts == 1) Outcome = "Installed";
            Save();
        }

        /// <summary>The backend accepted this version: it is healthy and no longer counted.</summary>
        public void Accepted()
        {
            if (_attempts < 0) return;
            _attempts = -1;
            Save();
        }

        void RollBack()
        {
            string[] names = _files.Split(',');
            for (int i = 0; i < names.Length; i++)
            {
                // Back to the old file; without one (the built-in version ran before) the new one goes.
                if (_storage.Read("app-old." + names[i]) != null) Move("app-old." + names[i], "app." + names[i]);
                else _storage.Delete("app." + names[i]);
            }
            _log.Warning("update", "version " + _running + " never reached an Accepted boot in " + MaxBootAttempts + " starts: back to " + (_previous.Length > 0 ? _previous : FirmwareInfo.Version));
            _running = _previous;
            _previous = "";
            _attempts = -1;
            Outcome = "InstallationFailed";
        }

        void Move(string from, string to)
        {
            byte[] b = _storage.Read(from);
            if (b == null) return;
            _storage.Write(to, b, 0, b.Length);
            _storage.Delete(from);
        }

        void Save()
        {
            _writer.Reset();
            _writer.StartObject().Property("running", _running).Property("pending", _pending).Property("previous", _previous)
                   .Property("files", _files).Property("newFiles", _newFiles).Property("attempts", _attempts).Property("requestId", _requestId).EndObject();
            FlashFile.Save(_storage, StateBlob, _writer);
        }

        public void ReadStored(JsonReader r, byte[] blob)
        {
            r.BeginObject(blob);
            while (r.Read() == JsonToken.PropertyName)
            {
                string name = r.GetString();
                r.Read();
                if (name == "attempts") _attempts = r.GetInt32();
                else if (name == "requestId") _requestId = r.GetInt32();
                else if (r.Token == JsonToken.String)
                {
                    string v = r.GetString();
                    if (name == "running") _running = v;
                    else if (name == "pending") _pending = v;
                    else if (name == "previous") _previous = v;
                    else if (name == "files") _files = v;
                    else if (name == "newFiles") _newFiles = v;
                }
                else r.Skip();
            }
        }

        public void ForgetStored() { _running = _pending = _previous = _files = _newFiles = ""; _attempts = 0; }
    }
}
