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
        readonly Ocpp.OcppClient _ocpp;

        public CertificateRoutes(CertificateStore store, Ocpp.OcppClient ocpp)
        {
            _store = store;
            _ocpp = ocpp;
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
                json.StartObject();
                bool any = false, failed = false;
                json.Name("errors").StartObject();
                failed |= Put(json, body, "ca", ref any);
                failed |= Put(json, body, "clientCertificate", ref any);
                failed |= Put(json, body, "clientKey", ref any);
                json.EndObject();
                if (!any) { json.Property("error", "give ca, clientCertificate or clientKey as PEM"); failed = true; }
                json.EndObject();
                if (!failed)
                {
                    _ocpp.SecurityEvent("ReconfigurationOfSecurityParameters", "certificates changed on the web page");
                    _ocpp.Reconnect();
                }
                if (failed) return 400;
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
                _ocpp.Reconnect();
            }
            _store.Describe(json);
            return 200;
        }

        bool Put(JsonWriter json, Hashtable body, string kind, ref bool any)
        {
            if (!body.Contains(kind)) return false;
            any = true;
            string pem = body[kind] as string;
            string error = kind == "ca" ? _store.SetCa(pem) : kind == "clientCertificate" ? _store.SetClientCertificate(pem) : _store.SetClientKey(pem);
            if (error != null) json.Property(kind, error);
            return error != null;
        }
    }
}
