namespace PowerBrain.Firmware.Core
{
    /// <summary>Where a download's bytes go, a piece at a time, on the thread that receives them (a
    /// file never has to fit in RAM).</summary>
    public interface IByteSink
    {
        /// <summary>A new attempt begins: forget what an earlier one delivered.</summary>
        void Begin();

        void Write(byte[] buffer, int offset, int count);

        /// <summary>Everything arrived; still on the receiving thread (the place for slow checks).</summary>
        void End();
    }
}
