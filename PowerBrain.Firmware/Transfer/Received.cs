using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Transfer
{
    /// <summary>Hands what a connection delivers until it closes to a sink, a buffer at a time,
    /// refusing more than a bound (a download never has to fit in RAM).</summary>
    static class Received
    {
        /// <summary>Passes the connection's bytes to the sink (after the `already` bytes the caller
        /// passed); returns how many there were in all.</summary>
        public static int Pass(ITcpConnection c, IByteSink sink, int maxBytes, byte[] buffer, int already)
        {
            int total = already;
            while (true)
            {
                int n = c.Read(buffer, 0, buffer.Length);
                if (n <= 0) return total;
                total += n;
                if (total > maxBytes) throw new ReasonException("the file is larger than " + maxBytes + " bytes");
                sink.Write(buffer, 0, n);
            }
        }
    }
}
