using System;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>OCPP-J 1.6 CALLERROR codes (with the 1.6 spelling of OccurenceConstraintViolation).</summary>
    public static class OcppErrorCode
    {
        public const string NotImplemented = "NotImplemented";
        public const string NotSupported = "NotSupported";
        public const string InternalError = "InternalError";
        public const string ProtocolError = "ProtocolError";
        public const string SecurityError = "SecurityError";
        public const string FormationViolation = "FormationViolation";
        public const string PropertyConstraintViolation = "PropertyConstraintViolation";
        public const string OccurenceConstraintViolation = "OccurenceConstraintViolation";
        public const string TypeConstraintViolation = "TypeConstraintViolation";
        public const string GenericError = "GenericError";
    }

    /// <summary>An incoming CALL that must be answered with a CALLERROR.</summary>
    public sealed class OcppException : Core.ReasonException
    {
        public readonly string Code;

        public OcppException(string code, string description) : base(description) { Code = code; }
    }
}
