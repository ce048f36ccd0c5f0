using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>
    /// OCPP availability of our connector (ChangeAvailability): kept on flash, so an Inoperative
    /// box stays so over a restart; Inoperative asked during a transaction is Scheduled and takes
    /// effect when the transaction ends. The change is handed on through <see cref="Changed"/>.
    /// </summary>
    public sealed class Availability : IFlashFile
    {
        public const string BlobName = "ocpp-state.json";

        readonly IStorage _storage;
        readonly JsonWriter _writer = new JsonWriter(64, 256);
        bool _operative = true;
        bool _inoperativeScheduled;

        /// <summary>Told after every change of <see cref="Operative"/> (the session republishes to charging).</summary>
        public IAvailabilityListener Changed;

        public Availability(IStorage storage, Logger log)
        {
            _storage = storage;
            FlashFile.Load(storage, BlobName, log, "ocpp", "Operative assumed", this);
        }

        public bool Operative { get { return _operative; } }

        /// <summary>ChangeAvailability; returns Accepted, Scheduled or Rejected.</summary>
        public string Change(bool operative, bool transactionRunning)
        {
            if (!operative && transactionRunning)
            {
                _inoperativeScheduled = true;
                return "Scheduled";
            }
            _inoperativeScheduled = false;
            Set(operative);
            return "Accepted";
        }

        /// <summary>The transaction has ended: a Scheduled Inoperative takes effect now.</summary>
        public void TransactionEnded()
        {
            if (!_inoperativeScheduled) return;
            _inoperativeScheduled = false;
            Set(false);
        }

        void Set(bool operative)
        {
            if (_operative == operative) return;
            _operative = operative;
            _writer.Reset();
            _writer.StartObject().Property("operative", operative).EndObject();
            FlashFile.Save(_storage, BlobName, _writer);
            if (Changed != null) Changed.AvailabilityChanged();
        }

        public void ReadStored(JsonReader r, byte[] blob)
        {
            r.BeginObject(blob);
            while (r.Read() == JsonToken.PropertyName)
            {
                bool isOperative = r.ValueEquals("operative");
                r.Read();
                if (isOperative) _operative = r.GetBoolean();
                else r.Skip();
            }
        }

        public void ForgetStored() { _operative = true; }
    }

    /// <summary>Told when the connector's availability changed.</summary>
    public interface IAvailabilityListener
    {
        void AvailabilityChanged();
    }
}
