using System;
using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Core;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>Writes one OCPP meterValue (timestamp + sampledValue list) for the measurands of a
    /// configuration key, from the charging status.</summary>
    public static class MeterValuesWriter
    {
        const int Energy = 0, Power = 1, CurrentOffered = 2, CurrentImport = 3, Voltage = 4, Temperature = 5;
        static readonly string[] Names = { "Energy.Active.Import.Register", "Power.Active.Import", "Current.Offered", "Current.Import", "Voltage", "Temperature" };

        // Lists parsed before (sampled, aligned and the two stop keys alternate), by reference: a
        // key's value changes rarely, sampling runs often and then allocates nothing here.
        const int CacheSlots = 4;
        static readonly string[] CachedLists = StringArrays.New(CacheSlots);
        static readonly int[][] CachedMeasurands = new int[CacheSlots][];
        static int _nextSlot;
        static readonly object ParseLock = new object();

        public static void WriteMeterValue(JsonWriter w, string timestamp, string measurandList, string context, ChargingStatus s)
        {
            int[] measurands = Parse(measurandList);
            w.StartObject().Property("timestamp", timestamp).Name("sampledValue").StartArray();
            bool any = false;
            for (int m = 0; m < measurands.Length; m++)
            {
                switch (measurands[m])
                {
                    case Energy: Sample(w, s.Meter.EnergyWh, 0, context, Names[Energy], null, "Wh"); any = true; break;
                    case Power: Sample(w, s.Meter.PowerW, 0, context, Names[Power], null, "W"); any = true; break;
                    case CurrentOffered: Sample(w, s.OfferedDeciAmps, 1, context, Names[CurrentOffered], null, "A"); any = true; break;
                    case CurrentImport:
                        for (int p = 0; p < s.Phases && p < 3; p++) Sample(w, s.Meter.CurrentMa[p] / 100, 1, context, Names[CurrentImport], Phase(p, false), "A");
                        any = true;
                        break;
                    case Voltage:
                        for (int p = 0; p < s.Phases && p < 3; p++) Sample(w, s.Meter.VoltageDeciV[p], 1, context, Names[Voltage], Phase(p, true), "V");
                        any = true;
                        break;
                    case Temperature:
                        if (s.Meter.TemperatureDeciC == int.MinValue) break;
                        Sample(w, s.Meter.TemperatureDeciC, 1, context, Names[Temperature], null, "Celsius");
                        any = true;
                        break;
                }
            }
            // sampledValue needs at least one entry: fall back to the energy register.
            if (!any) Sample(w, s.Meter.EnergyWh, 0, context, Names[Energy], null, "Wh");
            w.EndArray().EndObject();
        }

        /// <summary>The known measurands of a comma-separated list, in its order (unknown names are skipped).</summary>
        static int[] Parse(string list)
        {
            lock (ParseLock)
            {
                for (int i = 0; i < CacheSlots; i++)
                {
                    // A reference comparison: the same list string as last time is the cache hit.
                    string cached = CachedLists[i];
                    if (cached != null && (object)cached == (object)list) return CachedMeasurands[i];
                }
                string[] parts = list.Split(',');
                int[] found = new int[parts.Length];
                int n = 0;
                for (int i = 0; i < parts.Length; i++)
                {
                    string name = parts[i].Trim();
                    for (int k = 0; k < Names.Length; k++) if (name == Names[k]) { found[n++] = k; break; }
                }
                int[] result = new int[n];
                Array.Copy(found, result, n);
                CachedLists[_nextSlot] = list;
                CachedMeasurands[_nextSlot] = result;
                _nextSlot = (_nextSlot + 1) % CacheSlots;
                return result;
            }
        }

        static string Phase(int p, bool toNeutral)
        {
            if (p == 0) return toNeutral ? "L1-N" : "L1";
            if (p == 1) return toNeutral ? "L2-N" : "L2";
            return toNeutral ? "L3-N" : "L3";
        }

        // OCPP defaults (context Sample.Periodic, measurand Energy.Active.Import.Register, unit Wh)
        // are left out: the frames stay small on the wire and in the persistent queue.
        static void Sample(JsonWriter w, long scaled, int decimals, string context, string measurand, string phase, string unit)
        {
            w.StartObject().Name("value").FixedAsString(scaled, decimals);
            if (context != "Sample.Periodic") w.Property("context", context);
            if (measurand != "Energy.Active.Import.Register") w.Property("measurand", measurand);
            w.OptionalProperty("phase", phase);
            if (unit != "Wh") w.Property("unit", unit);
            w.EndObject();
        }
    }
}
