using System;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>ReserveNow: Accepted, or why not from the connector's status (Faulted,
    /// Unavailable, Occupied); Rejected for a connector we do not have, for connector 0 without
    /// ReserveConnectorZeroSupported, and for an expiry already past. The same reservationId
    /// replaces its reservation.</summary>
    public sealed class ReserveNow : IOcppHandler
    {
        readonly Reservations _reservations;
        readonly ConnectorStatus _status;
        readonly ConfigKeys _keys;
        readonly IClock _clock;
        readonly int _connectorId;

        public ReserveNow(Reservations reservations, ConnectorStatus status, ConfigKeys keys, IClock clock, int connectorId)
        {
            _reservations = reservations;
            _status = status;
            _keys = keys;
            _clock = clock;
            _connectorId = connectorId;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            int connector = p.Int("connectorId", true, 0);
            DateTime expiry = p.Time("expiryDate", true, DateTime.MinValue);
            string tag = p.String("idTag", 20, true);
            string parent = p.String("parentIdTag", 20, false);
            int id = p.Int("reservationId", true, 0);
            string answer = Decide(connector, expiry, id);
            if (answer == "Accepted") _reservations.Reserve(id, connector, tag, parent, expiry);
            result.StartObject().Property("status", answer).EndObject();
        }

        string Decide(int connector, DateTime expiry, int id)
        {
            if (connector != _connectorId && !(connector == 0 && _keys.GetBool(ConfigKeys.ReserveConnectorZeroSupported))) return "Rejected";
            if (expiry.Ticks <= _clock.UtcNow.Ticks) return "Rejected";
            string status = _status.Compute();
            if (status == OcppStatus.Faulted) return "Faulted";
            if (status == OcppStatus.Unavailable) return "Unavailable";
            if (status == OcppStatus.Available) return "Accepted";
            if (status == OcppStatus.Reserved && _reservations.Id == id) return "Accepted";
            return "Occupied";
        }
    }

    /// <summary>CancelReservation: Accepted for the reservation's id, else Rejected.</summary>
    public sealed class CancelReservation : IOcppHandler
    {
        readonly Reservations _reservations;

        public CancelReservation(Reservations reservations) { _reservations = reservations; }

        public void Handle(Payload p, JsonWriter result)
        {
            bool cancelled = _reservations.Cancel(p.Int("reservationId", true, 0));
            result.StartObject().Property("status", cancelled ? "Accepted" : "Rejected").EndObject();
        }
    }
}
