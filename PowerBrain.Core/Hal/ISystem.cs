namespace PowerBrain.Firmware.Hal
{
    /// <summary>Board-level services: reboot and memory figures.</summary>
    public interface ISystem
    {
        /// <summary>Restarts the firmware. Does not return on the device.</summary>
        void Reboot();

        /// <summary>Free managed heap in bytes after a collection, or -1 when unknown.</summary>
        long FreeManagedBytes();

        /// <summary>Managed heap in use in bytes after a collection, or -1 when unknown.</summary>
        long UsedManagedBytes();
    }
}
