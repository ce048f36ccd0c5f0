namespace PowerBrain.Firmware.Hal
{
    /// <summary>Persistent named blobs. A write replaces the old blob atomically: after a power
    /// loss a reader sees either the old or the new content, never a mix.</summary>
    public interface IStorage
    {
        /// <summary>The blob, or null when it does not exist.</summary>
        byte[] Read(string name);

        void Write(string name, byte[] data, int offset, int count);

        void Delete(string name);
    }
}
