using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Security;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>InstallCertificate (security whitepaper): a CentralSystemRootCertificate is added to
    /// the stored CA certificates and the link reconnects with it; other types are Rejected.</summary>
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
            string status;
            if (type != "CentralSystemRootCertificate") status = "Rejected";   // no firmware signing here
            else
            {
                string existing = _certificates.CaPem;
                string error = _certificates.SetCa(existing == null ? pem : existing + pem);
                status = error == null ? "Accepted" : "Rejected";
                if (error != null) _log.Warning("ocpp", "InstallCertificate refused: " + error);
                else _security.SecurityEvent("ReconfigurationOfSecurityParameters", "central system root certificate installed");
            }
            result.StartObject().Property("status", status).EndObject();
        }
    }
}
