using System.Collections;
using System.Text;
using PowerBrain.Firmware.Boot;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Security;

namespace PowerBrain.Firmware.Update
{
    /// <summary>
    /// A firmware package as it arrives: the line "PBPKG1", one line of manifest JSON
    /// ({"version", "nanoFramework", "files": [{"name", "size", "sha256"}]}) and then the files' bytes
    /// in the manifest's order. Each file goes straight to its staged name on flash (AppSlots) while
    /// its SHA-256 is computed; the whole package's SHA-256 is computed too and, for a signed update,
    /// the signature checked at the end. Only the manifest line is held in RAM. All of this runs on
    /// the transfer thread; the core reads the outcome afterwards.
    /// </summary>
    public sealed class FirmwarePackage : IByteSink
    {
        public const string Magic = "PBPKG1";
        public const int MaxFiles = 16;
        /// <summary>The magic line and the manifest line must end within this many bytes.</summary>
        public const int MaxHeadBytes = 4096;
        public const int MaxFileBytes = 1024 * 1024;

        readonly IStorage _storage;
        readonly CertificateInfo _signer;
        readonly byte[] _signature;
        byte[] _head;
        int _headLength, _file, _fileDone;
        string[] _hashes;
        Sha256 _whole, _current;

        public string Version;
        /// <summary>The nanoFramework firmware the package was built for ("" when not named).</summary>
        public string NanoFramework = "";
        public string[] Names;
        public int[] Sizes;
        /// <summary>What is wrong with the package (form, size, SHA-256), or null.</summary>
        public string Problem;
        /// <summary>For a signed update: whether the signature over the whole package verifies.</summary>
        public bool SignatureValid;

        /// <summary>signer and signature are null for an unsigned update.</summary>
        public FirmwarePackage(IStorage storage, CertificateInfo signer, byte[] signature)
        {
            _storage = storage;
            _signer = signer;
            _signature = signature;
        }

        public void Begin()
        {
            Discard();
            _head = new byte[MaxHeadBytes];
            _headLength = 0;
            _file = -1;
            _fileDone = 0;
            _whole = new Sha256();
            _current = null;
            Names = null;
            Sizes = null;
            Version = null;
            Problem = null;
            SignatureValid = false;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _whole.Update(buffer, offset, count);
            if (Problem != null) return;   // the rest is only hashed, for the signature's verdict
            if (_file < 0)
            {
                int take = count < _head.Length - _headLength ? count : _head.Length - _headLength;
                System.Array.Copy(buffer, offset, _head, _headLength, take);
                _headLength += take;
                int body = ManifestEnd();
                if (body < 0)
                {
                    if (_headLength == _head.Length) Fail("the package has no manifest line within its first " + MaxHeadBytes + " bytes");
                    return;
                }
                if (!ReadManifest(body)) return;
                // What came after the manifest line in this piece belongs to the files.
                int rest = _headLength - body;
                byte[] head = _head;
                _head = null;
                _file = 0;
                StartFile();
                Files(head, body, rest);
                Files(buffer, offset + take, count - take);
                return;
            }
            Files(buffer, offset, count);
        }

        public void End()
        {
            if (Problem == null && (Names == null || _file < Names.Length)) Fail("the package ends before its last file");
            if (_signer != null) SignatureValid = _signer.VerifiesFile(_whole.Final(), _signature);
            if (Problem != null) Discard();
        }

        /// <summary>The bytes go to the current file; a file's last byte checks its SHA-256.</summary>
        void Files(byte[] b, int offset, int count)
        {
            while (count > 0 && Problem == null)
            {
                if (_file >= Names.Length) { Fail("the package has bytes after its files"); return; }
                int take = Sizes[_file] - _fileDone < count ? Sizes[_file] - _fileDone : count;
                _storage.Append(AppSlots.StagedName(Names[_file]), b, offset, take);
                _current.Update(b, offset, take);
                _fileDone += take;
                offset += take;
                count -= take;
                if (_fileDone < Sizes[_file]) continue;
                if (Hex.Encode(_current.Final(), 0, 32, false) != _hashes[_file]) { Fail(Names[_file] + ": SHA-256 does not match"); return; }
                _file++;
                StartFile();
            }
        }

        void StartFile()
        {
            _fileDone = 0;
            _current = new Sha256();
            if (_file < Names.Length) _storage.Delete(AppSlots.StagedName(Names[_file]));   // a stale one from an interrupted attempt
        }

        /// <summary>Where the files start (after the second line break), or -1 when it has not arrived.</summary>
        int ManifestEnd()
        {
            int breaks = 0;
            for (int i = 0; i < _headLength; i++)
                if (_head[i] == (byte)'\n' && ++breaks == 2) return i + 1;
            return -1;
        }

        bool ReadManifest(int body)
        {
            int first = 0;
            while (_head[first] != (byte)'\n') first++;
            if (Encoding.UTF8.GetString(_head, 0, first) != Magic) return Fail("not a PowerBrain firmware package (no " + Magic + " line)");
            ArrayList files;
            try
            {
                JsonReader r = new JsonReader();
                r.Reset(_head, first + 1, body - first - 2);
                r.Read();
                Hashtable manifest = JsonDom.ReadValue(r) as Hashtable;
                if (manifest == null) return Fail("the manifest is not a JSON object");
                Version = manifest["version"] as string;
                if (manifest["nanoFramework"] is string) NanoFramework = (string)manifest["nanoFramework"];
                files = manifest["files"] as ArrayList;
            }
            catch (JsonException e) { return Fail("the manifest is not JSON: " + e.Message); }
            if (Version == null || Version.Length == 0 || Version.Length > 50) return Fail("the manifest names no version");
            char[] v = Version.ToCharArray();
            for (int i = 0; i < v.Length; i++) if (v[i] < ' ' || v[i] == ',') return Fail("the manifest's version is not plain text");
            if (files == null || files.Count == 0 || files.Count > MaxFiles) return Fail("the manifest lists no files (or more than " + MaxFiles + ")");
            string[] names = StringArrays.New(files.Count);
            int[] sizes = new int[files.Count];
            _hashes = StringArrays.New(files.Count);
            for (int i = 0; i < files.Count; i++)
            {
                Hashtable f = files[i] as Hashtable;
                string name = f == null ? null : f["name"] as string;
                JsonNumber size = f == null ? null : f["size"] as JsonNumber;
                string hash = f == null ? null : f["sha256"] as string;
                if (name == null || !name.EndsWith(".pe") || name.IndexOf('/') >= 0 || name.IndexOf('\\') >= 0) return Fail("file " + i + " has no plain .pe name");
                if (size == null || size.Milli <= 0 || size.Milli / 1000 > MaxFileBytes) return Fail(name + ": its size is not a file's");
                if (hash == null || hash.Length != 64) return Fail(name + ": no SHA-256");
                names[i] = name;
                sizes[i] = (int)(size.Milli / 1000);
                _hashes[i] = hash.ToLower();
            }
            Names = names;
            Sizes = sizes;
            return true;
        }

        bool Fail(string problem)
        {
            if (Problem == null) Problem = problem;
            return false;
        }

        /// <summary>The files written so far go (an earlier attempt's, or a refused package's).</summary>
        public void Discard()
        {
            if (Names == null) return;
            for (int i = 0; i < Names.Length; i++) _storage.Delete(AppSlots.StagedName(Names[i]));
        }
    }
}
