using System;
using System.Collections;
using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>
    /// The installed charging profiles (persisted) and the composite limit: the highest stack level
    /// whose schedule covers "now" wins per purpose, then min(ChargePointMaxProfile, TxProfile if
    /// any, else TxDefaultProfile). Limits in 0.1 A; W converted with 230 V × phases.
    /// </summary>
    public sealed class SmartCharging : IFlashFile
    {
        public const string BlobName = "ocpp-profiles.json";
        public const int MaxStackLevel = 8;
        public const int MaxPeriods = 24;
        public const int MaxInstalled = 10;

        readonly IStorage _storage;
        readonly Logger _log;
        readonly ArrayList _profiles = new ArrayList();
        readonly JsonWriter _writer = new JsonWriter(1024, 32768);

        public SmartCharging(IStorage storage, Logger log)
        {
            _storage = storage;
            _log = log;
        }

        public int Count { get { return _profiles.Count; } }

        /// <summary>Installs a profile: "Accepted" or "Rejected". connectorId is the request's.</summary>
        public string Set(int requestConnector, ChargingProfile p, int ourConnector, int currentLocalTx, int currentServerTx, DateTime now)
        {
            if (p.Kind == ChargingProfile.Absolute && p.StartSchedule == DateTime.MinValue)
                p.StartSchedule = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
            if (requestConnector != 0 && requestConnector != ourConnector) return Reject(p, "unknown connector");
            if (p.StackLevel < 0 || p.StackLevel > MaxStackLevel) return Reject(p, "stack level above ChargeProfileMaxStackLevel");
            if (p.StartPeriods.Length == 0 || p.StartPeriods.Length > MaxPeriods) return Reject(p, "number of periods");
            if (p.StartPeriods[0] != 0) return Reject(p, "the first startPeriod must be 0");
            for (int i = 1; i < p.StartPeriods.Length; i++) if (p.StartPeriods[i] <= p.StartPeriods[i - 1]) return Reject(p, "startPeriods must grow");
            if (p.Kind == ChargingProfile.Recurring && (p.Recurrency == ChargingProfile.NoRecurrence || p.StartSchedule == DateTime.MinValue))
                return Reject(p, "a recurring profile needs recurrencyKind and startSchedule");
            if (p.Purpose == ChargingProfile.CpMax && requestConnector != 0) return Reject(p, "ChargePointMaxProfile only on connector 0");
            if (p.Purpose == ChargingProfile.Tx)
            {
                if (requestConnector == 0) return Reject(p, "TxProfile not on connector 0");
                if (currentLocalTx < 0) return Reject(p, "TxProfile without a transaction");
                if (p.TransactionId >= 0 && p.TransactionId != currentServerTx) return Reject(p, "TxProfile for another transaction");
                p.LocalTx = currentLocalTx;
            }
            p.ConnectorId = requestConnector;
            // Replace the same id, and the same purpose and stack level on the same connector.
            for (int i = _profiles.Count - 1; i >= 0; i--)
            {
                ChargingProfile o = (ChargingProfile)_profiles[i];
                if (o.Id == p.Id || (o.Purpose == p.Purpose && o.StackLevel == p.StackLevel && o.ConnectorId == p.ConnectorId)) _profiles.RemoveAt(i);
            }
            if (_profiles.Count >= MaxInstalled) return Reject(p, "MaxChargingProfilesInstalled reached");
            _profiles.Add(p);
            Save();
            return "Accepted";
        }

        string Reject(ChargingProfile p, string why)
        {
            _log.Warning("ocpp", "charging profile " + p.Id + " rejected: " + why);
            return "Rejected";
        }

        /// <summary>ClearChargingProfile: by id, else by the AND of the given criteria (-1 / null = any).</summary>
        public bool Clear(int id, int connectorId, int purpose, int stackLevel)
        {
            bool any = false;
            for (int i = _profiles.Count - 1; i >= 0; i--)
            {
                ChargingProfile p = (ChargingProfile)_profiles[i];
                bool match = id >= 0 ? p.Id == id
                    : (connectorId < 0 || p.ConnectorId == connectorId) && (purpose < 0 || p.Purpose == purpose) && (stackLevel < 0 || p.StackLevel == stackLevel);
                if (!match) continue;
                _profiles.RemoveAt(i);
                any = true;
            }
            if (any) Save();
            return any;
        }

        /// <summary>A transaction ended: its TxProfiles end with it.</summary>
        public void TransactionEnded(int localTx)
        {
            bool any = false;
            for (int i = _profiles.Count - 1; i >= 0; i--)
            {
                ChargingProfile p = (ChargingProfile)_profiles[i];
                if (p.Purpose == ChargingProfile.Tx && p.LocalTx == localTx) { _profiles.RemoveAt(i); any = true; }
            }
            if (any) Save();
        }

        /// <summary>The composite limit in 0.1 A at t, or -1 when no profile limits. localTx -1: no transaction.</summary>
        public long LimitAt(DateTime t, int connector, int localTx, DateTime txStart, bool includeTx)
        {
            int profileId;
            return Composite(t, connector, localTx, txStart, includeTx, out profileId);
        }

        /// <summary>The lower of the ChargePointMax profile and the transaction's (its TxProfile, else
        /// the TxDefaultProfile), and the id of the profile that gives it; -1 and -1 when none limits.</summary>
        long Composite(DateTime t, int connector, int localTx, DateTime txStart, bool includeTx, out int profileId)
        {
            int period;
            ChargingProfile cpMax = BestProfile(ChargingProfile.CpMax, t, connector, localTx, txStart, out period);
            long cpMaxLimit = cpMax == null ? -1 : cpMax.DeciAmps(period);
            ChargingProfile other = includeTx && localTx >= 0 ? BestProfile(ChargingProfile.Tx, t, connector, localTx, txStart, out period) : null;
            if (other == null) other = BestProfile(ChargingProfile.TxDefault, t, connector, localTx, txStart, out period);
            long otherLimit = other == null ? -1 : other.DeciAmps(period);
            if (cpMax != null && (other == null || cpMaxLimit < otherLimit))
            {
                profileId = cpMax.Id;
                return cpMaxLimit;
            }
            profileId = other == null ? -1 : other.Id;
            return otherLimit;
        }

        // ---- the limit for one connector and its running transaction (null: none) ----------------

        static DateTime StartOf(TxRecord tx, DateTime otherwise)
        {
            DateTime start = otherwise;
            if (tx != null) Iso8601.TryParse(tx.StartTime, out start);
            return start;
        }

        /// <summary>The composite limit at t in 0.1 A, or -1.</summary>
        public long LimitFor(DateTime t, int connector, TxRecord tx)
        {
            return LimitAt(t, connector, tx == null ? -1 : tx.Local, StartOf(tx, DateTime.MinValue), true);
        }

        /// <summary>The id of the profile that sets the limit at t, or -1.</summary>
        public int DecidingIdFor(DateTime t, int connector, TxRecord tx)
        {
            return DecidingId(t, connector, tx == null ? -1 : tx.Local, StartOf(tx, DateTime.MinValue));
        }

        /// <summary>When, within a day after now, the limit next changes; DateTime.MinValue: not within a day.</summary>
        public DateTime LimitChangesAfter(DateTime now, int connector, TxRecord tx)
        {
            ArrayList times = new ArrayList();
            Boundaries(now, now.AddDays(1), StartOf(tx, now), times);
            int localTx = tx == null ? -1 : tx.Local;
            DateTime txStart = StartOf(tx, DateTime.MinValue);
            long limit = LimitAt(now, connector, localTx, txStart, true);
            DateTime first = DateTime.MinValue;
            for (int i = 0; i < times.Count; i++)
            {
                DateTime t = (DateTime)times[i];
                if ((first == DateTime.MinValue || t < first) && LimitAt(t, connector, localTx, txStart, true) != limit) first = t;
            }
            return first;
        }

        /// <summary>The id of the profile whose limit <see cref="LimitAt"/> gives at t, or -1.</summary>
        public int DecidingId(DateTime t, int connector, int localTx, DateTime txStart)
        {
            int profileId;
            Composite(t, connector, localTx, txStart, true, out profileId);
            return profileId;
        }

        ChargingProfile BestProfile(int purpose, DateTime t, int connector, int localTx, DateTime txStart, out int bestPeriod)
        {
            ChargingProfile best = null;
            bestPeriod = -1;
            for (int i = 0; i < _profiles.Count; i++)
            {
                ChargingProfile p = (ChargingProfile)_profiles[i];
                if (p.Purpose != purpose) continue;
                if (p.ConnectorId != 0 && p.ConnectorId != connector) continue;
                if (purpose == ChargingProfile.Tx && p.LocalTx != localTx) continue;
                // A relative schedule runs from the transaction's start, or from now without one.
                int period = p.PeriodAt(t, localTx >= 0 ? txStart : t);
                if (period < 0) continue;
                // Highest stack level wins; at the same level a profile for the connector beats connector 0.
                if (best == null || p.StackLevel > best.StackLevel || (p.StackLevel == best.StackLevel && p.ConnectorId > best.ConnectorId))
                {
                    best = p;
                    bestPeriod = period;
                }
            }
            return best;
        }

        /// <summary>Every time in (from, to) where some profile may change its limit.</summary>
        public void Boundaries(DateTime from, DateTime to, DateTime txStart, ArrayList times)
        {
            for (int i = 0; i < _profiles.Count; i++)
            {
                ChargingProfile p = (ChargingProfile)_profiles[i];
                Add(times, p.ValidFrom, from, to);
                Add(times, p.ValidTo, from, to);
                DateTime cursor = from;
                for (int guard = 0; guard < 16 && cursor < to; guard++)
                {
                    DateTime start = p.ScheduleStart(cursor, txStart);
                    if (start == DateTime.MinValue && p.Kind == ChargingProfile.Recurring) start = p.StartSchedule;
                    if (start == DateTime.MinValue) break;
                    Add(times, start, from, to);
                    for (int k = 0; k < p.StartPeriods.Length; k++) Add(times, start.AddSeconds(p.StartPeriods[k]), from, to);
                    if (p.Duration >= 0) Add(times, start.AddSeconds(p.Duration), from, to);
                    int rec = p.RecurrenceSeconds;
                    if (rec <= 0) break;
                    DateTime next = start.AddSeconds(rec);
                    Add(times, next, from, to);
                    cursor = next;
                }
            }
        }

        static void Add(ArrayList times, DateTime t, DateTime from, DateTime to)
        {
            if (t <= from || t >= to) return;
            for (int i = 0; i < times.Count; i++) if ((DateTime)times[i] == t) return;
            times.Add(t);
        }

        /// <summary>Hands the composite limit to the charging core when it changed.</summary>
        public void Apply(DateTime now, int connector, TxRecord tx, ChargingCore charging)
        {
            if (!charging.Ocpp.Active) return;
            long limit = LimitFor(now, connector, tx);
            int deciAmps = limit < 0 ? -1 : limit > int.MaxValue ? int.MaxValue : (int)limit;
            if (deciAmps == charging.Ocpp.LimitDeciAmps) return;
            charging.Ocpp.LimitDeciAmps = deciAmps;
            _log.Info("ocpp", deciAmps < 0 ? "no charging profile limits" : "charging profile limit " + Numbers.Tenths(deciAmps) + " A");
            charging.InputsChanged();
        }

        public void Load()
        {
            FlashFile.Load(_storage, BlobName, _log, "ocpp", "no profile applies", this);
        }

        public void ReadStored(JsonReader r, byte[] blob)
        {
            r.Read();
            ArrayList list = JsonDom.ReadValue(r) as ArrayList;
            if (list == null) throw new JsonException("expected an array", 0);
            for (int i = 0; i < list.Count; i++) _profiles.Add(ChargingProfile.FromStored((Hashtable)list[i]));
        }

        public void ForgetStored() { _profiles.Clear(); }

        void Save()
        {
            _writer.Reset();
            _writer.StartArray();
            for (int i = 0; i < _profiles.Count; i++) ((ChargingProfile)_profiles[i]).Write(_writer);
            _writer.EndArray();
            FlashFile.Save(_storage, BlobName, _writer);
        }
    }
}
