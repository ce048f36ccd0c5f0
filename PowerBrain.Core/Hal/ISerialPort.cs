namespace PowerBrain.Firmware.Hal
{
    public enum SerialParity { None = 0, Odd = 1, Even = 2 }

    /// <summary>An RS485 serial line. The adapter drives the driver-enable pin only while sending.</summary>
    public interface ISerialPort
    {
        void Open(string device, int baud, SerialParity parity, int stopBits);

        /// <summary>Waits up to timeoutMs for bytes; returns how many were read (0 on timeout).</summary>
        int Read(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>Sends the bytes with the driver enabled, and releases it once they are out.</summary>
        void Write(byte[] buffer, int offset, int count);

        void Close();
    }
}
