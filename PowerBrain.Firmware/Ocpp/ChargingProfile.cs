using System;
using System.Collections;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>One OCPP 1.6 charging profile, validated, in the units it was given.</summary>
    public sealed class ChargingProfile
    {
        public const int CpMax = 0, TxDefault = 1, Tx = 2;
        public const int Absolute = 0, Recurring = 1, Relative = 2;
        public const int NoRecurrence = 0, Daily = 1, Weekly = 2;

        public static readonly string[] PurposeNames = new string[] { "ChargePointMaxProfile", "TxDefaultProfile", "TxProfile" };
        public static readonly string[] KindNames = new string[] { "Absolute", "Recurring", "Relative" };
        public static readonly string[] RecurrencyNames = new string[] { "Daily", "Weekly" };
        public static readonly string[] UnitNames = new string[] { "A", "W" };

        public int Id;
        public int ConnectorId;
        /// <summary>The backend's transaction id, or -1.</summary>
        public int TransactionId = -1;
        /// <summary>The local transaction a TxProfile belongs to, or -1.</summary>
        public int LocalTx = -1;
        public int StackLevel;
        public int Purpose;
        public int Kind;
        public int Recurrency;
        public DateTime ValidFrom = DateTime.MinValue;
        public DateTime ValidTo = DateTime.MaxValue;
        /// <summary>Seconds, or -1 for open-ended.</summary>
        public int Duration = -1;
        public DateTime StartSchedule = DateTime.MinValue;
        public bool InWatts;
        public int[] StartPeriods;
        /// <summary>Limits in tenths of the unit (0.1 A or 0.1 W).</summary>
        public long[] LimitTenths;
        /// <summary>Phases per period, or -1 when not given (3 is assumed).</summary>
        public int[] Phases;

        static int IndexOf(string[] names, string value)
        {
            for (int i = 0; i < names.Length; i++) if (names[i] == value) return i;
            return -1;
        }

        /// <summary>Reads csChargingProfiles. Type and format errors throw OcppException; the
        /// business rules (stack level, periods) are checked by the store.</summary>
        public static ChargingProfile Read(Payload p)
        {
            ChargingProfile c = new ChargingProfile();
            c.Id = p.Int("chargingProfileId", true, 0);
            c.TransactionId = p.Int("transactionId", false, -1);
            c.StackLevel = p.Int("stackLevel", true, 0);
            c.Purpose = IndexOf(PurposeNames, p.Enum("chargingProfilePurpose", PurposeNames, true));
            c.Kind = IndexOf(KindNames, p.Enum("chargingProfileKind", KindNames, true));
            string rec = p.Enum("recurrencyKind", RecurrencyNames, false);
            c.Recurrency = rec == null ? NoRecurrence : IndexOf(RecurrencyNames, rec) + 1;
            c.ValidFrom = p.Time("validFrom", false, DateTime.MinValue);
            c.ValidTo = p.Time("validTo", false, DateTime.MaxValue);
            Payload s = p.Object("chargingSchedule", true);
            c.Duration = s.Int("duration", false, -1);
            c.StartSchedule = s.Time("startSchedule", false, DateTime.MinValue);
            c.InWatts = s.Enum("chargingRateUnit", UnitNames, true) == "W";
            s.Tenths("minChargingRate", false, 0);
            ArrayList periods = s.Array("chargingSchedulePeriod", true);
            c.StartPeriods = new int[periods.Count];
            c.LimitTenths = new long[periods.Count];
            c.Phases = new int[periods.Count];
            for (int i = 0; i < periods.Count; i++)
            {
                Hashtable h = periods[i] as Hashtable;
                if (h == null) throw new OcppException(OcppErrorCode.TypeConstraintViolation, "chargingSchedulePeriod holds objects");
                Payload period = new Payload(h);
                c.StartPeriods[i] = period.Int("startPeriod", true, 0);
                c.LimitTenths[i] = period.Tenths("limit", true, 0);
                c.Phases[i] = period.Int("numberPhases", false, -1);
                if (c.LimitTenths[i] < 0) throw new OcppException(OcppErrorCode.PropertyConstraintViolation, "limit below 0");
            }
            return c;
        }

        /// <summary>When the schedule (re)started last at or before t, or MinValue when it does not run at t.</summary>
        public DateTime ScheduleStart(DateTime t, DateTime transactionStart)
        {
            if (Kind == Relative) return transactionStart;
            DateTime start = StartSchedule;
            if (Kind == Recurring)
            {
                if (start == DateTime.MinValue) return DateTime.MinValue;
                long period = Recurrency == Weekly ? TimeSpan.TicksPerDay * 7 : TimeSpan.TicksPerDay;
                if (t < start) return DateTime.MinValue;
                long n = (t.Ticks - start.Ticks) / period;
                return new DateTime(start.Ticks + n * period, DateTimeKind.Utc);
            }
            return start;
        }

        /// <summary>Seconds a recurring schedule lasts before it starts again; -1 when it does not recur.</summary>
        public int RecurrenceSeconds { get { return Kind != Recurring ? -1 : Recurrency == Weekly ? 7 * 86400 : 86400; } }

        /// <summary>The index of the period in force at t, or -1 when this profile says nothing at t.</summary>
        public int PeriodAt(DateTime t, DateTime transactionStart)
        {
            if (t < ValidFrom || t >= ValidTo) return -1;
            DateTime start = ScheduleStart(t, transactionStart);
            if (start == DateTime.MinValue || t < start) return -1;
            long offset = (t.Ticks - start.Ticks) / TimeSpan.TicksPerSecond;
            if (Duration >= 0 && offset >= Duration) return -1;
            int recurrence = RecurrenceSeconds;
            if (recurrence > 0 && offset >= recurrence) return -1;
            int found = -1;
            for (int i = 0; i < StartPeriods.Length; i++)
            {
                if (StartPeriods[i] <= offset) found = i;
            }
            return found;
        }

        /// <summary>The limit of period i in 0.1 A (W converted at 230 V per phase, rounded down).</summary>
        public long DeciAmps(int i)
        {
            if (!InWatts) return LimitTenths[i];
            int phases = Phases[i] > 0 ? Phases[i] : 3;
            // tenths of W / (230 V x phases) = tenths of A.
            return LimitTenths[i] / (230L * phases);
        }

        public void Write(JsonWriter w)
        {
            w.StartObject().Property("id", Id).Property("connector", ConnectorId).Property("tx", TransactionId).Property("local", LocalTx)
             .Property("stack", StackLevel).Property("purpose", Purpose).Property("kind", Kind).Property("recurrency", Recurrency)
             .Property("duration", Duration).Property("watts", InWatts);
            if (ValidFrom != DateTime.MinValue) w.Property("from", Core.Iso8601.Format(ValidFrom));
            if (ValidTo != DateTime.MaxValue) w.Property("to", Core.Iso8601.Format(ValidTo));
            if (StartSchedule != DateTime.MinValue) w.Property("start", Core.Iso8601.Format(StartSchedule));
            w.Name("periods").StartArray();
            for (int i = 0; i < StartPeriods.Length; i++) w.StartArray().Int(StartPeriods[i]).Int(LimitTenths[i]).Int(Phases[i]).EndArray();
            w.EndArray().EndObject();
        }

        public static ChargingProfile FromStored(Hashtable h)
        {
            ChargingProfile c = new ChargingProfile();
            c.Id = Int(h, "id"); c.ConnectorId = Int(h, "connector"); c.TransactionId = Int(h, "tx"); c.LocalTx = Int(h, "local");
            c.StackLevel = Int(h, "stack"); c.Purpose = Int(h, "purpose"); c.Kind = Int(h, "kind"); c.Recurrency = Int(h, "recurrency");
            c.ValidFrom = Time(h, "from", DateTime.MinValue); c.ValidTo = Time(h, "to", DateTime.MaxValue);
            c.Duration = Int(h, "duration"); c.StartSchedule = Time(h, "start", DateTime.MinValue);
            c.InWatts = (bool)h["watts"];
            ArrayList periods = (ArrayList)h["periods"];
            c.StartPeriods = new int[periods.Count];
            c.LimitTenths = new long[periods.Count];
            c.Phases = new int[periods.Count];
            for (int i = 0; i < periods.Count; i++)
            {
                ArrayList p = (ArrayList)periods[i];
                c.StartPeriods[i] = (int)(((JsonNumber)p[0]).Milli / 1000);
                c.LimitTenths[i] = ((JsonNumber)p[1]).Milli / 1000;
                c.Phases[i] = (int)(((JsonNumber)p[2]).Milli / 1000);
            }
            return c;
        }

        static int Int(Hashtable h, string k) { return (int)(((JsonNumber)h[k]).Milli / 1000); }

        static DateTime Time(Hashtable h, string k, DateTime absent)
        {
            DateTime t;
            string s = h[k] as string;
            return s != null && Core.Iso8601.TryParse(s, out t) ? t : absent;
        }
    }
}
