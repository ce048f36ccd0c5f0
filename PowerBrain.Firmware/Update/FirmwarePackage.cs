using System.Collections;
using System.Text;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Security;

namespace PowerBrain.Firmware.Update
{
    /// <summary>
    /// A firmware package: the line "PBPKG1", one line of manifest JSON
    /// ({"version", "nanoFramework", "files": [{"name", "size", "sha256"}]}) and then the files' bytes
    /// in the manifest's order. Read checks the form, every size and every SHA-256 of a package stored
    /// as a blob, reading it a piece at a time (it never has to fit in RAM).
    /// </summary>
    public sealed class FirmwarePackage
    {
        public const string Magic = "PBPKG1";
        public const int MaxFiles = 16;
        /// <summary>The magic line and the manifest line must end within this many bytes.</summary>
        public const int MaxHeadBytes = 4096;

        public string Version;
        /// <summary>The nanoFramework firmware the package was built for ("" when not named).</summary>
        public string NanoFramework = "";
        public string[] Names;
        public int[] Offsets, Sizes;
        /// <summary>The blob the package is stored in.</summary>
        public string Blob;

        /// <summary>The package stored in blob, or null with the reason in error.</summary>
        public static FirmwarePackage Read(IStorage storage, string blob, out string error)
        {
            error = null;
            int total = storage.Size(blob);
            if (total < 0) { error = "no package stored"; return null; }
            byte[] data = new byte[total < MaxHeadBytes ? total : MaxHeadBytes];
            int got = storage.ReadAt(blob, 0, data, 0, data.Length);
            if (got != data.Length) { error = "the package cannot be read back"; return null; }
            int first = IndexOf(data, 0);
            if (first < 0 || Encoding.UTF8.GetString(data, 0, first) != Magic) { error = "not a PowerBrain firmware package (no " + Magic + " line)"; return null; }
            int second = IndexOf(data, first + 1);
            if (second < 0) { error = "the package has no manifest line within its first " + MaxHeadBytes + " bytes"; return null; }
            FirmwarePackage p = new FirmwarePackage();
            p.Blob = blob;
            ArrayList files;
            try
            {
                JsonReader r = new JsonReader();
                r.Reset(data, first + 1, second - first - 1);
                r.Read();
                Hashtable manifest = JsonDom.ReadValue(r) as Hashtable;
                if (manifest == null) { error = "the manifest is not a JSON object"; return null; }
                p.Version = manifest["version"] as string;
                if (manifest["nanoFramework"] is string) p.NanoFramework = (string)manifest["nanoFramework"];
                files = manifest["files"] as ArrayList;
            }
            catch (JsonException e) { error = "the manifest is not JSON: " + e.Message; return null; }
            if (p.Version == null || p.Version.Length == 0 || p.Version.Length > 50) { error = "the manifest names no version"; return null; }
            if (files == null || files.Count == 0 || files.Count > MaxFiles) { error = "the manifest lists no files (or more than " + MaxFiles + ")"; return null; }
            p.Names = new string[files.Count];
            p.Offsets = new int[files.Count];
            p.Sizes = new int[files.Count];
            int at = second + 1;
            for (int i = 0; i < files.Count; i++)
            {
                Hashtable f = files[i] as Hashtable;
                string name = f == null ? null : f["name"] as string;
                JsonNumber size = f == null ? null : f["size"] as JsonNumber;
                string hash = f == null ? null : f["sha256"] as string;
                if (name == null || !name.EndsWith(".pe") || name.IndexOf('/') >= 0 || name.IndexOf('\\') >= 0) { error = "file " + i + " has no plain .pe name"; return null; }
                if (size == null || size.Milli <= 0 || size.Milli / 1000 > total - at) { error = name + ": its size does not fit the package"; return null; }
                int bytes = (int)(size.Milli / 1000);
                byte[] digest = Sha256.Hash(storage, blob, at, bytes);
                if (hash == null || digest == null || Core.Hex.Encode(digest, 0, 32, false) != hash.ToLower()) { error = name + ": SHA-256 does not match"; return null; }
                p.Names[i] = name;
                p.Offsets[i] = at;
                p.Sizes[i] = bytes;
                at += bytes;
            }
            if (at != total) { error = "the package has " + (total - at) + " bytes after its files"; return null; }
            return p;
        }

        static int IndexOf(byte[] data, int from)
        {
            for (int i = from; i < data.Length; i++) if (data[i] == (byte)'\n') return i;
            return -1;
        }
    }
}
