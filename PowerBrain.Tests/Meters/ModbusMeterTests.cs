using System;
using System.Diagnostics;
using System.IO.Ports;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Emulator.Host;
using PowerBrain.Firmware.Meters;
using PowerBrain.Firmware.Modbus;
using PowerBrain.Tests.Emulator;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Meters;

/// <summary>
/// The energy meter as Modbus RTU master, over a socat pty pair: against pymodbus serving an
/// Eastron-like register map (the real slave), and against hand-made reply frames for what a good
/// meter never sends.
/// </summary>
[TestClass]
public sealed class ModbusMeterTests
{
    static Process StartMeter(string device, string kwh)
    {
        var meter = Peer.Start(Peer.Python, Peer.Script("sdm_meter.py"), device, "1",
                               "230.1", "231.2", "229.9", "15.2", "15.3", "15.1", "10500", kwh);
        string line = meter.StandardOutput.ReadLine();
        if (line != "ready") Assert.Fail("the pymodbus meter did not start: " + meter.StandardError.ReadToEnd());
        return meter;
    }

    static JsonElement Meter(HttpClient http) =>
        JsonDocument.Parse(http.GetStringAsync("/api/status").Result).RootElement.GetProperty("meter");

    static JsonElement WaitForMeter(HttpClient http, Func<JsonElement, bool> until, int timeoutMs, EmulatorProcess emu)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var m = Meter(http);
            if (until(m)) return m;
            if (sw.ElapsedMilliseconds > timeoutMs) Assert.Fail("meter status stayed " + m + "\n--- emulator:\n" + emu.Output);
            Thread.Sleep(200);
        }
    }

    [TestMethod]
    public void ReadingsFromAnSdm630ReachTheStatusAndModbusAndSurviveTheMeterVanishing()
    {
        using var cable = new SocatPair();
        var meter = StartMeter(cable.A, "1234.567");
        try
        {
            using var emu = EmulatorProcess.Start(null, "--meter-rtu", cable.B, "--meter-model", "sdm630");
            using var http = emu.NewHttp();
            var m = WaitForMeter(http, x => x.GetProperty("energyWh").GetInt64() == 1234567, 10_000, emu);
            Assert.IsTrue(m.GetProperty("answering").GetBoolean());
            Assert.AreEqual(10500, m.GetProperty("powerW").GetInt32());
            CollectionAssert.AreEqual(new[] { 15.2, 15.3, 15.1 }, m.GetProperty("currentsAmps").EnumerateArray().Select(e => e.GetDouble()).ToArray());

            // The load manager reads the same meter through the cFos registers.
            var (exit, output) = Peer.Run("mbpoll", "-m", "tcp", "-p", emu.ModbusPort.ToString(), "-a", "1", "-0", "-1", "-r", "8058", "-c", "12", "127.0.0.1");
            Assert.AreEqual(0, exit, output);
            var r = Peer.MbpollValues(output);
            Assert.AreEqual(1234567L, ((long)r[8060] << 16) | (uint)(ushort)r[8061], "energy in 8058..8061");
            Assert.AreEqual(10500, (r[8062] << 16) | (ushort)r[8063], "power in 8062/8063");
            Assert.AreEqual(152, (r[8064] << 16) | (ushort)r[8065], "L1 current in 0.1 A");
            Assert.AreEqual(151, (r[8068] << 16) | (ushort)r[8069], "L3 current in 0.1 A");

            // The meter's bus goes quiet: the register holds its value, the status and the log say so.
            meter.Kill();
            meter.WaitForExit();
            m = WaitForMeter(http, x => !x.GetProperty("answering").GetBoolean(), 20_000, emu);
            Assert.AreEqual(1234567, m.GetProperty("energyWh").GetInt64());
            emu.WaitFor("no answer from meter 1", 5_000);
            emu.WaitFor("no meter reading; energy stays at 1234567 Wh", 5_000);

            // It comes back with more energy counted meanwhile: the register follows.
            meter = StartMeter(cable.A, "1235.5");
            m = WaitForMeter(http, x => x.GetProperty("answering").GetBoolean() && x.GetProperty("energyWh").GetInt64() == 1235500, 10_000, emu);
            emu.WaitFor("meter 1 answers again", 5_000);
        }
        finally
        {
            if (!meter.HasExited) meter.Kill();
            meter.Dispose();
        }
    }

    /// <summary>The master against raw reply frames written on the other end of the cable.</summary>
    [TestMethod]
    public void BrokenRepliesAreRefusedWithTheirReason()
    {
        using var cable = new SocatPair();
        using var slave = new SerialPort(cable.A, 9600, Parity.None, 8, StopBits.One) { ReadTimeout = 2000 };
        slave.Open();
        var port = new HostSerialPort();
        port.Open(cable.B, 9600, PowerBrain.Firmware.Hal.SerialParity.None, 1);
        var master = new ModbusRtuMaster(port, 9600);
        var words = new ushort[2];

        string Exchange(byte[] reply, bool withCrc = true)
        {
            bool ok = false;
            var t = new Thread(() => ok = master.ReadInputRegisters(1, 0x48, 2, words));
            t.Start();
            var request = new byte[8];
            for (int got = 0; got < 8;) got += slave.Read(request, got, 8 - got);
            CollectionAssert.AreEqual(new byte[] { 1, 4, 0, 0x48, 0, 2 }, request.Take(6).ToArray(), "FC04 request for 0x48, 2 registers");
            Assert.AreEqual(Crc16.Compute(request, 0, 6), request[6] | request[7] << 8, "request CRC");
            if (reply != null)
            {
                var frame = reply;
                if (withCrc)
                {
                    int crc = Crc16.Compute(reply, 0, reply.Length);
                    frame = reply.Concat(new[] { (byte)crc, (byte)(crc >> 8) }).ToArray();
                }
                slave.Write(frame, 0, frame.Length);
            }
            t.Join();
            return ok ? "ok" : master.LastError;
        }

        // 1234.567 kWh as a big-endian float: 0x449A5225.
        Assert.AreEqual("ok", Exchange(new byte[] { 1, 4, 4, 0x44, 0x9A, 0x52, 0x25 }));
        CollectionAssert.AreEqual(new ushort[] { 0x449A, 0x5225 }, words);
        Assert.AreEqual("meter 1 answered exception 2 for register 72", Exchange(new byte[] { 1, 0x84, 2 }));
        Assert.AreEqual("bad CRC from meter 1", Exchange(new byte[] { 1, 4, 4, 0x44, 0x9A, 0x52, 0x25, 0x00, 0x00 }, withCrc: false));
        Assert.AreEqual("answer from slave 2 instead of 1", Exchange(new byte[] { 2, 4, 4, 0x44, 0x9A, 0x52, 0x25 }));
        Assert.AreEqual("malformed answer from meter 1", Exchange(new byte[] { 1, 3, 4, 0x44, 0x9A, 0x52, 0x25 }));
        Assert.AreEqual("short answer from meter 1", Exchange(new byte[] { 1, 4, 4, 0x44 }, withCrc: false));
        Assert.AreEqual("no answer from meter 1", Exchange(null));
        // A late answer to an earlier request is drained before the next one.
        slave.Write(new byte[] { 1, 4, 4, 0, 0, 0, 0, 0xAA, 0xBB }, 0, 9);
        Thread.Sleep(50);
        Assert.AreEqual("ok", Exchange(new byte[] { 1, 4, 4, 0x44, 0x9A, 0x52, 0x25 }));
        Assert.AreEqual(0x449A, words[0]);
        port.Close();
    }
}
