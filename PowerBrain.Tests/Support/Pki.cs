using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PowerBrain.Tests.Support;

/// <summary>
/// Certificates made with openssl the way the README tells users to (a root CA with a pass phrase
/// and a UTF-8 config with umlauts, then a client key, a CSR and the signed client certificate),
/// plus server certificates for the test backend. Everything lives in a temp folder; no key is committed.
/// </summary>
public sealed class Pki : IDisposable
{
    public readonly string Dir = Path.Combine(Path.GetTempPath(), "pb-pki-" + Guid.NewGuid().ToString("N"));

    public Pki()
    {
        Directory.CreateDirectory(Dir);
        File.WriteAllText(P("rootCA.cnf"), "[req]\ndistinguished_name = dn\nprompt = no\nx509_extensions = ext\n" +
            "[dn]\nC = DE\nO = Tiefgarage Köln GmbH\nCN = Tiefgarage Köln Root CA\n" +
            "[ext]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n");
        Ssl("genrsa", "-des3", "-passout", "pass:rootpass", "-out", P("rootCA.key"), "2048");
        Ssl("req", "-x509", "-new", "-key", P("rootCA.key"), "-passin", "pass:rootpass", "-sha256", "-days", "365",
            "-config", P("rootCA.cnf"), "-utf8", "-out", P("ca.pem"));
        // The client: CN is the ChargeBox ID.
        Ssl("genrsa", "-out", P("client-key.pem"), "2048");
        Ssl("req", "-new", "-key", P("client-key.pem"), "-subj", "/C=DE/O=Tiefgarage Köln GmbH/CN=WB-1", "-utf8", "-out", P("client.csr"));
        Sign("client.csr", "client.pem", "rootCA", null);
        Server("server", "rootCA", "IP:127.0.0.1,DNS:localhost");
        // An intermediate CA under our root, and a server certificate it signed (how public CAs issue).
        File.WriteAllText(P("intermediate.ext"), "basicConstraints = critical,CA:TRUE,pathlen:0\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n");
        Ssl("genrsa", "-out", P("intermediate.key"), "2048");
        Ssl("req", "-new", "-key", P("intermediate.key"), "-subj", "/O=Tiefgarage Köln GmbH/CN=Tiefgarage Köln Issuing CA 1", "-utf8", "-out", P("intermediate.csr"));
        Sign("intermediate.csr", "intermediate.pem", "rootCA", P("intermediate.ext"));
        Server("server-via-intermediate", "intermediate", "IP:127.0.0.1,DNS:localhost");
        // Another CA and a server certificate it signed; and one of ours for another host only.
        File.WriteAllText(P("other.cnf"), "[req]\ndistinguished_name = dn\nprompt = no\nx509_extensions = ext\n[dn]\nCN = Someone Else CA\n[ext]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign\n");
        Ssl("genrsa", "-out", P("other.key"), "2048");
        Ssl("req", "-x509", "-new", "-key", P("other.key"), "-sha256", "-days", "365", "-config", P("other.cnf"), "-out", P("other-ca.pem"));
        Server("server-other-ca", "other", "IP:127.0.0.1,DNS:localhost");
        Server("server-wrong-host", "rootCA", "DNS:backend.example.org");
        // A client certificate from a CA the backend does not know.
        Ssl("genrsa", "-out", P("stranger-key.pem"), "2048");
        Ssl("req", "-new", "-key", P("stranger-key.pem"), "-subj", "/CN=WB-1", "-out", P("stranger.csr"));
        Sign("stranger.csr", "stranger.pem", "other", null);
        Expired();
    }

    public string P(string name) => Path.Combine(Dir, name);

    /// <summary>A server certificate of our root that expired yesterday (openssl 3.0's x509 cannot
    /// back-date, so .NET's CertificateRequest signs it with the same root key).</summary>
    void Expired()
    {
        using var rootKey = System.Security.Cryptography.RSA.Create();
        rootKey.ImportFromEncryptedPem(File.ReadAllText(P("rootCA.key")), "rootpass");
        using var root = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(P("ca.pem")));
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var req = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=PowerBrain test backend (expired)", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var san = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        san.AddDnsName("localhost");
        req.CertificateExtensions.Add(san.Build());
        var generator = System.Security.Cryptography.X509Certificates.X509SignatureGenerator.CreateForRSA(rootKey, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var cert = req.Create(root.SubjectName, generator, DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1), new byte[] { 1, 2, 3, 4, 5 });
        File.WriteAllText(P("server-expired.pem"), cert.ExportCertificatePem());
        File.WriteAllText(P("server-expired-key.pem"), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>A folder the test backend serves from: server.pem/server-key.pem of the given pair, ca.pem our root.</summary>
    public string ServeDir(string serverName)
    {
        var d = Path.Combine(Dir, "serve-" + serverName);
        Directory.CreateDirectory(d);
        // A server behind an intermediate sends its certificate followed by the intermediate's.
        string chain = File.ReadAllText(P(serverName + ".pem"));
        if (serverName == "server-via-intermediate") chain += File.ReadAllText(P("intermediate.pem"));
        File.WriteAllText(Path.Combine(d, "server.pem"), chain);
        File.Copy(P(serverName + "-key.pem"), Path.Combine(d, "server-key.pem"), true);
        File.Copy(P("ca.pem"), Path.Combine(d, "ca.pem"), true);
        return d;
    }

    void Server(string name, string ca, string san)
    {
        Ssl("genrsa", "-out", P(name + "-key.pem"), "2048");
        Ssl("req", "-new", "-key", P(name + "-key.pem"), "-subj", "/CN=PowerBrain test backend", "-out", P(name + ".csr"));
        File.WriteAllText(P(name + ".ext"), "subjectAltName = " + san + "\nextendedKeyUsage = serverAuth\n");
        Sign(name + ".csr", name + ".pem", ca, P(name + ".ext"));
    }

    void Sign(string csr, string output, string ca, string extfile)
    {
        string caCert = ca == "rootCA" ? P("ca.pem") : ca == "intermediate" ? P("intermediate.pem") : P("other-ca.pem");
        string caKey = ca == "rootCA" ? P("rootCA.key") : ca == "intermediate" ? P("intermediate.key") : P("other.key");
        var args = new System.Collections.Generic.List<string> { "x509", "-req", "-in", P(csr), "-CA", caCert, "-CAkey", caKey,
            "-CAcreateserial", "-days", "365", "-sha256", "-out", P(output) };
        if (ca == "rootCA") { args.Add("-passin"); args.Add("pass:rootpass"); }
        if (extfile != null) { args.Add("-extfile"); args.Add(extfile); }
        Ssl(args.ToArray());
    }

    static void Ssl(params string[] args)
    {
        var (exit, output) = Peer.Run("openssl", args);
        Assert.AreEqual(0, exit, "openssl " + string.Join(' ', args) + "\n" + output);
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, true); } catch (IOException) { }
    }
}
