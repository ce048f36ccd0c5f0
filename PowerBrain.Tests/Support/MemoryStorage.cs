using System.Collections.Generic;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Tests.Support;

/// <summary>Storage in a dictionary, counting writes (to check flash wear).</summary>
public sealed class MemoryStorage : IStorage
{
    public readonly Dictionary<string, byte[]> Blobs = new();
    public int Writes;

    public byte[] Read(string name) => Blobs.TryGetValue(name, out var b) ? (byte[])b.Clone() : null;

    public void Write(string name, byte[] data, int offset, int count)
    {
        Writes++;
        Blobs[name] = data[offset..(offset + count)];
    }

    public void Delete(string name) => Blobs.Remove(name);
}
