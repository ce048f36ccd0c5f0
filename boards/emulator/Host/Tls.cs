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
/// Profile 3 presents the stored client certificate with its key.
/// </summary>
static class Tls
{
    public static void Configure(ClientWebSocketOptions options, TlsMaterial tls, Action<string> refused)
    {
        if (tls.CaPem != null)
        {
            var cas = new X509Certificate2Collection();
            cas.ImportFromPem(tls.CaPem);
            options.RemoteCertificateValidationCallback = (_, certificate, sent, errors) =>
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
        else options.RemoteCertificateValidationCallback = (_, _, _, _) => true;

        if (tls.ClientCertificatePem != null && tls.ClientKeyPem != null)
        {
            using var pair = X509Certificate2.CreateFromPem(tls.ClientCertificatePem, tls.ClientKeyPem);
            // An ephemeral key cannot be used by SslStream on every platform: go through PKCS#12.
            options.ClientCertificates.Add(X509CertificateLoader.LoadPkcs12(pair.Export(X509ContentType.Pkcs12), null));
        }
    }
}
