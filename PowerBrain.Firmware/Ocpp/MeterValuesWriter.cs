using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>Writes one OCPP meterValue (timestamp + sampledValue list) for the measurands of a
    /// configuration key, from the charging status.</summary>
    public static class MeterValuesWriter
    {
        public static void WriteMeterValue(JsonWriter w, string timestamp, string measurandList, string context, ChargingStatus s)
        {
            w.StartObject().Property("timestamp", timestamp).Name("sampledValue").StartArray();
            bool any = false;
            int start = 0;
            while (start <= measurandList.Length)
            {
                int end = measurandList.IndexOf(',', start);
                if (end < 0) end = measurandList.Length;
                // Scanned in place, not Split: sampling allocates as little as possible.
                int a = start, b = end;
                while (a < b && measurandList[a] == ' ') a++;
                while (b > a && measurandList[b - 1] == ' ') b--;
                start = end + 1;
                if (Is(measurandList, a, b, "Energy.Active.Import.Register")) { Sample(w, s.Meter.EnergyWh, 0, context, "Energy.Active.Import.Register", null, "Wh"); any = true; }
                else if (Is(measurandList, a, b, "Power.Active.Import")) { Sample(w, s.Meter.PowerW, 0, context, "Power.Active.Import", null, "W"); any = true; }
                else if (Is(measurandList, a, b, "Current.Offered")) { Sample(w, s.OfferedDeciAmps, 1, context, "Current.Offered", null, "A"); any = true; }
                else if (Is(measurandList, a, b, "Current.Import"))
                {
                    for (int p = 0; p < s.Phases && p < 3; p++) Sample(w, s.Meter.CurrentMa[p] / 100, 1, context, "Current.Import", Phase(p, false), "A");
                    any = true;
                }
                else if (Is(measurandList, a, b, "Voltage"))
                {
                    for (int p = 0; p < s.Phases && p < 3; p++) Sample(w, s.Meter.VoltageDeciV[p], 1, context, "Voltage", Phase(p, true), "V");
                    any = true;
                }
                else if (Is(measurandList, a, b, "Temperature") && s.Meter.TemperatureDeciC != int.MinValue)
                {
                    Sample(w, s.Meter.TemperatureDeciC, 1, context, "Temperature", null, "Celsius");
                    any = true;
                }
            }
            // sampledValue needs at least one entry: fall back to the energy register.
            if (!any) Sample(w, s.Meter.EnergyWh, 0, context, "Energy.Active.Import.Register", null, "Wh");
            w.EndArray().EndObject();
        }

        static bool Is(string list, int start, int end, string name)
        {
            if (end - start != name.Length) return false;
            for (int i = 0; i < name.Length; i++) if (list[start + i] != name[i]) return false;
            return true;
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
