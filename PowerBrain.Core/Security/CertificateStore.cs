using System;
using System.Collections;
using System.Text;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Security
{
    /// <summary>
    /// The certificates for OCPP over TLS: CA certificate(s) to check the backend, and the client
    /// certificate with its private key for security profile 3. Uploads are checked (PEM, X.509),
    /// described (subject, issuer, expiry), bounded in size, and persisted. The key is never
    /// returned by any API: only whether it is set.
    /// </summary>
    public sealed class CertificateStore
    {
        public const int MaxLength = 16384;   // CertificateStoreMaxLength, in characters of PEM
        public const string CaBlob = "cert-ca.pem";
        public const string ClientBlob = "cert-client.pem";
        public const string KeyBlob = "key-client.pem";
        /// <summary>Manufacturer roots (InstallCertificate ManufacturerRootCertificate): they check firmware signatures.</summary>
        public const string ManufacturerBlob = "cert-manufacturer.pem";

        readonly IStorage _storage;
        readonly IClock _clock;
        readonly Logger _log;

        public CertificateStore(IStorage storage, IClock clock, Logger log)
        {
            _storage = storage;
            _clock = clock;
            _log = log;
        }

        string Text(string blob)
        {
            byte[] b = _storage.Read(blob);
            return b == null ? null : Encoding.UTF8.GetString(b, 0, b.Length);
        }

        public string CaPem { get { return Text(CaBlob); } }
        public string ClientCertificatePem { get { return Text(ClientBlob); } }
        /// <summary>For the TLS adapter only; never for an API answer.</summary>
        public string ClientKeyPem { get { return Text(KeyBlob); } }
        public bool HasCa { get { return _storage.Read(CaBlob) != null; } }
        public bool HasClientPair { get { return _storage.Read(ClientBlob) != null && _storage.Read(KeyBlob) != null; } }

        /// <summary>Stores CA certificate(s); null, or why not.</summary>
        public string SetCa(string pem) { return Set(CaBlob, pem); }

        public string SetClientCertificate(string pem) { return Set(ClientBlob, pem); }

        public string SetClientKey(string pem) { return Set(KeyBlob, pem); }

        string Set(string blob, string pem)
        {
            string error;
            byte[] text = Check(blob, pem, out error);
            if (text != null) Write(blob, text);
            return error;
        }

        /// <summary>Checks a PEM for one of the stores (CaBlob, ClientBlob, KeyBlob) without storing it:
        /// the cleaned text to write, or null with the reason. Lets a caller check several before
        /// storing any.</summary>
        public byte[] Check(string blob, string pem, out string error)
        {
            bool key = blob == KeyBlob;
            if (pem == null || pem.Length > MaxLength)
            {
                error = key ? "the key is missing or longer than " + MaxLength + " characters"
                            : "missing, or longer than CertificateStoreMaxLength (" + MaxLength + " characters)";
                return null;
            }
            ArrayList blocks;
            try { blocks = Pem.Parse(pem); }
            catch (FormatException e)
            {
                error = (key ? "not a PEM private key: " : "not PEM: ") + e.Message;
                return null;
            }
            error = key ? CheckKey(blocks) : CheckCertificates(blocks);
            if (error != null) return null;
            if (key) return Encoding.UTF8.GetBytes(((PemBlock)blocks[0]).Text);
            StringBuilder clean = new StringBuilder();
            for (int i = 0; i < blocks.Count; i++) clean.Append(((PemBlock)blocks[i]).Text).Append('\n');
            return Encoding.UTF8.GetBytes(clean.ToString());
        }

        /// <summary>Writes what Check returned.</summary>
        public void Write(string blob, byte[] text)
        {
            _storage.Write(blob, text, 0, text.Length);
            _log.Info("security", blob + " stored");
        }

        static string CheckKey(ArrayList blocks)
        {
            if (blocks.Count != 1) return "give exactly one private key";
            PemBlock b = (PemBlock)blocks[0];
            if (b.Label != "PRIVATE KEY" && b.Label != "RSA PRIVATE KEY" && b.Label != "EC PRIVATE KEY")
                return "expected a PRIVATE KEY block, got " + b.Label + (b.Label.IndexOf("ENCRYPTED") >= 0 ? " (remove the pass phrase first)" : "");
            if (b.Der.Length < 16 || b.Der[0] != 0x30) return "the private key is not DER inside";
            return null;
        }

        static string CheckCertificates(ArrayList blocks)
        {
            for (int i = 0; i < blocks.Count; i++)
            {
                PemBlock b = (PemBlock)blocks[i];
                if (b.Label != "CERTIFICATE") return "expected CERTIFICATE blocks, got " + b.Label;
                try { CertificateInfo.Read(b.Der); }
                catch (FormatException e) { return "not an X.509 certificate: " + e.Message; }
            }
            return null;
        }

        public void Delete(string blob) { _storage.Delete(blob); }

        /// <summary>Null when the client key belongs to the client certificate (or one is missing), else why not.</summary>
        public string KeyMismatch()
        {
            string cert = ClientCertificatePem, key = ClientKeyPem;
            if (cert == null || key == null) return null;
            byte[] certKey = CertificateInfo.Read(((PemBlock)Pem.Parse(cert)[0]).Der).PublicKey;
            byte[] keyPublic;
            try { keyPublic = PrivateKeyInfo.PublicPart((PemBlock)Pem.Parse(key)[0]); }
            catch (FormatException) { return "the client key could not be read"; }
            if (keyPublic == null) return null;   // this key format carries no public half to compare
            if (keyPublic.Length != certKey.Length) return "the client key does not belong to the client certificate";
            for (int i = 0; i < certKey.Length; i++) if (keyPublic[i] != certKey[i]) return "the client key does not belong to the client certificate";
            return null;
        }

        /// <summary>The stored CA certificates, parsed (empty when none).</summary>
        public CertificateInfo[] CaCertificates() { return Certificates(CaBlob); }

        /// <summary>Adds a root to the CA or the manufacturer roots; returns an error or null.</summary>
        public string AddRoot(string blob, string pem)
        {
            string existing = Text(blob);
            return Set(blob, existing == null ? pem : existing + pem);
        }

        /// <summary>The certificates stored under a blob, parsed (empty when none).</summary>
        public CertificateInfo[] Certificates(string blob)
        {
            string pem = Text(blob);
            if (pem == null) return new CertificateInfo[0];
            ArrayList blocks = Pem.Parse(pem);
            CertificateInfo[] infos = new CertificateInfo[blocks.Count];
            for (int i = 0; i < blocks.Count; i++) infos[i] = CertificateInfo.Read(((PemBlock)blocks[i]).Der);
            return infos;
        }

        /// <summary>The key hash of a certificate's issuer: its own for a self-issued root, else the
        /// stored issuer's, else its own (the issuer is not stored).</summary>
        public static string IssuerKeyHash(CertificateInfo c, CertificateInfo[] all)
        {
            if (c.IsSelfIssued) return c.SubjectKeyHash;
            for (int i = 0; i < all.Length; i++) if (all[i].Subject == c.Issuer) return all[i].SubjectKeyHash;
            return c.SubjectKeyHash;
        }

        /// <summary>Removes the CA certificate with this hash data: true when found.</summary>
        public bool DeleteCa(string issuerNameHash, string issuerKeyHash, string serial) { return DeleteRoot(CaBlob, issuerNameHash, issuerKeyHash, serial); }

        /// <summary>Removes the root with this hash data from a blob: true when found.</summary>
        public bool DeleteRoot(string blob, string issuerNameHash, string issuerKeyHash, string serial)
        {
            string pem = Text(blob);
            if (pem == null) return false;
            ArrayList blocks = Pem.Parse(pem);
            CertificateInfo[] all = Certificates(blob);
            StringBuilder keep = new StringBuilder();
            bool found = false;
            for (int i = 0; i < blocks.Count; i++)
            {
                CertificateInfo c = all[i];
                bool match = c.IssuerNameHash == issuerNameHash.ToLower() && IssuerKeyHash(c, all) == issuerKeyHash.ToLower()
                             && c.SerialNumber == serial.ToLower();
                if (match) found = true;
                else keep.Append(((PemBlock)blocks[i]).Text).Append('\n');
            }
            if (!found) return false;
            if (keep.Length == 0) _storage.Delete(blob);
            else
            {
                byte[] text = Encoding.UTF8.GetBytes(keep.ToString());
                _storage.Write(blob, text, 0, text.Length);
            }
            _log.Info("security", "certificate " + serial + " deleted from " + blob);
            return true;
        }

        /// <summary>Writes what is stored as JSON: certificates with subject, issuer and expiry; the key only as set or not.</summary>
        public void Describe(JsonWriter w)
        {
            w.StartObject();
            w.Name("ca").StartArray();
            DescribeBlocks(w, CaPem);
            w.EndArray();
            w.Name("clientCertificate").StartArray();
            DescribeBlocks(w, ClientCertificatePem);
            w.EndArray();
            w.Property("clientKeySet", _storage.Read(KeyBlob) != null);
            string mismatch = KeyMismatch();
            w.Name("warnings").StartArray();
            if (mismatch != null) w.String(mismatch);
            w.EndArray();
            w.Property("maxLength", MaxLength);
            w.EndObject();
        }

        void DescribeBlocks(JsonWriter w, string pem)
        {
            if (pem == null) return;
            ArrayList blocks = Pem.Parse(pem);
            DateTime now = _clock.UtcNow;
            for (int i = 0; i < blocks.Count; i++)
            {
                CertificateInfo c = CertificateInfo.Read(((PemBlock)blocks[i]).Der);
                w.StartObject().Property("subject", c.Subject).Property("issuer", c.Issuer)
                 .Property("notBefore", Iso8601.Format(c.NotBefore)).Property("notAfter", Iso8601.Format(c.NotAfter))
                 .Property("expired", c.NotAfter < now).Property("notYetValid", c.NotBefore > now).EndObject();
            }
        }
    }
}
