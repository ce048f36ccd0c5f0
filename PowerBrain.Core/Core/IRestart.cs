namespace PowerBrain.Firmware.Core
{
    /// <summary>Restarting the firmware on purpose, for the parts that may ask for it (OCPP Reset):
    /// the wallbox saves what must survive first.</summary>
    public interface IRestart
    {
        /// <summary>A restart or stop is under way: nothing new goes out to the backend.</summary>
        bool Rebooting { get; }

        void Reboot();
    }
}
