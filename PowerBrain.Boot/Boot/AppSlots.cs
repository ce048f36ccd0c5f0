using System.Text;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Boot
{
    /// <summary>
    /// The application's files on flash and which version runs. A verified package is staged as
    /// "app-new.NAME" files with its version pending; at the next start the staged files become
    /// "app.NAME" (the ones they replace are kept as "app-old.NAME") and the version runs, counting
    /// its starts. A version that has not reached an Accepted boot within MaxBootAttempts starts is
    /// rolled back to the old files. The state is a few text lines, written atomically by IStorage.
    /// This lives in the boot assembly (deployed once, never replaced), so a new version that cannot
    /// even load is still counted and rolled back.
    /// </summary>
    public sealed class AppSlots
    {
        public const string StateBlob = "app-state.txt";
        public const int MaxBootAttempts = 3;
        public const string Installed = "Installed", InstallationFailed = "InstallationFailed";

        readonly IStorage _storage;
        string _running = "", _pending = "", _previous = "", _files = "", _newFiles = "", _outcome = "";
        int _attempts, _requestId = -1;

        /// <summary>What the last Start did, in words ("" when nothing), for the log.</summary>
        public string Note = "";

        public AppSlots(IStorage storage)
        {
            _storage = storage;
            Load();
        }

        /// <summary>The installed version that runs; "" when it is the one built into the image.</summary>
        public string Running { get { return _running; } }

        /// <summary>The SignedUpdateFirmware request of the staged or running version (-1: unsigned).</summary>
        public int RequestId { get { return _requestId; } }

        /// <summary>How the last install ended ("", Installed or InstallationFailed) until Told.</summary>
        public string Outcome { get { return _outcome; } }

        /// <summary>The running version's files in load order (the package's order); empty for the built-in one.</summary>
        public string[] Files { get { return _running.Length > 0 && _files.Length > 0 ? _files.Split(',') : new string[0]; } }

        /// <summary>Where a package's file is written before it is staged.</summary>
        public static string StagedName(string file) { return "app-new." + file; }

        /// <summary>Stages a verified package whose files are written under their StagedName (names in
        /// load order); it takes over at the next start.</summary>
        public void Stage(string version, string[] names, int requestId)
        {
            string list = "";
            for (int i = 0; i < names.Length; i++) list += (list.Length > 0 ? "," : "") + names[i];
            _requestId = requestId;
            _pending = version;
            _newFiles = list;
            Save();
        }

        /// <summary>Before a new package is written: once the running version is healthy, the files of
        /// the one before it are no longer a way back and make room (flash is small).</summary>
        public void DropOldVersion()
        {
            if (_attempts >= 0) return;
            string[] old = _files.Length > 0 ? _files.Split(',') : new string[0];
            for (int i = 0; i < old.Length; i++) _storage.Delete("app-old." + old[i]);
        }

        /// <summary>At the start, before the application runs: switches to a staged version, counts the
        /// starts of a new one, and rolls back one that never reached an Accepted boot.</summary>
        public void Start()
        {
            Note = "";
            if (_pending.Length > 0)
            {
                string[] names = _newFiles.Split(',');
                string[] old = _files.Length > 0 ? _files.Split(',') : new string[0];
                for (int i = 0; i < old.Length; i++) _storage.Rename("app." + old[i], "app-old." + old[i]);
                for (int i = 0; i < names.Length; i++) _storage.Rename(StagedName(names[i]), "app." + names[i]);
                _previous = _running;
                _running = _pending;
                _files = _newFiles;
                _pending = "";
                _newFiles = "";
                _attempts = 0;
                _outcome = "";
                Note = "now running version " + _running;
            }
            if (_running.Length == 0 || _attempts < 0) return;   // the built-in or a healthy version: nothing to count
            _attempts++;
            if (_attempts > MaxBootAttempts) RollBack();
            else if (_attempts == 1) _outcome = Installed;
            Save();
        }

        /// <summary>The backend accepted this version: it is healthy and no longer counted.</summary>
        public void Accepted()
        {
            if (_attempts < 0) return;
            _attempts = -1;
            Save();
        }

        /// <summary>The backend has heard the outcome.</summary>
        public void Told()
        {
            if (_outcome.Length == 0) return;
            _outcome = "";
            Save();
        }

        void RollBack()
        {
            string[] names = _files.Split(',');
            for (int i = 0; i < names.Length; i++)
            {
                // Back to the old file; without one (the built-in version ran before) the new one goes.
                if (_storage.Size("app-old." + names[i]) >= 0) _storage.Rename("app-old." + names[i], "app." + names[i]);
                else _storage.Delete("app." + names[i]);
            }
            Note = "version " + _running + " never reached an Accepted boot in " + MaxBootAttempts + " starts: back to "
                   + (_previous.Length > 0 ? "version " + _previous : "the built-in version");
            _running = _previous;
            _files = _previous.Length > 0 ? _files : "";
            _previous = "";
            _attempts = -1;
            _outcome = InstallationFailed;
        }

        void Save()
        {
            string text = "running=" + _running + "\npending=" + _pending + "\nprevious=" + _previous + "\nfiles=" + _files
                          + "\nnewFiles=" + _newFiles + "\nattempts=" + _attempts + "\nrequestId=" + _requestId + "\noutcome=" + _outcome + "\n";
            byte[] b = Encoding.UTF8.GetBytes(text);
            _storage.Write(StateBlob, b, 0, b.Length);
        }

        /// <summary>Reads the state; an unreadable one counts as none (the built-in version runs).</summary>
        void Load()
        {
            byte[] b = _storage.Read(StateBlob);
            if (b == null) return;
            string[] lines = new string(Encoding.UTF8.GetChars(b, 0, b.Length)).Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                int eq = lines[i].IndexOf('=');
                if (eq <= 0) continue;
                string name = lines[i].Substring(0, eq), v = lines[i].Substring(eq + 1);
                if (name == "running") _running = v;
                else if (name == "pending") _pending = v;
                else if (name == "previous") _previous = v;
                else if (name == "files") _files = v;
                else if (name == "newFiles") _newFiles = v;
                else if (name == "outcome") _outcome = v;
                else if (name == "attempts") _attempts = Number(v, 0);
                else if (name == "requestId") _requestId = Number(v, -1);
            }
        }

        static int Number(string s, int otherwise)
        {
            char[] c = s.ToCharArray();
            if (c.Length == 0 || c.Length > 9) return otherwise;
            int sign = 1, i = 0, n = 0;
            if (c[0] == '-') { sign = -1; i = 1; }
            if (i == c.Length) return otherwise;
            for (; i < c.Length; i++)
            {
                if (c[i] < '0' || c[i] > '9') return otherwise;
                n = n * 10 + (c[i] - '0');
            }
            return sign * n;
        }
    }
}
