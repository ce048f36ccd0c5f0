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
}
