namespace PowerBrain.Firmware.Hal
{
    /// <summary>An RFID card reader; boards without one return false from IsFitted.</summary>
    public interface IRfidReader
    {
        bool IsFitted { get; }

        /// <summary>The uid of a card presented since the last call, as upper-case hex, or null.</summary>
        string PollCard();
    }
}
