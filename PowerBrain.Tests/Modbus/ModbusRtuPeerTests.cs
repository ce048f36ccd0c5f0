using System;
using System.Diagnostics;
using System.IO.Ports;
using System.Linq;
using System.Net.Http;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Firmware.Modbus;
using PowerBrain.Tests.Emulator;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Modbus;

/// <summary>Modbus RTU through a socat pty pair at 19200 baud, 8E1: mbpoll as the master, and raw
/// frames for what a master never sends. (Linux ptys ignore parity; the byte stream is real.)</summary>
[TestClass]
public sealed class ModbusRtuPeerTests
{
    static SocatPair _cable;
    static EmulatorProcess _emu;
    static HttpClient _http;

    [ClassInitialize]
    public static void Start(TestContext _)
    {
        _cable = new SocatPair();
        _emu = EmulatorProcess.Start(null, "--modbus-rtu", _cable.A, "--modbus-baud", "19200", "--modbus-parity", "E");
        _emu.WaitFor("Modbus RTU: ", 10_000);
        _http = _emu.NewHttp();
    }

    [ClassCleanup]
    public static void Stop()
    {
        _http?.Dispose();
        _emu?.Dispose();
        _cable?.Dispose();
    }

    static (int, string) Mbpoll(params string[] args) =>
        Peer.Run("mbpoll", new[] { "-m", "rtu", "-b", "19200", "-P", "even", "-a", "1", "-0", "-1" }.Concat(args).ToArray());

    static System.Collections.Generic.Dictionary<int, int> Read(int address, int count)
    {
        var (exit, output) = Mbpoll("-r", address.ToString(), "-c", count.ToString(), _cable.B);
        Assert.AreEqual(0, exit, output + "\n--- emulator:\n" + _emu.Output);
        return Peer.MbpollValues(output);
    }

    [TestMethod]
    public void MbpollReadsAndWritesOverRtu()
    {
        var id = Read(8000, 17);
        Assert.AreEqual(unchecked((short)0xCF05), (short)id[8001]);
        Assert.AreEqual(1, id[8002]);

        Assert.IsTrue(_http.PostAsync("/api/ev/plug", new StringContent("")).Result.IsSuccessStatusCode);
        Assert.IsTrue(_http.PostAsync("/api/ev/charge", new StringContent("{\"requestAmps\":32}")).Result.IsSuccessStatusCode);
        var (exit, output) = Mbpoll("-r", "8093", _cable.B, "100");
        Assert.AreEqual(0, exit, output);
        var sw = Stopwatch.StartNew();
        System.Collections.Generic.Dictionary<int, int> v;
        // The car's state C reaches 8092 at the next 50 ms pilot sample, the new limit 8095 at once.
        do { v = Read(8092, 4); } while ((v[8095] != 100 || v[8092] != 2) && sw.ElapsedMilliseconds < 10_000);
        Assert.AreEqual(2, v[8092]);
        Assert.AreEqual(100, v[8093]);
        Assert.AreEqual(100, v[8095]);

        (exit, output) = Mbpoll("-r", "8093", _cable.B, "120", "0");   // FC16
        Assert.AreEqual(0, exit, output);
        v = Read(8093, 3);
        Assert.AreEqual(120, v[8093]);
        Assert.AreEqual(0, v[8094]);
        Assert.AreEqual(0, v[8095]);
        Assert.AreEqual(0, Mbpoll("-r", "8094", _cable.B, "1").Item1);
        _http.PostAsync("/api/ev/unplug", new StringContent("")).Wait();
    }

    static byte[] Frame(params int[] bytes)
    {
        var f = new byte[bytes.Length + 2];
        for (int i = 0; i < bytes.Length; i++) f[i] = (byte)bytes[i];
        int crc = Crc16.Compute(f, 0, bytes.Length);
        f[^2] = (byte)crc;
        f[^1] = (byte)(crc >> 8);
        return f;
    }

    static byte[] Exchange(SerialPort port, byte[] frame, int waitMs = 500)
    {
        port.DiscardInBuffer();
        port.Write(frame, 0, frame.Length);
        var sw = Stopwatch.StartNew();
        var got = new System.Collections.Generic.List<byte>();
        while (sw.ElapsedMilliseconds < waitMs)
        {
            if (port.BytesToRead > 0)
            {
                var buf = new byte[port.BytesToRead];
                int n = port.Read(buf, 0, buf.Length);
                got.AddRange(buf.Take(n));
                sw.Restart();
                waitMs = 100;   // the rest of a frame comes right behind
            }
            else System.Threading.Thread.Sleep(5);
        }
        return got.ToArray();
    }

    [TestMethod]
    public void FramingRulesOnTheWire()
    {
        using var port = new SerialPort(_cable.B, 19200, Parity.Even, 8, StopBits.One);
        port.Open();

        var good = Frame(1, 3, 0x1F, 0x40, 0, 2);
        var reply = Exchange(port, good);
        CollectionAssert.AreEqual(Frame(1, 3, 4, 0, 0, 0xCF, 0x05), reply, Convert.ToHexString(reply));

        var badCrc = (byte[])good.Clone();
        badCrc[^1] ^= 0x55;
        Assert.AreEqual(0, Exchange(port, badCrc).Length, "bad CRC: silence");
        Assert.AreEqual(0, Exchange(port, Frame(7, 3, 0x1F, 0x40, 0, 2)).Length, "another slave id: silence");
        Assert.AreEqual(0, Exchange(port, Frame(1, 3, 0x1F)).Length, "too short: silence");

        Assert.AreEqual(0, Exchange(port, Frame(0, 6, 0x1F, 0x9D, 0, 130)).Length, "broadcast: no reply");
        Assert.AreEqual(130, Read(8093, 1)[8093], "…but the broadcast write was executed");
        Assert.AreEqual(0, Exchange(port, Frame(0, 3, 0x1F, 0x40, 0, 2)).Length, "a broadcast read is ignored");

        reply = Exchange(port, Frame(1, 6, 0x1F, 0x9E, 0, 9));
        CollectionAssert.AreEqual(Frame(1, 0x86, 3), reply, "exception frames carry a CRC too");
    }
}
