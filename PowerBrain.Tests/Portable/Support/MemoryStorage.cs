using System.Collections;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Tests.Support
{
    /// <summary>Storage in memory, counting writes (to check flash wear).</summary>
    public sealed class MemoryStorage : IStorage
    {
        /// <summary>name → byte[]</summary>
        public readonly Hashtable Blobs = new Hashtable();
        public int Writes;

        public byte[] Read(string name)
        {
            byte[] b = (byte[])Blobs[name];
            return b == null ? null : (byte[])b.Clone();
        }

        public void Write(string name, byte[] data, int offset, int count)
        {
            Writes++;
            byte[] copy = new byte[count];
            System.Array.Copy(data, offset, copy, 0, count);
            Blobs[name] = copy;
        }

        public void Delete(string name) { Blobs.Remove(name); }

        public void Append(string name, byte[] data, int offset, int count)
        {
            Writes++;
            byte[] old = (byte[])Blobs[name];
            int had = old == null ? 0 : old.Length;
            byte[] joined = new byte[had + count];
            if (old != null) System.Array.Copy(old, joined, had);
            System.Array.Copy(data, offset, joined, had, count);
            Blobs[name] = joined;
        }

        public int Size(string name)
        {
            byte[] b = (byte[])Blobs[name];
            return b == null ? -1 : b.Length;
        }

        public void Rename(string from, string to)
        {
            byte[] b = (byte[])Blobs[from];
            if (b == null) return;
            Blobs[to] = b;
            Blobs.Remove(from);
        }

        public byte[] Blob(string name) { return (byte[])Blobs[name]; }
    }
}
