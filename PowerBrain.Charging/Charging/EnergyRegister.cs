using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Charging
{
    /// <summary>
    /// The wallbox's energy register in Wh. It only grows: it follows the meter's own counter and
    /// survives a meter reset or swap. It is persisted every <see cref="PersistStepWh"/> to spare the
    /// flash, and at shutdown, and restored at start before Modbus or OCPP can read it.
    /// </summary>
    public sealed class EnergyRegister : IFlashFile
    {
        public const string BlobName = "energy.json";
        public const long PersistStepWh = 100;

        readonly IStorage _storage;
        readonly Logger _log;
        long _registerWh;
        long _lastMeterWh = -1;
        long _persistedWh;
        readonly JsonWriter _writer = new JsonWriter(64, 256);

        public EnergyRegister(IStorage storage, Logger log)
        {
            _storage = storage;
            _log = log;
        }

        public long Wh { get { return _registerWh; } }

        public void Restore()
        {
            FlashFile.Load(_storage, BlobName, _log, "energy", "the register restarts from the meter", this);
        }

        public void ReadStored(JsonReader r, byte[] blob)
        {
            r.BeginObject(blob);
            while (r.Read() == JsonToken.PropertyName)
            {
                if (r.ValueEquals("registerWh")) { r.Read(); _registerWh = r.GetInt64(); }
                else if (r.ValueEquals("meterWh")) { r.Read(); _lastMeterWh = r.GetInt64(); }
                else { r.Read(); r.Skip(); }
            }
            _persistedWh = _registerWh;
        }

        public void ForgetStored()
        {
            _registerWh = 0;
            _lastMeterWh = -1;
            _persistedWh = 0;
        }

        /// <summary>Takes a meter reading; returns the register.</summary>
        public long Update(long meterWh)
        {
            if (meterWh < 0) return _registerWh;
            if (_lastMeterWh < 0)
            {
                // First reading ever: adopt the meter's own count.
                if (meterWh > _registerWh) _registerWh = meterWh;
            }
            else if (meterWh >= _lastMeterWh) _registerWh += meterWh - _lastMeterWh;
            else _registerWh += meterWh;   // the meter was reset or swapped
            _lastMeterWh = meterWh;
            if (_registerWh - _persistedWh >= PersistStepWh) Persist();
            return _registerWh;
        }

        public void Persist()
        {
            _writer.Reset();
            _writer.StartObject().Property("registerWh", _registerWh).Property("meterWh", _lastMeterWh).EndObject();
            FlashFile.Save(_storage, BlobName, _writer);
            _persistedWh = _registerWh;
        }
    }
}
