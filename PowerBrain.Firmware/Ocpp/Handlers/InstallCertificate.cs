using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Security;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>InstallCertificate (security whitepaper): a CentralSystemRootCertificate is added to
    /// the stored CA certificates (the next connect uses them), a ManufacturerRootCertificate to the
    /// roots that check firmware signatures.</summary>
    public sealed class InstallCertificate : IOcppHandler
    {
        static readonly string[] Types = new string[] { "CentralSystemRootCertificate", "ManufacturerRootCertificate" };
        readonly CertificateStore _certificates;
        readonly ISecurityLog _security;
        readonly Logger _log;

        public InstallCertificate(CertificateStore certificates, ISecurityLog security, Logger log)
        {
            _certificates = certificates;
            _security = security;
            _log = log;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            string type = p.Enum("certificateType", Types, true);
            string pem = p.String("certificate", 5500, true);
            bool central = type == "CentralSystemRootCertificate";
            string error = _certificates.AddRoot(central ? CertificateStore.CaBlob : CertificateStore.ManufacturerBlob, pem);
            string status = error == null ? "Accepted" : "Rejected";
            if (error != null) _log.Warning("ocpp", "InstallCertificate refused: " + error);
            else _security.SecurityEvent("ReconfigurationOfSecurityParameters", (central ? "central system" : "manufacturer") + " root certificate installed");
            result.StartObject().Property("status", status).EndObject();
        }
    }
}
