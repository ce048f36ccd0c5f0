using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Security;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>GetInstalledCertificateIds: the stored central system or manufacturer roots as SHA-256 hash data.</summary>
    public sealed class GetInstalledCertificateIds : IOcppHandler
    {
        static readonly string[] Types = new string[] { "CentralSystemRootCertificate", "ManufacturerRootCertificate" };
        readonly CertificateStore _certificates;

        public GetInstalledCertificateIds(CertificateStore certificates) { _certificates = certificates; }

        public void Handle(Payload p, JsonWriter result)
        {
            string type = p.Enum("certificateType", Types, true);
            CertificateInfo[] all = _certificates.Certificates(type == "CentralSystemRootCertificate" ? CertificateStore.CaBlob : CertificateStore.ManufacturerBlob);
            result.StartObject().Property("status", all.Length > 0 ? "Accepted" : "NotFound");
            if (all.Length > 0)
            {
                result.Name("certificateHashData").StartArray();
                for (int i = 0; i < all.Length; i++)
                {
                    result.StartObject().Property("hashAlgorithm", "SHA256").Property("issuerNameHash", all[i].IssuerNameHash)
                          .Property("issuerKeyHash", CertificateStore.IssuerKeyHash(all[i], all)).Property("serialNumber", all[i].SerialNumber).EndObject();
                }
                result.EndArray();
            }
            result.EndObject();
        }
    }

    /// <summary>DeleteCertificate: removes a stored root by its hash data. The last CA a TLS
    /// profile relies on is not deleted (Failed): that would cut the box off.</summary>
    public sealed class DeleteCertificate : IOcppHandler
    {
        static readonly string[] Algorithms = new string[] { "SHA256", "SHA384", "SHA512" };
        readonly CertificateStore _certificates;
        readonly ISecurityLog _security;

        public DeleteCertificate(CertificateStore certificates, ISecurityLog security)
        {
            _certificates = certificates;
            _security = security;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            Payload h = p.Object("certificateHashData", true);
            string algorithm = h.Enum("hashAlgorithm", Algorithms, true);
            string nameHash = h.String("issuerNameHash", 128, true);
            string keyHash = h.String("issuerKeyHash", 128, true);
            string serial = h.String("serialNumber", 40, true);
            string status;
            if (algorithm != "SHA256") status = "NotFound";   // only SHA-256 ids are handed out
            else if (_security.SecurityProfile >= 2 && _certificates.CaCertificates().Length == 1 && Matches(nameHash, keyHash, serial)) status = "Failed";
            else status = _certificates.DeleteCa(nameHash, keyHash, serial) || _certificates.DeleteRoot(CertificateStore.ManufacturerBlob, nameHash, keyHash, serial) ? "Accepted" : "NotFound";
            if (status == "Accepted") _security.SecurityEvent("ReconfigurationOfSecurityParameters", "central system root certificate deleted");
            result.StartObject().Property("status", status).EndObject();
        }

        bool Matches(string nameHash, string keyHash, string serial)
        {
            CertificateInfo[] all = _certificates.CaCertificates();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].IssuerNameHash == nameHash.ToLower() && CertificateStore.IssuerKeyHash(all[i], all) == keyHash.ToLower()
                    && all[i].SerialNumber == serial.ToLower()) return true;
            }
            return false;
        }
    }
}
