using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Meters;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    [TestClass]
    public class MeterValueTests
    {
        static MeterReading Poll(FakeMeterLine line)
        {
            SimClock clock = new SimClock();
            ModbusMeter meter = new ModbusMeter(line, clock, new ListLog(), "sdm630", 1, 9600);
            Assert.IsTrue(meter.PollOnce(), meter.LastError);
            meter.Poll();
            MeterReading r = new MeterReading();
            Assert.IsTrue(meter.Read(r));
            return r;
        }

        [TestMethod]
        public void AnSdm630ReadingIsScaledAndRounded()
        {
            FakeMeterLine line = new FakeMeterLine();
            line.Set(0x00, 230.14f); line.Set(0x02, 231.25f); line.Set(0x04, 229.9f);
            line.Set(0x06, 15.2f); line.Set(0x08, 15.3f); line.Set(0x0A, 0.0004f);
            line.Set(0x34, -10500.4f); line.Set(0x48, 1234.567f);
            MeterReading r = Poll(line);
            Assert.AreEqual(2301, r.VoltageDeciV[0]);
            Assert.AreEqual(2313, r.VoltageDeciV[1]);
            Assert.AreEqual(15200, r.CurrentMa[0]);
            Assert.AreEqual(0, r.CurrentMa[2]);
            Assert.AreEqual(-10500, r.PowerW);
            Assert.AreEqual(1234567L, r.EnergyWh);
        }

        /// <summary>A meter may send any float. The device wraps a float-to-int cast where desktop
        /// saturates: 2147483648 W must not become -2147483648 W.</summary>
        [TestMethod]
        public void HugeValuesSaturateInsteadOfWrapping()
        {
            FakeMeterLine line = new FakeMeterLine();
            line.Set(0x00, 1e30f); line.Set(0x06, -1e30f); line.Set(0x34, 2147483648.0f); line.Set(0x48, 1e30f);
            MeterReading r = Poll(line);
            Assert.AreEqual(int.MaxValue, r.VoltageDeciV[0]);
            Assert.AreEqual(int.MinValue, r.CurrentMa[0]);
            Assert.AreEqual(int.MaxValue, r.PowerW);
            Assert.AreEqual(long.MaxValue, r.EnergyWh);
        }

        [TestMethod]
        public void ClampedRoundingIsTheSameOnEveryRuntime()
        {
            Assert.AreEqual(3, Numbers.ClampToInt(2.5));
            Assert.AreEqual(-3, Numbers.ClampToInt(-2.5));
            Assert.AreEqual(0, Numbers.ClampToInt(double.NaN));
            Assert.AreEqual(int.MaxValue, Numbers.ClampToInt(double.PositiveInfinity));
            Assert.AreEqual(int.MinValue, Numbers.ClampToInt(-3e9));
            Assert.AreEqual(long.MaxValue, Numbers.ClampToLong(1e19));
            Assert.AreEqual(long.MinValue, Numbers.ClampToLong(-1e19));
            Assert.AreEqual(1234567L, Numbers.ClampToLong(1234566.6));
        }
    }
}
