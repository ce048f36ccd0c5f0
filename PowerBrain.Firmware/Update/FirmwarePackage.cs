using System.Collections;
using System.Text;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Security;

namespace PowerBrain.Firmware.Update
{
    /// <summary>
    /// A firmware package: the line "PBPKG1", one line of manifest JSON
    /// ({"version", "nanoFramework", "files": [{"name", "size", "sha256"}]}) and then the files' bytes
    /// in the manifest's order. Read checks the form, every size and every SHA-256.
    /// </summary>
    public sealed class FirmwarePackage
    {
        public const string Magic = "PBPKG1";
        public const int MaxFiles = 16;

        public string Version;
        /// <summary>The nanoFramework firmware the package was built for ("" when not named).</summary>
        public string NanoFramework = "";
        public string[] Names;
        public int[] Offsets, Sizes;
        public byte[] Data;

        /// <summary>The package, or null with the reason in error.</summary>
        public static FirmwarePackage Read(byte[] data, out string error)
        {
            error = null;
            int first = IndexOf(data, 0);
            if (first < 0 || Encoding.UTF8.GetString(data, 0, first) != Magic) { error = "not a PowerBrain firmware package (no " + Magic + " line)"; return null; }
            int second = IndexOf(data, first + 1);
            if (second < 0) { error = "the package has no manifest line"; return null; }
            FirmwarePackage p = new FirmwarePackage();
            p.Data = data;
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
                if (size == null || size.Milli <= 0 || size.Milli / 1000 > data.Length - at) { error = name + ": its size does not fit the package"; return null; }
                int bytes = (int)(size.Milli / 1000);
                if (hash == null || Core.Hex.Encode(Sha256.Hash(data, at, bytes), 0, 32, false) != hash.ToLower()) { error = name + ": SHA-256 does not match"; return null; }
                p.Names[i] = name;
                p.Offsets[i] = at;
                p.Sizes[i] = bytes;
                at += bytes;
            }
            if (at != data.Length) { error = "the package has " + (data.Length - at) + " bytes after its files"; return null; }
            return p;
        }

        static int IndexOf(byte[] data, int from)
        {
            for (int i = from; i < data.Length; i++) if (data[i] == (byte)'\n') return i;
            return -1;
        }
    }
}
