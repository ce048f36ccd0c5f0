using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Ocpp;

namespace PowerBrain.Tests.Portable
{
    [TestClass]
    public class MeterValuesWriterTests
    {
        static string Write(string list)
        {
            ChargingStatus s = new ChargingStatus();
            s.Meter.EnergyWh = 1234;
            s.Meter.PowerW = 11000;
            s.OfferedDeciAmps = 160;
            s.Phases = 1;
            s.Meter.CurrentMa[0] = 15900;
            JsonWriter w = new JsonWriter();
            MeterValuesWriter.WriteMeterValue(w, "2026-11-24T10:00:00Z", list, "Sample.Periodic", s);
            return w.ToString();
        }

        /// <summary>Sampled and clock-aligned lists alternate: each is read right every time.</summary>
        [TestMethod]
        public void AlternatingMeasurandListsAreEachWrittenAsConfigured()
        {
            string sampled = "Energy.Active.Import.Register, Current.Import";
            string aligned = "Power.Active.Import,Current.Offered,Frequency";
            for (int round = 0; round < 3; round++)
            {
                Assert.AreEqual("{\"timestamp\":\"2026-11-24T10:00:00Z\",\"sampledValue\":[{\"value\":\"1234\"},{\"value\":\"15.9\",\"measurand\":\"Current.Import\",\"phase\":\"L1\",\"unit\":\"A\"}]}", Write(sampled));
                Assert.AreEqual("{\"timestamp\":\"2026-11-24T10:00:00Z\",\"sampledValue\":[{\"value\":\"11000\",\"measurand\":\"Power.Active.Import\",\"unit\":\"W\"},{\"value\":\"16\",\"measurand\":\"Current.Offered\",\"unit\":\"A\"}]}", Write(aligned));
            }
            Assert.AreEqual("{\"timestamp\":\"2026-11-24T10:00:00Z\",\"sampledValue\":[{\"value\":\"1234\"}]}", Write("Frequency"), "nothing known: the energy register");
        }
    }
}
