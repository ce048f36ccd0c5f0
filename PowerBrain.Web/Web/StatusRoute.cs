using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Modbus;
using PowerBrain.Firmware.Ocpp;

namespace PowerBrain.Firmware.Web
{
    /// <summary>GET /api/status: the live state as JSON, polled by the page and by scripts.
    /// The member names are stable: scripts and operators rely on them.</summary>
    public sealed class StatusRoute : IRoute
    {
        readonly Wallbox _box;
        readonly ChargingReason _reason = new ChargingReason();

        public StatusRoute(Wallbox box) { _box = box; }

        public int Handle(WebRequestContext context, JsonWriter json)
        {
            Write(json, null, null);
            return 200;
        }

        /// <summary>The status, with the log lines written within the window (ISO 8601 bounds; null: open).</summary>
        public void Write(JsonWriter json, string logFrom, string logTo)
        {
            Wallbox b = _box;
            ChargingStatus s = b.Status;
            ModbusControl m = b.Modbus;
            OcppClient o = b.OcppClient;
            json.StartObject();
            _reason.Explain(b);
            json.Name("reason").StartObject().Property("code", _reason.Code).Property("text", _reason.Text).EndObject();
            json.Name("firmware").StartObject()
                .Property("name", FirmwareInfo.Name)
                .Property("version", o.RunningVersion)
                .Property("serial", b.Board.SerialNumber)
                .Property("board", b.Board.Name)
                .EndObject();
            json.Property("uptimeS", b.Board.Clock.UptimeMs / 1000);
            json.Property("time", Iso8601.Format(b.Board.Clock.UtcNow));
            json.Name("memory").StartObject()
                .Property("freeBytes", b.Board.System.FreeManagedBytes())
                .Property("usedBytes", b.Board.System.UsedManagedBytes())
                .EndObject();

            json.Name("charging").StartObject()
                .Property("cpState", ControlPilot.Describe(s.CpState, b.Board.Pilot.DutyPermille))
                .Property("allowed", b.Charging.Decision.Allowed)
                .PropertyFixed("offeredAmps", s.OfferedDeciAmps, 1)
                .PropertyFixed("limitAmps", b.Charging.Decision.LimitDeciAmps, 1)
                .Property("limitedBy", LimitedBy.Name(s.LimitedBy))
                .Property("dutyPermille", b.Board.Pilot.DutyPermille)
                .Property("contactorClosed", s.ContactorClosed)
                .Property("phases", s.Phases)
                .Property("fault", FaultKind.Name(b.Charging.Fault));
            if (s.CableDeciAmps >= 0) json.PropertyFixed("cableAmps", s.CableDeciAmps, 1);
            json.EndObject();

            json.Name("connector").StartObject()
                .Property("id", o.ConnectorId)
                .Property("status", o.Status.Compute())
                .Property("operative", o.Availability.Operative)
                .EndObject();

            json.Name("transaction").StartObject();
            TxRecord tx = o.Transactions.Current;
            if (tx != null)
            {
                int id = o.Transactions.Store.ServerId(tx.Local);
                if (id != TransactionStore.Unknown) json.Property("id", id);
                json.Property("local", tx.Local).Property("idTag", tx.IdTag).Property("meterStartWh", tx.MeterStartWh)
                    .Property("energyWh", b.Energy.Wh - tx.MeterStartWh).Property("started", tx.StartTime);
            }
            json.Property("queued", o.Transactions.Store.Count);
            json.EndObject();

            json.Name("meter").StartObject()
                .Property("present", s.MeterPresent)
                .Property("answering", s.MeterAnswering)
                .Property("energyWh", b.Energy.Wh)
                .Property("powerW", s.Meter.PowerW)
                .Name("currentsAmps").StartArray()
                .Fixed(s.Meter.CurrentMa[0], 3).Fixed(s.Meter.CurrentMa[1], 3).Fixed(s.Meter.CurrentMa[2], 3)
                .EndArray()
                .EndObject();

            json.Name("modbus").StartObject()
                .Property("active", b.ModbusTcpEnabled || b.ModbusRtuEnabled)
                .Property("enabled", m.Enabled)
                .PropertyFixed("limitAmps", m.LimitDeciAmps, 1)
                .Property("slaveId", b.ModbusSlave.SlaveId)
                .Property("requests", b.ModbusSlave.Requests)
                .Property("masterLostMode", MasterLostMode.Name(m.LostMode))
                .Property("masterLost", m.MasterLost);
            if (m.LastContactMs >= 0) json.Property("lastContactAgoS", (b.Board.Clock.UptimeMs - m.LastContactMs) / 1000);
            json.EndObject();

            json.Name("ocpp").StartObject()
                .Property("connection", o.Connection.State)
                .Property("bootStatus", o.Registration.BootStatus)
                .Property("lastError", o.Connection.LastError)
                .Property("chargeBoxId", o.Connection.ChargeBoxId)
                .Property("securityProfile", o.SecurityProfile)
                .Property("localListVersion", o.LocalList.Version)
                .Property("localListTags", o.LocalList.Count)
                .Property("cachedTags", o.Cache.Count);
            json.OptionalProperty("securityWarning", o.Connection.SecurityWarning);
            if (b.Ocpp.LimitDeciAmps >= 0) json.PropertyFixed("limitAmps", b.Ocpp.LimitDeciAmps, 1);
            json.EndObject();

            json.Name("log").StartArray();
            string[] lines = b.Log.Recent(logFrom, logTo);
            for (int i = 0; i < lines.Length; i++) json.String(lines[i]);
            json.EndArray();
            json.EndObject();
        }
    }
}
