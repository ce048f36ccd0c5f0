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
            string[] items = measurandList.Split(',');
            bool any = false;
            for (int i = 0; i < items.Length; i++)
            {
                string m = items[i].Trim();
                if (m == "Energy.Active.Import.Register") { Sample(w, s.Meter.EnergyWh, 0, context, m, null, "Wh"); any = true; }
                else if (m == "Power.Active.Import") { Sample(w, s.Meter.PowerW, 0, context, m, null, "W"); any = true; }
                else if (m == "Current.Offered") { Sample(w, s.OfferedDeciAmps, 1, context, m, null, "A"); any = true; }
                else if (m == "Current.Import")
                {
                    for (int p = 0; p < s.Phases && p < 3; p++) Sample(w, s.Meter.CurrentMa[p] / 100, 1, context, m, Phase(p, false), "A");
                    any = true;
                }
                else if (m == "Voltage")
                {
                    for (int p = 0; p < s.Phases && p < 3; p++) Sample(w, s.Meter.VoltageDeciV[p], 1, context, m, Phase(p, true), "V");
                    any = true;
                }
                else if (m == "Temperature" && s.Meter.TemperatureDeciC != int.MinValue)
                {
                    Sample(w, s.Meter.TemperatureDeciC, 1, context, m, null, "Celsius");
                    any = true;
                }
            }
            // sampledValue needs at least one entry: fall back to the energy register.
            if (!any) Sample(w, s.Meter.EnergyWh, 0, context, "Energy.Active.Import.Register", null, "Wh");
            w.EndArray().EndObject();
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
