namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>What handlers may ask of the link to the backend: whether it has accepted this box.</summary>
    public interface IBackendState
    {
        /// <summary>The last BootNotification was answered Accepted.</summary>
        bool Accepted { get; }
    }

    /// <summary>Hands the composite profile limit to charging after the profiles changed.</summary>
    public interface IProfileLimit
    {
        void ApplyProfiles();
    }

    /// <summary>The security whitepaper's side of the client, for the certificate handlers: the
    /// profile in force and the security event log that goes to the backend.</summary>
    public interface ISecurityLog
    {
        int SecurityProfile { get; }

        void SecurityEvent(string type, string techInfo);
    }
}
