using System;

namespace PowerBrain.Firmware.Core
{
    /// <summary>An exception whose message is written for people (the firmware's own JSON, OCPP and
    /// data errors). Other exceptions come from the runtime, whose texts differ between device
    /// ("Exception was thrown: System.X") and desktop.</summary>
    public class ReasonException : Exception
    {
        public ReasonException(string reason) : base(reason) { }
    }

    public static class Failure
    {
        /// <summary>What to log or answer about a failure: the reason of a ReasonException, else only
        /// the exception's type (the same text on every runtime, never the runtime's message).</summary>
        public static string Describe(Exception e)
        {
            if (e is ReasonException) return e.Message;
            return "unexpected " + e.GetType().Name;
        }
    }
}
