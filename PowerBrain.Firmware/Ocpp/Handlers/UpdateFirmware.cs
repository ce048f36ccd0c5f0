using System;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>UpdateFirmware: schedules the download; the answer has no fields.</summary>
    public sealed class UpdateFirmware : IOcppHandler
    {
        readonly FirmwareUpdates _updates;

        public UpdateFirmware(FirmwareUpdates updates) { _updates = updates; }

        public void Handle(Payload p, JsonWriter result)
        {
            string location = p.String("location", 512, true);
            DateTime at = p.Time("retrieveDate", true, DateTime.MinValue);
            _updates.Schedule(location, at, p.Int("retries", false, 0), p.Int("retryInterval", false, 60));
            result.StartObject().EndObject();
        }
    }

    /// <summary>SignedUpdateFirmware (security whitepaper): the signing certificate is checked at
    /// once (InvalidCertificate), the signature over the package after the download.</summary>
    public sealed class SignedUpdateFirmware : IOcppHandler
    {
        readonly FirmwareUpdates _updates;

        public SignedUpdateFirmware(FirmwareUpdates updates) { _updates = updates; }

        public void Handle(Payload p, JsonWriter result)
        {
            int requestId = p.Int("requestId", true, 0);
            Payload f = p.Object("firmware", true);
            string location = f.String("location", 512, true);
            DateTime at = f.Time("retrieveDateTime", true, DateTime.MinValue);
            string certificate = f.String("signingCertificate", 5500, true);
            string signature = f.String("signature", 800, true);
            string status = _updates.ScheduleSigned(location, at, p.Int("retries", false, 0), p.Int("retryInterval", false, 60), requestId, certificate, signature);
            result.StartObject().Property("status", status).EndObject();
        }
    }
}
