using System.Threading;
using System;
using System.IO;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Emulator.Host;

/// <summary>Blobs as files in the data folder; a write goes to a temporary file, is flushed to
/// disk, then renamed over the old one, as the device does on its flash file system.</summary>
public sealed class FileStorage : IStorage
{
    readonly string _folder;

    public FileStorage(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    public string Folder => _folder;

    string PathOf(string name)
    {
        if (name.Length == 0 || name.IndexOfAny(new[] { '/', '\\' }) >= 0 || name.StartsWith('.'))
            throw new ArgumentException("invalid blob name: " + name);
        return Path.Combine(_folder, name);
    }

    public byte[] Read(string name)
    {
        var path = PathOf(name);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    /// <summary>Bytes the desktop file API allocated in writes (FileStream buffers, paths), so
    /// benchmarks can tell them apart from the firmware's own allocations.</summary>
    public long AllocatedInWrites => Interlocked.Read(ref _allocatedInWrites);
    long _allocatedInWrites;

    public void Write(string name, byte[] data, int offset, int count)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try { WriteAtomically(name, data, offset, count); }
        finally { Interlocked.Add(ref _allocatedInWrites, GC.GetAllocatedBytesForCurrentThread() - before); }
    }

    void WriteAtomically(string name, byte[] data, int offset, int count)
    {
        var path = PathOf(name);
        var temp = path + ".tmp";
        using (var fs = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            fs.Write(data, offset, count);
            fs.Flush(true);
        }
        File.Move(temp, path, overwrite: true);
    }

    public void Delete(string name)
    {
        var path = PathOf(name);
        if (File.Exists(path)) File.Delete(path);
    }

    public void Append(string name, byte[] data, int offset, int count)
    {
        using var fs = new FileStream(PathOf(name), FileMode.Append, FileAccess.Write);
        fs.Write(data, offset, count);
        fs.Flush(true);
    }

    public int Size(string name)
    {
        var path = PathOf(name);
        return File.Exists(path) ? (int)new FileInfo(path).Length : -1;
    }

    public void Rename(string from, string to)
    {
        var source = PathOf(from);
        if (File.Exists(source)) File.Move(source, PathOf(to), overwrite: true);
    }
}
