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

        public byte[] Blob(string name) { return (byte[])Blobs[name]; }
    }
}
