using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Emulator;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Modbus;

/// <summary>A shared RS485 bus (ptys relayed so that every device hears every other): the emulator
/// as unit 1 and a second, real slave (pymodbus, unit 2); the master alternates between them with
/// 5 ms gaps. Every request for the box must be answered, whatever else is on the line.</summary>
[TestClass]
public sealed class ModbusRtuBusTests
{
    public static JsonElement RunBus(int baud, int rounds, double gapMs)
    {
        using var bus = Peer.Start(true, Peer.Python, Peer.Script("rs485_bus.py"), rounds.ToString(), gapMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            string ready = bus.StandardOutput.ReadLine();
            if (ready == null || !ready.StartsWith("ready ")) Assert.Fail("the bus did not start: " + bus.StandardError.ReadToEnd());
            using var emu = EmulatorProcess.Start(null, "--modbus-rtu", ready[6..], "--modbus-baud", baud.ToString(), "--modbus-parity", "N");
            emu.WaitFor("Modbus RTU: ", 10_000);
            bus.StandardInput.WriteLine("go");
            bus.StandardInput.Flush();
            string line = bus.StandardOutput.ReadLine();
            Assert.IsNotNull(line, "the bus script ended without a result: " + bus.StandardError.ReadToEnd() + "\n--- emulator:\n" + emu.Output);
            return JsonDocument.Parse(line).RootElement.Clone();
        }
        finally
        {
            if (!bus.HasExited) bus.Kill();
        }
    }

    [TestMethod]
    [DataRow(9600)]
    [DataRow(19200)]
    [DataRow(115200)]
    public void EveryRequestForTheBoxIsAnsweredOnABusyBus(int baud)
    {
        var r = RunBus(baud, 40, 5);
        string all = r.ToString();
        Assert.AreEqual(40, r.GetProperty("box").GetInt32(), all);
        Assert.AreEqual(40, r.GetProperty("boxAnswered").GetInt32(), "every request for the box: " + all);
        Assert.IsTrue(r.GetProperty("otherAnswered").GetInt32() >= 38, "the other slave is really on the bus: " + all);
    }
}
