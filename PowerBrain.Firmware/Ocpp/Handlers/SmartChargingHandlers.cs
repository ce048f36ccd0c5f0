using System;
using System.Collections;
using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp.Handlers
{
    /// <summary>SetChargingProfile: validated, stored, and applied to the pilot at once.</summary>
    public sealed class SetChargingProfile : IOcppHandler
    {
        readonly SmartCharging _profiles;
        readonly Transactions _transactions;
        readonly IClock _clock;
        readonly int _connectorId;
        readonly IProfileLimit _limit;

        public SetChargingProfile(SmartCharging profiles, Transactions transactions, IClock clock, int connectorId, IProfileLimit limit)
        {
            _profiles = profiles;
            _transactions = transactions;
            _clock = clock;
            _connectorId = connectorId;
            _limit = limit;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            int connector = p.Int("connectorId", true, 0);
            ChargingProfile profile = ChargingProfile.Read(p.Object("csChargingProfiles", true));
            TxRecord tx = _transactions.Current;
            string status = _profiles.Set(connector, profile, _connectorId, tx == null ? -1 : tx.Local,
                                          tx == null ? -1 : _transactions.Store.ServerId(tx.Local), _clock.UtcNow);
            result.StartObject().Property("status", status).EndObject();
            _limit.ApplyProfiles();
        }
    }

    /// <summary>ClearChargingProfile: by id, or by the AND of the criteria; Unknown when nothing matched.</summary>
    public sealed class ClearChargingProfile : IOcppHandler
    {
        readonly SmartCharging _profiles;
        readonly IProfileLimit _limit;

        public ClearChargingProfile(SmartCharging profiles, IProfileLimit limit)
        {
            _profiles = profiles;
            _limit = limit;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            int id = p.Int("id", false, -1);
            int connector = p.Int("connectorId", false, -1);
            string purposeName = p.Enum("chargingProfilePurpose", ChargingProfile.PurposeNames, false);
            int purpose = -1;
            for (int i = 0; purposeName != null && i < ChargingProfile.PurposeNames.Length; i++) if (ChargingProfile.PurposeNames[i] == purposeName) purpose = i;
            int stack = p.Int("stackLevel", false, -1);
            bool any = _profiles.Clear(id, connector, purpose, stack);
            result.StartObject().Property("status", any ? "Accepted" : "Unknown").EndObject();
            _limit.ApplyProfiles();
        }
    }

    /// <summary>GetCompositeSchedule: what the charge point will offer from now for `duration` s,
    /// with the hardware maximum as the ceiling where no profile limits.</summary>
    public sealed class GetCompositeSchedule : IOcppHandler
    {
        static readonly string[] Units = new string[] { "A", "W" };
        readonly SmartCharging _profiles;
        readonly Transactions _transactions;
        readonly IClock _clock;
        readonly Settings _settings;
        readonly ChargingStatus _status;
        readonly int _connectorId;

        public GetCompositeSchedule(SmartCharging profiles, Transactions transactions, IClock clock, Settings settings, ChargingStatus status, int connectorId)
        {
            _profiles = profiles;
            _transactions = transactions;
            _clock = clock;
            _settings = settings;
            _status = status;
            _connectorId = connectorId;
        }

        public void Handle(Payload p, JsonWriter result)
        {
            int connector = p.Int("connectorId", true, 0);
            int duration = p.Int("duration", true, 0);
            string unit = p.Enum("chargingRateUnit", Units, false);
            if (connector != 0 && connector != _connectorId || duration < 0)
            {
                result.StartObject().Property("status", "Rejected").EndObject();
                return;
            }
            bool watts = unit == "W";
            DateTime now = _clock.UtcNow;
            now = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
            DateTime end = now.AddSeconds(duration);
            TxRecord tx = connector == 0 ? null : _transactions.Current;
            DateTime txStart = DateTime.MinValue;
            if (tx != null) Iso8601.TryParse(tx.StartTime, out txStart);
            int localTx = tx == null ? -1 : tx.Local;

            ArrayList times = new ArrayList();
            _profiles.Boundaries(now, end, txStart, times);
            times.Add(now);
            Sort(times);
            long hardware = _settings.GetNumber(SettingsCatalog.ChargingMaxCurrent);
            int phases = _status.Phases;

            result.StartObject().Property("status", "Accepted").Property("connectorId", connector)
                  .Property("scheduleStart", Iso8601.Format(now))
                  .Name("chargingSchedule").StartObject()
                  .Property("duration", duration).Property("chargingRateUnit", watts ? "W" : "A")
                  .Name("chargingSchedulePeriod").StartArray();
            // One period per whole second at most: a later change in the same second wins.
            int[] starts = new int[times.Count];
            long[] limits = new long[times.Count];
            int n = 0;
            for (int i = 0; i < times.Count; i++)
            {
                DateTime t = (DateTime)times[i];
                long limit = _profiles.LimitAt(t, _connectorId, localTx, txStart, connector != 0);
                if (limit < 0 || limit > hardware) limit = hardware;
                int start = (int)((t.Ticks - now.Ticks) / TimeSpan.TicksPerSecond);
                if (n > 0 && starts[n - 1] == start) n--;
                if (n > 0 && limits[n - 1] == limit) continue;
                starts[n] = start;
                limits[n] = limit;
                n++;
            }
            for (int i = 0; i < n; i++)
            {
                result.StartObject().Property("startPeriod", starts[i]);
                // Limits carry one decimal: 0.1 A, or W from 0.1 A × 230 V × phases.
                if (watts) result.Name("limit").Fixed(limits[i] * 230 * phases, 1);
                else result.Name("limit").Fixed(limits[i], 1);
                result.Property("numberPhases", phases).EndObject();
            }
            result.EndArray().EndObject().EndObject();
        }

        static void Sort(ArrayList times)
        {
            for (int i = 1; i < times.Count; i++)
            {
                DateTime v = (DateTime)times[i];
                int j = i - 1;
                while (j >= 0 && (DateTime)times[j] > v) { times[j + 1] = times[j]; j--; }
                times[j + 1] = v;
            }
        }
    }
}
