using System;
using System.Linq;
using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Emulator.Host;

/// <summary>
/// wss:// on the desktop: the server's certificate must be one of the stored CA certificates or
/// chain to one of them, through the intermediates the server sends (only the stored CAs are
/// trusted, not the system store), and match the host name;
/// nothing falls back. Without a stored CA the link is made unchecked (the status says so).
/// Profile 3 presents the stored client certificate with its key. https:// file locations use the
/// same checks.
/// </summary>
static class Tls
{
    public static void Configure(ClientWebSocketOptions options, TlsMaterial tls, Action<string> refused)
    {
        options.RemoteCertificateValidationCallback = Validator(tls, refused);
        var client = ClientCertificate(tls);
        if (client != null) options.ClientCertificates.Add(client);
    }

    /// <summary>https:// file locations: the same checks as the OCPP link, on an SslStream.</summary>
    public static SslStream Authenticate(System.IO.Stream plain, string host, TlsMaterial tls)
    {
        string refusal = null;
        var ssl = new SslStream(plain, false, Validator(tls, reason => refusal = reason));
        var options = new SslClientAuthenticationOptions { TargetHost = host };
        var client = ClientCertificate(tls);
        if (client != null) options.ClientCertificates = new X509CertificateCollection { client };
        try { ssl.AuthenticateAsClient(options); }
        catch (Exception e)
        {
            ssl.Dispose();
            throw new PowerBrain.Firmware.Core.ReasonException(refusal != null ? "the server's certificate was refused: " + refusal : "TLS handshake failed: " + e.Message);
        }
        return ssl;
    }

    static RemoteCertificateValidationCallback Validator(TlsMaterial tls, Action<string> refused)
    {
        if (tls.CaPem == null) return (_, _, _, _) => true;
        var cas = new X509Certificate2Collection();
        cas.ImportFromPem(tls.CaPem);
        return (_, certificate, sent, errors) =>
        {
            if (certificate == null) { refused("no certificate"); return false; }
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) { refused("it is not issued for this host name"); return false; }
            var server = new X509Certificate2(certificate);
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(cas);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            // The intermediates the server sent lead from its certificate to a stored CA; they
            // are used as links, never trusted on their own (as every TLS client does).
            if (sent != null)
            {
                chain.ChainPolicy.ExtraStore.AddRange(sent.ChainPolicy.ExtraStore);
                foreach (var element in sent.ChainElements)
                    if (element.Certificate.Thumbprint != server.Thumbprint) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
            bool storedItself = cas.Any(c => c.Thumbprint == server.Thumbprint);
            if (storedItself && DateTime.UtcNow >= server.NotBefore.ToUniversalTime() && DateTime.UtcNow <= server.NotAfter.ToUniversalTime()) return true;
            if (chain.Build(server)) return true;
            refused(string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct()));
            return false;
        };
    }

    static X509Certificate2 ClientCertificate(TlsMaterial tls)
    {
        if (tls.ClientCertificatePem == null || tls.ClientKeyPem == null) return null;
        using var pair = X509Certificate2.CreateFromPem(tls.ClientCertificatePem, tls.ClientKeyPem);
        // An ephemeral key cannot be used by SslStream on every platform: go through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(pair.Export(X509ContentType.Pkcs12), null);
    }
}
