using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Emulator;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Modbus;

/// <summary>Modbus TCP against the running emulator with real masters (mbpoll, pymodbus) and,
/// for frames no master sends, a raw socket.</summary>
[TestClass]
public sealed class ModbusTcpPeerTests
{
    static EmulatorProcess _emu;
    static HttpClient _http;

    [ClassInitialize]
    public static void Start(TestContext _)
    {
        _emu = EmulatorProcess.Start();
        _http = _emu.NewHttp();
    }

    [ClassCleanup]
    public static void Stop()
    {
        _http?.Dispose();
        _emu?.Dispose();
    }

    static string[] Mbpoll(params string[] args) =>
        new[] { "-m", "tcp", "-a", "1", "-p", _emu.ModbusPort.ToString(), "-0", "-1" }.Concat(args).ToArray();

    static System.Collections.Generic.Dictionary<int, int> Read(int address, int count)
    {
        var (exit, output) = Peer.Run("mbpoll", Mbpoll("-r", address.ToString(), "-c", count.ToString(), "127.0.0.1"));
        Assert.AreEqual(0, exit, output);
        return Peer.MbpollValues(output);
    }

    static void Post(string path, string body)
    {
        var r = _http.PostAsync(path, new StringContent(body)).Result;
        Assert.IsTrue(r.IsSuccessStatusCode, r.Content.ReadAsStringAsync().Result);
    }

    [TestMethod]
    public void MbpollReadsTheIdentityBlock()
    {
        var v = Read(8000, 17);
        Assert.AreEqual(17, v.Count);
        Assert.AreEqual(0, v[8000]);
        Assert.AreEqual(unchecked((short)0xCF05), (short)v[8001]);
        Assert.AreEqual(1, v[8002]);
        Assert.AreEqual(256, v[8003]);
        Assert.AreEqual(('P' << 8) | 'B', v[8008], "serial number text");
        Assert.AreEqual(('P' << 8) | 'o', v[8016], "name text");
    }

    [TestMethod]
    public void MbpollWritesTheLimitAndTheSignalledCurrentFollows()
    {
        Post("/api/ev/plug", "");
        Post("/api/ev/charge", "{\"requestAmps\":32}");
        var (exit, output) = Peer.Run("mbpoll", Mbpoll("-r", "8093", "127.0.0.1", "100"));
        Assert.AreEqual(0, exit, output);
        var sw = Stopwatch.StartNew();
        System.Collections.Generic.Dictionary<int, int> v;
        do { v = Read(8092, 4); } while ((v[8092] != 2 || v[8095] != 100) && sw.ElapsedMilliseconds < 10_000);
        Assert.AreEqual(2, v[8092], "state C: charging");
        Assert.AreEqual(100, v[8093], "8093 reads back what was written");
        Assert.AreEqual(1, v[8094]);
        Assert.AreEqual(100, v[8095], "8095 is the current the arbiter signals: 10.0 A");

        // FC16 over 8093..8094.
        (exit, output) = Peer.Run("mbpoll", Mbpoll("-r", "8093", "127.0.0.1", "80", "0"));
        Assert.AreEqual(0, exit, output);
        v = Read(8093, 3);
        Assert.AreEqual(80, v[8093]);
        Assert.AreEqual(0, v[8094]);
        Assert.AreEqual(0, v[8095], "disabled: nothing signalled");
        Assert.AreEqual(0, Peer.Run("mbpoll", Mbpoll("-r", "8094", "127.0.0.1", "1")).Exit);
        Post("/api/ev/unplug", "");
    }

    [TestMethod]
    public void MbpollSeesExceptionsAsErrors()
    {
        var (exit, output) = Peer.Run("mbpoll", Mbpoll("-r", "9000", "-c", "2", "127.0.0.1"));
        Assert.AreNotEqual(0, exit);
        StringAssert.Contains(output, "Illegal data address");
        (exit, output) = Peer.Run("mbpoll", Mbpoll("-r", "8094", "127.0.0.1", "7"));
        Assert.AreNotEqual(0, exit);
        StringAssert.Contains(output, "Illegal data value");
    }

    [TestMethod]
    public void AnEvccLikeSessionWithASecondMasterPollingThroughout()
    {
        Post("/api/ev/plug", "");
        Post("/api/ev/charge", "{\"requestAmps\":16}");
        using var poller = Peer.Start("mbpoll", "-m", "tcp", "-a", "1", "-p", _emu.ModbusPort.ToString(), "-0",
                                      "-r", "8092", "-c", "4", "-l", "100", "127.0.0.1");
        var pollerOutput = poller.StandardOutput.ReadToEndAsync();
        try
        {
            var (exit, output) = Peer.Run(Peer.Python, Peer.Script("evcc_session.py"), _emu.ModbusPort.ToString(), "60");
            Assert.AreEqual(0, exit, output);
            StringAssert.Contains(output, "has_meter=1 meter_flags=1 phase_switch=True");
            var summary = output.Split('\n').First(l => l.StartsWith("summary"));
            long first = long.Parse(summary.Split("energy_first=")[1].Split(' ')[0]);
            long last = long.Parse(summary.Split("energy_last=")[1].Split(' ')[0]);
            Assert.IsTrue(first > 0 && last >= first, summary);
        }
        finally
        {
            poller.Kill();
            poller.WaitForExit();
        }
        var polled = pollerOutput.Result;
        int polls = polled.Split("-- Polling slave 1...").Length - 1;
        Assert.IsTrue(polls >= 20, $"the second master kept polling: {polls} polls\n{polled}");
        StringAssert.DoesNotMatch(polled, new System.Text.RegularExpressions.Regex("failed|Connection"), polled);
        Post("/api/ev/unplug", "");
    }

    [TestMethod]
    public void PymodbusAndMbpollAtTheSameTime()
    {
        var script = "from pymodbus.client import ModbusTcpClient\n" +
                     $"c = ModbusTcpClient('127.0.0.1', port={_emu.ModbusPort})\nassert c.connect()\nn = 0\n" +
                     "for i in range(200):\n" +
                     "    rr = c.read_holding_registers(8000, 3, slave=1)\n" +
                     "    assert not rr.isError(), rr\n    assert rr.registers == [0, 0xCF05, 1], rr.registers\n    n += 1\n" +
                     "print('ok', n)\n";
        using var py = Peer.Start(Peer.Python, "-c", script);
        var pyOut = py.StandardOutput.ReadToEndAsync();
        var pyErr = py.StandardError.ReadToEndAsync();
        for (int i = 0; i < 5; i++) Assert.AreEqual(0xCF05, (ushort)Read(8000, 2)[8001]);
        Assert.IsTrue(py.WaitForExit(60_000));
        Assert.AreEqual(0, py.ExitCode, pyErr.Result);
        Assert.AreEqual("ok 200", pyOut.Result.Trim());
    }

    [TestMethod]
    public void ExactAnswersToBadRequests()
    {
        using var s = new RawSocket(_emu.ModbusPort);
        string Ask(byte[] frame) { s.Send(frame); var r = s.Receive(); return r == null ? "silence" : Convert.ToHexString(r); }

        Assert.AreEqual("0001000000030185" + "01", Ask(RawSocket.Mbap(1, 1, 5, 0x1F, 0x9E, 0xFF, 0)), "illegal function");
        Assert.AreEqual("0002000000030183" + "03", Ask(RawSocket.Mbap(2, 1, 3, 0x1F, 0x40, 0, 0)), "quantity 0");
        Assert.AreEqual("0003000000030183" + "03", Ask(RawSocket.Mbap(3, 1, 3, 0x1F, 0x40, 0, 126)), "quantity 126");
        Assert.AreEqual("0004000000030183" + "02", Ask(RawSocket.Mbap(4, 1, 3, 0x27, 0x10, 0, 1)), "address 10000");
        Assert.AreEqual("0005000000030190" + "03", Ask(RawSocket.Mbap(5, 1, 16, 0x1F, 0x9D, 0, 2, 2, 0, 100)), "byte count 2 for 2 registers");
        Assert.AreEqual("silence", Ask(RawSocket.MbapWithProtocol(6, 5, 1, 3, 0x1F, 0x40, 0, 1)), "protocol id 5");
        Assert.AreEqual("silence", Ask(RawSocket.Mbap(7, 9, 3, 0x1F, 0x40, 0, 1)), "unit id 9");
        Assert.AreEqual("00080000000500" + "03020000", Ask(RawSocket.Mbap(8, 0, 3, 0x1F, 0x40, 0, 1)), "unit id 0 is answered");
        Assert.AreEqual("ABCD00000005FF" + "03020000", Ask(RawSocket.Mbap(0xABCD, 255, 3, 0x1F, 0x40, 0, 1)), "unit id 255, transaction id echoed");
    }

    [TestMethod]
    public void SplitTruncatedAndPipelinedRequests()
    {
        using var s = new RawSocket(_emu.ModbusPort);
        var frame = RawSocket.Mbap(0x0102, 1, 3, 0x1F, 0x41, 0, 1);
        s.Send(frame[..4]);
        Assert.IsNull(s.Receive(300), "half an MBAP header is not answered");
        s.Send(frame[4..]);
        Assert.AreEqual("01020000000501" + "0302CF05", Convert.ToHexString(s.Receive()));

        s.SendSlowly(RawSocket.Mbap(0x0103, 1, 3, 0x1F, 0x42, 0, 1), 15);
        Assert.AreEqual("01030000000501" + "03020001", Convert.ToHexString(s.Receive()), "one byte per segment");

        var burst = RawSocket.Mbap(1, 1, 3, 0x1F, 0x42, 0, 1)
            .Concat(RawSocket.Mbap(2, 1, 6, 0x1F, 0x9D, 0, 77))
            .Concat(RawSocket.Mbap(3, 1, 3, 0x1F, 0x9D, 0, 1)).ToArray();
        s.Send(burst);
        Assert.AreEqual("00010000000501" + "03020001", Convert.ToHexString(s.Receive()));
        Assert.AreEqual("00020000000601" + "061F9D004D", Convert.ToHexString(s.Receive()));
        Assert.AreEqual("00030000000501" + "0302004D", Convert.ToHexString(s.Receive()), "answered in order");
    }

    [TestMethod]
    public void AnImpossibleLengthClosesThatConnectionOnly()
    {
        using var other = new RawSocket(_emu.ModbusPort);
        using var bad = new RawSocket(_emu.ModbusPort);
        bad.Send(0, 1, 0, 0, 0x01, 0x00, 1, 3);   // length 256
        Assert.IsTrue(bad.ClosedByServer());
        other.Send(RawSocket.Mbap(9, 1, 3, 0x1F, 0x40, 0, 1));
        Assert.IsNotNull(other.Receive());
    }

    [TestMethod]
    public void OneMegabyteOfGarbageLeavesOtherClientsAlone()
    {
        using var good = new RawSocket(_emu.ModbusPort);
        int answered = 0;
        var stop = false;
        var pollerThread = new Thread(() =>
        {
            for (int i = 0; !Volatile.Read(ref stop) && i < 100_000; i++)
            {
                good.Send(RawSocket.Mbap(i & 0xFFFF, 1, 3, 0x1F, 0x9C, 0, 1));
                if (good.Receive() != null) answered++;
            }
        });
        pollerThread.Start();
        var rnd = new Random(42);
        var garbage = new byte[1 << 20];
        rnd.NextBytes(garbage);
        int connections = 0;
        for (int sent = 0; sent < garbage.Length; connections++)
        {
            using var g = new RawSocket(_emu.ModbusPort);
            try
            {
                while (sent < garbage.Length)
                {
                    int n = Math.Min(4096, garbage.Length - sent);
                    g.Send(garbage[sent..(sent + n)]);
                    sent += n;
                }
            }
            catch (System.Net.Sockets.SocketException) { /* the server hung up on nonsense: reconnect and go on */ }
        }
        Thread.Sleep(300);
        Volatile.Write(ref stop, true);
        Assert.IsTrue(pollerThread.Join(10_000));
        Assert.IsTrue(answered > 10, $"the good client was answered {answered} times");
        Assert.AreEqual(0xCF05, Read(8001, 1)[8001] & 0xFFFF, "the server still serves new clients");
        Console.WriteLine($"garbage took {connections} connections; good client answered {answered} times");
    }
}
