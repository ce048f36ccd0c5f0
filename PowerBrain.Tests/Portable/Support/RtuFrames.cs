using PowerBrain.Firmware.Modbus;

namespace PowerBrain.Tests.Support
{
    /// <summary>Modbus RTU frames as a master (or another slave) puts them on the line.</summary>
    public static class RtuFrames
    {
        /// <summary>A request with one 16-bit address and one 16-bit value (FC03/04 count, FC06 value).</summary>
        public static byte[] Request(int slave, int function, int address, int value)
        {
            return WithCrc(slave, function, address >> 8, address & 0xFF, value >> 8, value & 0xFF);
        }

        /// <summary>The bytes followed by their CRC-16, low byte first.</summary>
        public static byte[] WithCrc(params int[] bytes)
        {
            byte[] f = new byte[bytes.Length + 2];
            for (int i = 0; i < bytes.Length; i++) f[i] = (byte)bytes[i];
            int crc = Crc16.Compute(f, 0, bytes.Length);
            f[bytes.Length] = (byte)crc;
            f[bytes.Length + 1] = (byte)(crc >> 8);
            return f;
        }
    }
}
