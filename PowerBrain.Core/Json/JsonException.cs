using System;

namespace PowerBrain.Firmware.Json
{
    /// <summary>Malformed or unexpected JSON, with the byte (or char) offset where it was found.</summary>
    public class JsonException : Core.ReasonException
    {
        public readonly int Offset;

        public JsonException(string message, int offset)
            : base(message + " at offset " + offset)
        {
            Offset = offset;
        }
    }
}
