namespace PowerBrain.Firmware.Hal
{
    /// <summary>Persistent named blobs. A write replaces the old blob atomically: after a power
    /// loss a reader sees either the old or the new content, never a mix. Large blobs (the application's
    /// files from a firmware package) are built with Append as they arrive, so they never have to
    /// fit in RAM; they are checked (size, SHA-256) while they are written.</summary>
    public interface IStorage
    {
        /// <summary>The blob, or null when it does not exist.</summary>
        byte[] Read(string name);

        void Write(string name, byte[] data, int offset, int count);

        void Delete(string name);

        /// <summary>Adds bytes at the end, creating the blob when it does not exist. Not atomic.</summary>
        void Append(string name, byte[] data, int offset, int count);

        /// <summary>The blob's size in bytes, or -1 when it does not exist.</summary>
        int Size(string name);

        /// <summary>Gives a blob another name, replacing a blob of that name; nothing when from does not exist.</summary>
        void Rename(string from, string to);
    }
}
