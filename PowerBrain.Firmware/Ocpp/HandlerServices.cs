namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>Where the backend stands, for handlers and the authorization.</summary>
    public interface IBackendState
    {
        /// <summary>The link to the backend is open.</summary>
        bool Online { get; }

        /// <summary>The last BootNotification was answered Accepted.</summary>
        bool Accepted { get; }

        /// <summary>The backend accepted this box at least once since start.</summary>
        bool EverAccepted { get; }

        /// <summary>How many Accepted answers came since start.</summary>
        int AcceptedBoots { get; }
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
