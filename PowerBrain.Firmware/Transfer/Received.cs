using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Transfer
{
    /// <summary>Stores what a connection delivers until it closes in a blob, a buffer at a time,
    /// refusing more than a bound (a download never has to fit in RAM).</summary>
    static class Received
    {
        /// <summary>Appends the connection's bytes to blob (after the `already` bytes the caller
        /// appended); returns the blob's size.</summary>
        public static int Save(ITcpConnection c, IStorage storage, string blob, int maxBytes, byte[] buffer, int already)
        {
            int total = already;
            while (true)
            {
                int n = c.Read(buffer, 0, buffer.Length);
                if (n <= 0) return total;
                total += n;
                if (total > maxBytes) throw new Core.ReasonException("the file is larger than " + maxBytes + " bytes");
                storage.Append(blob, buffer, 0, n);
            }
        }
    }
}
