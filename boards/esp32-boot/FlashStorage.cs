using System.IO;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Esp32.Adapters
{
    /// <summary>Blobs as files on the internal LittleFS drive I: (256 KiB on 4 MB boards, shared
    /// with the network and certificate settings): write a temporary file, then move it over. The boot
    /// program and the application (boards/esp32) compile this same file: both read the application slots.</summary>
    public sealed class FlashStorage : IStorage
    {
        const string Root = "I:\\";

        public byte[] Read(string name)
        {
            string path = Root + name;
            // A power cut between the delete and the move leaves only the complete temporary file.
            if (!File.Exists(path) && File.Exists(path + ".tmp")) File.Move(path + ".tmp", path);
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }

        public void Write(string name, byte[] data, int offset, int count)
        {
            string path = Root + name;
            string temp = path + ".tmp";
            using (FileStream fs = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                fs.Write(data, offset, count);
                fs.Flush();
            }
            if (File.Exists(path)) File.Delete(path);
            File.Move(temp, path);
        }

        public void Delete(string name)
        {
            string path = Root + name;
            if (File.Exists(path)) File.Delete(path);
        }

        public void Append(string name, byte[] data, int offset, int count)
        {
            using (FileStream fs = new FileStream(Root + name, FileMode.Append, FileAccess.Write))
            {
                fs.Write(data, offset, count);
                fs.Flush();
            }
        }

        public int Size(string name)
        {
            string path = Root + name;
            if (!File.Exists(path)) return -1;
            using (FileStream fs = new FileStream(path, FileMode.Open, FileAccess.Read)) return (int)fs.Length;
        }

        public void Rename(string from, string to)
        {
            string source = Root + from, target = Root + to;
            if (!File.Exists(source)) return;
            if (File.Exists(target)) File.Delete(target);
            File.Move(source, target);
        }
    }
}
