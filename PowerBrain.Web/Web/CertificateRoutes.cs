using System.Collections;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Security;

namespace PowerBrain.Firmware.Web
{
    /// <summary>GET /api/certificates describes what is stored (never the key); PUT stores
    /// {"ca"|"clientCertificate"|"clientKey": PEM}; DELETE /api/certificates?kind=… removes one.</summary>
    public sealed class CertificateRoutes : IRoute
    {
        readonly CertificateStore _store;
        readonly Ocpp.ISecurityLog _security;
        readonly Ocpp.OcppConnection _connection;

        public CertificateRoutes(CertificateStore store, Ocpp.ISecurityLog security, Ocpp.OcppConnection connection)
        {
            _store = store;
            _security = security;
            _connection = connection;
        }

        public void AddTo(WebApp app)
        {
            app.Add("GET", "/api/certificates", this);
            app.Add("PUT", "/api/certificates", this);
            app.Add("DELETE", "/api/certificates", this);
        }

        public int Handle(WebRequestContext c, JsonWriter json)
        {
            if (c.Method == "PUT")
            {
                Hashtable body = BodyReader.Object(c.Body);
                // All or nothing: a certificate is not stored when its key (or the CA) is refused.
                string[] kinds = { "ca", "clientCertificate", "clientKey" };
                string[] blobs = { CertificateStore.CaBlob, CertificateStore.ClientBlob, CertificateStore.KeyBlob };
                byte[][] checkedText = new byte[3][];
                bool any = false, failed = false;
                json.StartObject().Name("errors").StartObject();
                for (int i = 0; i < kinds.Length; i++)
                {
                    if (!body.Contains(kinds[i])) continue;
                    any = true;
                    string error;
                    checkedText[i] = _store.Check(blobs[i], body[kinds[i]] as string, out error);
                    if (error != null) { json.Property(kinds[i], error); failed = true; }
                }
                json.EndObject();
                if (!any) { json.Property("error", "give ca, clientCertificate or clientKey as PEM"); failed = true; }
                json.EndObject();
                if (failed) return 400;
                for (int i = 0; i < kinds.Length; i++) if (checkedText[i] != null) _store.Write(blobs[i], checkedText[i]);
                _security.SecurityEvent("ReconfigurationOfSecurityParameters", "certificates changed on the web page");
                _connection.Reconnect();
                json.Reset();
            }
            else if (c.Method == "DELETE")
            {
                string kind = c.Query.StartsWith("kind=") ? c.Query.Substring(5) : "";
                string blob = kind == "ca" ? CertificateStore.CaBlob : kind == "clientCertificate" ? CertificateStore.ClientBlob
                            : kind == "clientKey" ? CertificateStore.KeyBlob : null;
                if (blob == null)
                {
                    json.StartObject().Property("error", "kind must be ca, clientCertificate or clientKey").EndObject();
                    return 400;
                }
                _store.Delete(blob);
                _connection.Reconnect();
            }
            _store.Describe(json);
            return 200;
        }
    }
}
