using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Tests.Core;

/// <summary>The arithmetic the ESP32 adapters rely on (they only read raw values).</summary>
[TestClass]
public sealed class BoardLogicTests
{
    // The reference board's divider: ±12 V centred on 1.3 V with a gain of 11.
    [TestMethod]
    [DataRow(2391, 12000, CpState.A)]
    [DataRow(2118, 9000, CpState.B)]
    [DataRow(1845, 6000, CpState.C)]
    [DataRow(1573, 3000, CpState.D)]
    [DataRow(1300, 0, CpState.E)]
    [DataRow(209, -12000, CpState.F)]
    public void CpAdcLevelsMapToStates(int adcMv, int cpMv, int state)
    {
        var board = PowerBrain.Esp32.Boards.WroverReference.Create();
        int mv = AdcScaling.CpMillivolts(adcMv, board.CpAdcOffsetMv, board.CpAdcGainPermille);
        Assert.IsTrue(System.Math.Abs(mv - cpMv) <= 20, $"{mv} mV");
        Assert.AreEqual(state, ControlPilot.StateFromHighLevel(mv));
        Assert.IsTrue(adcMv >= PowerBrain.Esp32.BoardDefinition.AdcAccurateMinMv && adcMv <= PowerBrain.Esp32.BoardDefinition.AdcAccurateMaxMv,
                      "inside the ADC's accurate range");
    }

    [TestMethod]
    [DataRow(1980, 1500, 130)]   // 1.5 kΩ against a 1 kΩ pull-up: 13 A
    [DataRow(1336, 680, 200)]
    [DataRow(595, 220, 320)]
    [DataRow(300, 100, 630)]
    public void PpResistorFromItsVoltage(int mv, int ohms, int deciAmps)
    {
        int r = AdcScaling.PpOhms(mv, 3300, 1000);
        Assert.IsTrue(System.Math.Abs(r - ohms) <= ohms / 50, $"{r} ohms");
        Assert.AreEqual(deciAmps, ControlPilot.CableDeciAmpsFromOhms(r));
    }

    [TestMethod]
    public void PpOpenOrShortedIsNoCable()
    {
        Assert.AreEqual(-1, AdcScaling.PpOhms(3290, 3300, 1000));
        Assert.AreEqual(-1, AdcScaling.PpOhms(0, 3300, 1000));
    }

    [TestMethod]
    public void S0PulsesGiveEnergyAndPower()
    {
        Assert.AreEqual(12345, AdcScaling.PulsesToWh(12345, 1000));
        Assert.AreEqual(6172, AdcScaling.PulsesToWh(12345, 2000));
        // 1000 pulses/kWh, one pulse every 326 ms = 11 kW.
        Assert.AreEqual(11042, AdcScaling.PulsePowerW(326_000, 100_000, 1000));
        Assert.AreEqual(0, AdcScaling.PulsePowerW(326_000, 61_000_000, 1000), "no pulse for a minute: no power");
    }

    [TestMethod]
    public void ShippedBoardMapsParseWithoutErrors()
    {
        var wrover = PowerBrain.Esp32.Boards.WroverReference.Create();
        Assert.AreEqual("", wrover.Errors);
        Assert.AreEqual("ESP32-WROVER reference", wrover.Name);
        Assert.IsTrue(wrover.HasPsram);
        Assert.AreEqual(25, wrover.CpPwmPin);
        Assert.AreEqual(7, wrover.PpAdcChannel);
        Assert.AreEqual("COM2", wrover.Rs485Port);
        Assert.AreEqual("sdm630", wrover.Meter);
        Assert.AreEqual("COM3", wrover.MeterPort);
        Assert.AreEqual("rc522", wrover.Rfid);
        Assert.AreEqual(5, wrover.RfidCsPin);

        var wroom = PowerBrain.Esp32.Boards.WroomBasic.Create();
        Assert.AreEqual("", wroom.Errors);
        Assert.IsFalse(wroom.HasPsram);
        Assert.AreEqual(PowerBrain.Esp32.BoardDefinition.None, wroom.PpAdcChannel);
        Assert.AreEqual("s0", wroom.Meter);
        Assert.AreEqual(32, wroom.S0Pin);
        Assert.AreEqual("none", wroom.Rfid);
    }

    const string MinimalBoard = "name = test\ncp.pwm = 25\ncp.adc = 6\ncontactor = 26\nrs485.tx = 17\nrs485.rx = 16\nrs485.rts = 4\n";

    [TestMethod]
    [DataRow("cp.pwm = 35", "cp.pwm: GPIO35 is input-only")]
    [DataRow("contactor = 9", "contactor: GPIO9 belongs to the SPI flash")]
    [DataRow("contactor = 25", "contactor: GPIO25 is used twice")]
    [DataRow("contactor.feedback = 34", "contactor.feedback: GPIO34 is used twice")]   // cp.adc 6 is GPIO34
    [DataRow("psram = yes", "rs485.tx: GPIO17 belongs to the PSRAM on WROVER modules")]
    [DataRow("led = 12", "led: GPIO12 sets the flash voltage at boot")]
    [DataRow("led = 24", "line 8: led: the ESP32 has no GPIO24")]
    [DataRow("led = forty", "line 8: led: 'forty' is not a number from 0 to 39")]
    [DataRow("cp.adc = 9", "line 8: cp.adc: '9' is not a number from 0 to 7")]
    [DataRow("colour = red", "line 8: unknown key 'colour'")]
    [DataRow("just words", "line 8: expected key = value")]
    [DataRow("meter = sdm630", "meter.tx is missing")]
    [DataRow("meter = s0", "meter.s0 is missing")]
    [DataRow("meter = ferraris", "line 8: meter: 'ferraris' is not one of none|s0|sdm630|sdm120")]
    [DataRow("rfid = rc522\nrfid.sck = 18\nrfid.mosi = 23\nrfid.miso = 19", "rfid.cs is missing")]
    [DataRow("rs485.uart = 1", "COM1 is the nanoFramework debug and deployment port")]
    [DataRow("cp.adc.offset.mv = 1650\\ncp.adc.gain.permille = 8000", "cp.adc: ±12 V read as 150..3150 mV, outside the ESP32 ADC's accurate 150–2450 mV")]
    public void BadBoardMapsAreRefusedWithTheReason(string extra, string expected)
    {
        var b = PowerBrain.Esp32.BoardDefinition.Parse(MinimalBoard + extra.Replace("\\n", "\n"));
        Assert.IsFalse(b.IsValid, "accepted: " + extra);
        StringAssert.Contains(b.Errors, expected);
    }

    [TestMethod]
    public void MinimalBoardIsValidAndEveryErrorIsListed()
    {
        var ok = PowerBrain.Esp32.BoardDefinition.Parse(MinimalBoard + "  # a comment line\n\nled = 2   # trailing comment\n");
        Assert.AreEqual("", ok.Errors);
        Assert.AreEqual(2, ok.StatusLedPin);
        Assert.AreEqual("none", ok.Meter);

        var bad = PowerBrain.Esp32.BoardDefinition.Parse("cp.pwm = 99\ncontactor = x\n");
        string[] errors = bad.Errors.Split('\n');
        CollectionAssert.Contains(errors, "line 1: cp.pwm: '99' is not a number from 0 to 39");
        CollectionAssert.Contains(errors, "line 2: contactor: 'x' is not a number from 0 to 39");
        CollectionAssert.Contains(errors, "name is missing");
        CollectionAssert.Contains(errors, "rs485.rts is missing");
    }

    [TestMethod]
    public void AdcChannelsMapToTheirGpios()
    {
        int[] expected = { 36, 37, 38, 39, 32, 33, 34, 35 };
        for (int ch = 0; ch < 8; ch++) Assert.AreEqual(expected[ch], PowerBrain.Esp32.BoardDefinition.AdcChannelPin(ch));
        Assert.AreEqual(-1, PowerBrain.Esp32.BoardDefinition.AdcChannelPin(8));
    }
}
