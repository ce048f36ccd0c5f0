namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>A CALL the charge point sends: its payload, and what to do with the answer.</summary>
    public interface IOcppCall
    {
        string Action { get; }

        /// <summary>Writes the payload object.</summary>
        void Write(Json.JsonWriter w);

        void OnResult(Payload result);

        /// <summary>A CALLERROR (any code), a timeout ("Timeout") or a lost link ("Disconnected").</summary>
        void OnError(string code);
    }

    /// <summary>Answers one action the central system calls.</summary>
    public interface IOcppHandler
    {
        /// <summary>Writes the result payload object, or throws OcppException for a CALLERROR.</summary>
        void Handle(Payload request, Json.JsonWriter result);
    }
}
