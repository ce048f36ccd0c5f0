using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using PowerBrain.Emulator;
using PowerBrain.Firmware;

namespace PowerBrain.Bench;

/// <summary>
/// Modbus TCP over loopback: requests per second for FC03 (10 registers) and FC06, against the
/// firmware's slave (in this process, so its allocations can be counted) and against a pymodbus
/// server serving the same block. One client connection, one request in flight, as evcc does.
/// </summary>
public static class ModbusBenchmark
{
    public static void Run(int requests)
    {
        var (box, _, data) = BenchNet.Wallbox();
        BenchNet.Start(box);
        var loop = new Thread(box.Core.Run) { IsBackground = true, Name = "core" };
        loop.Start();

        int pyPort = BenchNet.FreePort();
        var py = Process.Start(new ProcessStartInfo("/usr/bin/python3", $"{Path.Combine(AppContext.BaseDirectory, "peers", "pymodbus_server.py")} {pyPort}")
        { RedirectStandardError = true, RedirectStandardOutput = true });
        WaitForPort(pyPort);

        Console.WriteLine($"requests per case: {requests}");
        Console.WriteLine("| server | request | requests/s | mean latency µs | allocated B/request (server process) |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        try
        {
            foreach (var (name, pdu) in new[] { ("FC03 x10", new byte[] { 3, 0x1F, 0x9C, 0, 10 }), ("FC06", new byte[] { 6, 0x1F, 0x9D, 0, 100 }) })
            {
                Measure("PowerBrain", box.ModbusTcpLocalPort, name, pdu, requests, inProcess: true);
                Measure("pymodbus 3.0", pyPort, name, pdu, Math.Max(requests / 5, 1000), inProcess: false);
            }
        }
        finally
        {
            py.Kill();
            py.WaitForExit();
            box.Stop();
            BenchNet.Remove(data);
        }
    }

    static void Measure(string server, int port, string name, byte[] pdu, int requests, bool inProcess)
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        s.Connect(IPAddress.Loopback, port);
        var frame = new byte[7 + pdu.Length];
        frame[5] = (byte)(pdu.Length + 1);
        frame[6] = 1;
        pdu.CopyTo(frame, 7);
        var reply = new byte[300];
        void One(int i)
        {
            frame[0] = (byte)(i >> 8); frame[1] = (byte)i;
            s.Send(frame);
            int got = 0, need = 7;
            while (got < need)
            {
                int n = s.Receive(reply, got, reply.Length - got, SocketFlags.None);
                if (n == 0) throw new IOException("server closed");
                got += n;
                if (got >= 6) need = 6 + ((reply[4] << 8) | reply[5]);
            }
            if (reply[7] != pdu[0]) throw new IOException($"{server} answered exception {reply[8]}");
        }
        for (int i = 0; i < 2000; i++) One(i);      // warm-up: JIT, buffers, connection slot
        long allocBefore = GC.GetTotalAllocatedBytes(true);
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < requests; i++) One(i);
        sw.Stop();
        long alloc = GC.GetTotalAllocatedBytes(true) - allocBefore;
        double rps = requests / sw.Elapsed.TotalSeconds;
        string perRequest = inProcess ? ((double)alloc / requests).ToString("F2") : "n/a (other process)";
        Console.WriteLine($"| {server} | {name} | {rps:F0} | {sw.Elapsed.TotalMilliseconds * 1000 / requests:F1} | {perRequest} |");
    }


    static void WaitForPort(int port)
    {
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 20_000)
        {
            try { using var c = new TcpClient("127.0.0.1", port); return; }
            catch (SocketException) { Thread.Sleep(100); }
        }
        throw new TimeoutException("pymodbus server did not start");
    }
}
