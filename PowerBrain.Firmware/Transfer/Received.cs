using PowerBrain.Firmware.Hal;

namespace PowerBrain.Firmware.Transfer
{
    /// <summary>Reads a connection to its end into one array, refusing more than a bound.</summary>
    static class Received
    {
        public static byte[] ReadAll(ITcpConnection c, int maxBytes)
        {
            byte[] buffer = new byte[4096];
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= maxBytes) throw new Core.ReasonException("the file is larger than " + maxBytes + " bytes");
                    int bigger = buffer.Length * 2 > maxBytes ? maxBytes : buffer.Length * 2;
                    byte[] grown = new byte[bigger];
                    System.Array.Copy(buffer, grown, length);
                    buffer = grown;
                }
                int n = c.Read(buffer, length, buffer.Length - length);
                if (n <= 0) break;
                length += n;
            }
            byte[] data = new byte[length];
            System.Array.Copy(buffer, data, length);
            return data;
        }
    }
}
