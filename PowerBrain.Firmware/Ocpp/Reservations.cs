using System;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>
    /// The Reservation profile: at most one reservation (for our connector, or for connector 0,
    /// which on a one-connector box is the same), kept on flash, ending at its expiry, by
    /// CancelReservation, or when its transaction starts. While it runs only its idTag, or a tag
    /// the backend gives the same parentIdTag, may start.
    /// </summary>
    public sealed class Reservations : IFlashFile
    {
        public const string BlobName = "ocpp-reservation.json";

        readonly IStorage _storage;
        readonly IClock _clock;
        readonly Logger _log;
        readonly JsonWriter _writer = new JsonWriter(128, 512);
        bool _active;

        // The reservation, valid while _active.
        public int Id;
        public int ConnectorId;
        public string IdTag;
        /// <summary>null when the reservation names no parent.</summary>
        public string ParentIdTag;
        public long ExpiryTicks;

        public Reservations(IStorage storage, IClock clock, Logger log)
        {
            _storage = storage;
            _clock = clock;
            _log = log;
            FlashFile.Load(storage, BlobName, log, "ocpp", "no reservation", this);
        }

        /// <summary>A reservation holds the connector now.</summary>
        public bool Active { get { return _active; } }

        /// <summary>Whether this tag may start on the reserved connector without asking for its parent.</summary>
        public bool Admits(string tag) { return !_active || tag == IdTag; }

        /// <summary>Whether this tag may try to start: the reserved tag, or any tag when the reservation
        /// names a parent (the backend's Authorize answer then decides).</summary>
        public bool MayTry(string tag) { return Admits(tag) || (_active && ParentIdTag != null); }

        /// <summary>Stores a reservation (a new one, or the same id again with new terms).</summary>
        public void Reserve(int id, int connectorId, string idTag, string parentIdTag, DateTime expiry)
        {
            Id = id;
            ConnectorId = connectorId;
            IdTag = idTag;
            ParentIdTag = parentIdTag;
            ExpiryTicks = expiry.Ticks;
            _active = true;
            Save();
            _log.Info("ocpp", "reservation " + id + " for " + idTag + " until " + Iso8601.Format(expiry));
        }

        /// <summary>CancelReservation: true when the id was the reservation.</summary>
        public bool Cancel(int id)
        {
            if (!_active || id != Id) return false;
            End("cancelled");
            return true;
        }

        /// <summary>The reservation's transaction has started: returns its id and ends it (-1: none).</summary>
        public int Consume()
        {
            if (!_active) return -1;
            int id = Id;
            End("used");
            return id;
        }

        /// <summary>Ends a reservation whose time is up.</summary>
        public void Tick()
        {
            if (_active && _clock.UtcNow.Ticks >= ExpiryTicks) End("expired");
        }

        void End(string why)
        {
            _active = false;
            _log.Info("ocpp", "reservation " + Id + " " + why);
            _storage.Delete(BlobName);
        }

        void Save()
        {
            _writer.Reset();
            _writer.StartObject().Property("id", Id).Property("connectorId", ConnectorId).Property("idTag", IdTag)
                   .OptionalProperty("parentIdTag", ParentIdTag).Property("expiry", ExpiryTicks).EndObject();
            FlashFile.Save(_storage, BlobName, _writer);
        }

        public void ReadStored(JsonReader r, byte[] blob)
        {
            r.BeginObject(blob);
            while (r.Read() == JsonToken.PropertyName)
            {
                string name = r.GetString();
                r.Read();
                if (name == "id") Id = r.GetInt32();
                else if (name == "connectorId") ConnectorId = r.GetInt32();
                else if (name == "idTag") IdTag = r.GetString();
                else if (name == "parentIdTag") ParentIdTag = r.GetString();
                else if (name == "expiry") ExpiryTicks = r.GetInt64();
                else r.Skip();
            }
            _active = IdTag != null && ExpiryTicks > 0;
        }

        public void ForgetStored() { _active = false; }
    }
}
