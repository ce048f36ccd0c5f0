namespace PowerBrain.Firmware.Hal
{
    /// <summary>One chip on an SPI bus, chip select handled by the adapter.</summary>
    public interface ISpiDevice
    {
        /// <summary>Clocks write out and read in at the same time; both have the same length.</summary>
        void Transfer(byte[] write, byte[] read);
    }
}
