namespace PowerBrain.Firmware.Modbus
{
    /// <summary>The Modbus RTU CRC: init 0xFFFF, reflected polynomial 0xA001, sent low byte first.</summary>
    public static class Crc16
    {
        static readonly ushort[] Table = BuildTable();

        static ushort[] BuildTable()
        {
            ushort[] table = new ushort[256];
            for (int i = 0; i < 256; i++)
            {
                int crc = i;
                for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
                table[i] = (ushort)crc;
            }
            return table;
        }

        public static int Compute(byte[] data, int offset, int count)
        {
            int crc = 0xFFFF;
            for (int i = offset; i < offset + count; i++) crc = (crc >> 8) ^ Table[(crc ^ data[i]) & 0xFF];
            return crc;
        }
    }
}
