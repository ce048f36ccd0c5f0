using System;
using PowerBrain.Firmware.Boot;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Ocpp.Calls;
using PowerBrain.Firmware.Security;
using PowerBrain.Firmware.Transfer;
using PowerBrain.Firmware.Update;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>
    /// UpdateFirmware: at retrieveDate the package is downloaded to flash (ftp://, http:// or https://,
    /// `retries` more tries `retryInterval` apart), checked, and once no transaction runs staged and the box
    /// restarts into it; the backend hears FirmwareStatusNotification Downloading, Downloaded or
    /// DownloadFailed, Installing, then Installed (after the new version's Accepted boot) or
    /// InstallationFailed. SignedUpdateFirmware (security whitepaper) first checks the signing
    /// certificate against the stored manufacturer roots, then the signature over the package (RSA or ECDSA)
    /// (SignatureVerified or InvalidSignature), and tells SignedFirmwareStatusNotification.
    /// </summary>
    public sealed class FirmwareUpdates : IDownloadDone
    {
        public const int MaxPackageBytes = 1024 * 1024;
        const long RestartAfterMs = 2000;

        readonly FileTransfer _transfer;
        readonly AppSlots _slots;
        readonly IStorage _storage;
        readonly Transactions _transactions;
        readonly OcppRpc _rpc;
        readonly IRestart _restart;
        readonly IClock _clock;
        readonly Logger _log;
        readonly CertificateStore _certificates;
        readonly ISecurityLog _security;
        int _requestId = -1;
        CertificateInfo _signer;
        byte[] _signature;
        string _location;
        DateTime _retrieveAt;
        int _retriesLeft, _retryIntervalS;
        bool _scheduled, _downloading;
        FirmwarePackage _receiving, _package;
        long _restartAtMs = -1;

        /// <summary>The last status told, for TriggerMessage (Idle when nothing runs).</summary>
        public string Status = "Idle";

        public FirmwareUpdates(FileTransfer transfer, AppSlots slots, IStorage storage, Transactions transactions, OcppRpc rpc, IRestart restart, IClock clock, Logger log,
                               CertificateStore certificates, ISecurityLog security)
        {
            _certificates = certificates;
            _security = security;
            _transfer = transfer;
            _slots = slots;
            _storage = storage;
            _transactions = transactions;
            _rpc = rpc;
            _restart = restart;
            _clock = clock;
            _log = log;
        }

        /// <summary>Nothing is on its way: a trigger tells Idle.</summary>
        public bool Idle { get { return !_scheduled && !_downloading && _package == null && _restartAtMs < 0; } }

        /// <summary>SignedUpdateFirmware: Accepted, InvalidCertificate (no stored manufacturer root
        /// signed it, or it is not valid now) or Rejected (no signature).</summary>
        public string ScheduleSigned(string location, DateTime retrieveAt, int retries, int retryIntervalS, int requestId, string certificatePem, string signatureBase64)
        {
            CertificateInfo signer = TrustedSigner(certificatePem);
            if (signer == null)
            {
                _security.SecurityEvent("InvalidFirmwareSigningCertificate", "request " + requestId);
                return "InvalidCertificate";
            }
            byte[] signature;
            try { signature = Convert.FromBase64String(signatureBase64); }
            catch (Exception) { return "Rejected"; }
            Schedule(location, retrieveAt, retries, retryIntervalS);
            _requestId = requestId;
            _signer = signer;
            _signature = signature;
            return "Accepted";
        }

        CertificateInfo TrustedSigner(string pem)
        {
            CertificateInfo cert;
            try
            {
                System.Collections.ArrayList blocks = Pem.Parse(pem);
                if (blocks.Count != 1) return null;
                cert = CertificateInfo.Read(((PemBlock)blocks[0]).Der);
            }
            catch (Exception) { return null; }
            DateTime now = _clock.UtcNow;
            if (now.Ticks < cert.NotBefore.Ticks || now.Ticks > cert.NotAfter.Ticks || cert.KeyKind == 0) return null;
            CertificateInfo[] roots = _certificates.Certificates(CertificateStore.ManufacturerBlob);
            for (int i = 0; i < roots.Length; i++) if (cert.SignedBy(roots[i])) return cert;
            return null;
        }

        public void Schedule(string location, DateTime retrieveAt, int retries, int retryIntervalS)
        {
            _requestId = -1;
            _signer = null;
            _signature = null;
            _location = location;
            _retrieveAt = retrieveAt;
            _retriesLeft = retries < 0 ? 0 : retries;
            _retryIntervalS = retryIntervalS > 0 ? retryIntervalS : 60;
            _scheduled = true;
            _package = null;
            _log.Info("update", "firmware from " + TransferUrl.WithoutPassword(location) + " at " + Iso8601.Format(retrieveAt));
        }

        /// <summary>After the first Accepted boot of a start: tells how the last install ended.</summary>
        public void BootAccepted()
        {
            _slots.Accepted();
            if (_slots.Outcome.Length == 0) return;
            _requestId = _slots.RequestId;
            Tell(_slots.Outcome);
            _slots.Told();
        }

        public void Tick(long now)
        {
            if (_restartAtMs >= 0 && now >= _restartAtMs)
            {
                _restartAtMs = -1;
                _restart.Reboot();
                return;
            }
            if (_scheduled && !_downloading && _clock.UtcNow.Ticks >= _retrieveAt.Ticks)
            {
                _scheduled = false;
                _downloading = true;
                Tell("Downloading");
                string error;
                _slots.DropOldVersion();
                _receiving = new FirmwarePackage(_storage, _signer, _signature);
                if (!_transfer.Download(_location, _receiving, MaxPackageBytes, this, out error)) Downloaded(error);
            }
            // Never during a transaction: it waits for the end.
            if (_package != null && _transactions.Current == null) Install();
        }

        /// <summary>On the core thread, after the transfer thread received, wrote and checked the package.</summary>
        public void Downloaded(string error)
        {
            _downloading = false;
            FirmwarePackage p = _receiving;
            _receiving = null;
            if (error != null)
            {
                p.Discard();
                _log.Warning("update", "download failed: " + error);
                if (_retriesLeft > 0)
                {
                    _retriesLeft--;
                    _retrieveAt = _clock.UtcNow.AddSeconds(_retryIntervalS);
                    _scheduled = true;
                    return;
                }
                Tell("DownloadFailed");
                return;
            }
            Tell("Downloaded");
            if (_signer != null)
            {
                if (!p.SignatureValid)
                {
                    p.Discard();
                    _log.Warning("update", "the package's signature does not verify: not installed");
                    Tell("InvalidSignature");
                    _security.SecurityEvent("InvalidFirmwareSignature", "request " + _requestId);
                    return;
                }
                Tell("SignatureVerified");
            }
            if (p.Problem != null)
            {
                _log.Warning("update", "the package is refused: " + p.Problem);
                Tell("Installing");
                Tell("InstallationFailed");
                return;
            }
            _package = p;
            if (_transactions.Current != null) _log.Info("update", "version " + p.Version + " waits for the transaction to end");
        }

        void Install()
        {
            FirmwarePackage p = _package;
            _package = null;
            Tell("Installing");
            _slots.Stage(p.Version, p.Names, _requestId);
            _log.Info("update", "version " + p.Version + " staged (" + p.Names.Length + " files); it starts with the next restart");
            _restartAtMs = _clock.UptimeMs + RestartAfterMs;   // the status goes out first
        }

        void Tell(string status)
        {
            Status = status;
            if (_requestId >= 0) _rpc.Enqueue(new RequestStatusCall("SignedFirmwareStatusNotification", status, _requestId));
            else _rpc.Enqueue(new NotificationCall("FirmwareStatusNotification", status));
        }
    }
}
