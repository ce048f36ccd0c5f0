using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Emulator;

namespace PowerBrain.Tests.Web;

/// <summary>HTTP input from clients that are broken, slow or hostile, against the emulator process
/// over real sockets.</summary>
[TestClass]
public sealed class HttpRobustnessTests
{
    static string Basic => Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + EmulatorProcess.AdminPassword));

    static string Head(string method, string path, string extra) =>
        $"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic {Basic}\r\n{extra}\r\n";

    /// <summary>Sends the bytes, optionally ends the sending side, and reads the answer until the server closes or timeoutMs.</summary>
    static string Exchange(int port, string request, bool shutdownSend, int timeoutMs)
    {
        using var s = new TcpClient("127.0.0.1", port);
        s.ReceiveTimeout = timeoutMs;
        var stream = s.GetStream();
        stream.Write(Encoding.UTF8.GetBytes(request));
        if (shutdownSend) s.Client.Shutdown(SocketShutdown.Send);
        var answer = new StringBuilder();
        var buf = new byte[4096];
        var sw = Stopwatch.StartNew();
        try
        {
            int n;
            while (sw.ElapsedMilliseconds < timeoutMs && (n = stream.Read(buf, 0, buf.Length)) > 0)
            {
                answer.Append(Encoding.UTF8.GetString(buf, 0, n));
                if (answer.ToString().Contains("\r\n\r\n{") && answer.ToString().TrimEnd().EndsWith("}")) break;
            }
        }
        catch (Exception e) when (e is System.IO.IOException or SocketException) { }
        return answer.ToString();
    }

    static string[] Log(EmulatorProcess emu)
    {
        using var http = emu.NewHttp();
        var log = JsonDocument.Parse(http.GetStringAsync("/api/status").Result).RootElement.GetProperty("log");
        return log.EnumerateArray().Select(l => l.GetString()).ToArray();
    }

    [TestMethod]
    public void AShortOrStalledBodyGets400WithTheReason()
    {
        using var emu = EmulatorProcess.Start();
        string shortBody = Exchange(emu.HttpPort, Head("PUT", "/api/config", "Content-Type: application/json\r\nContent-Length: 100\r\n") + "{\"web.port\":", true, 15000);
        StringAssert.StartsWith(shortBody, "HTTP/1.1 400", shortBody);
        StringAssert.Contains(shortBody, "ended after 12 of its 100 bytes");

        var sw = Stopwatch.StartNew();
        string stalled = Exchange(emu.HttpPort, Head("PUT", "/api/config", "Content-Length: 100\r\n") + "{\"web", false, 15000);
        StringAssert.StartsWith(stalled, "HTTP/1.1 400", stalled);
        StringAssert.Contains(stalled, "stalled");
        Assert.IsTrue(sw.ElapsedMilliseconds < 12000, "answered after the idle deadline, not never: " + sw.ElapsedMilliseconds + " ms");

        string chunked = Exchange(emu.HttpPort, Head("PUT", "/api/config", "Transfer-Encoding: chunked\r\n") + "zz\r\nnot hex\r\n", true, 15000);
        StringAssert.StartsWith(chunked, "HTTP/1.1 400", chunked);
        Assert.IsFalse(Log(emu).Any(l => l.Contains("ERROR")), string.Join("\n", Log(emu)));
    }

    [TestMethod]
    public void RepeatedBadRequestsAreLoggedOnceNotOncePerRequest()
    {
        using var emu = EmulatorProcess.Start();
        for (int i = 0; i < 60; i++)
        {
            string body = i % 2 == 0 ? "zz\r\nnot hex\r\n" : "5\r\nab";
            string answer = Exchange(emu.HttpPort, Head("PUT", "/api/config", "Transfer-Encoding: chunked\r\n") + body, true, 15000);
            StringAssert.StartsWith(answer, "HTTP/1.1 400", "request " + i + ": " + answer);
        }
        var log = Log(emu);
        Assert.IsTrue(log.Count(l => l.Contains("bad request")) <= 1, string.Join("\n", log));
        Assert.IsFalse(log.Any(l => l.Contains("ERROR")), string.Join("\n", log));
        using var http = emu.NewHttp();
        Assert.AreEqual(System.Net.HttpStatusCode.OK, http.GetAsync("/api/status").Result.StatusCode, "the box still answers");
    }

    /// <summary>Twelve clients trickle (six send their headers a byte every 0.5 s, six an
    /// authenticated PUT body): a health check must still be answered every time, well before the
    /// slow ones are cut off.</summary>
    [TestMethod]
    public void SlowClientsDoNotHoldBackTheOthers()
    {
        using var emu = EmulatorProcess.Start();
        var slow = new List<TcpClient>();
        using var stop = new CancellationTokenSource();
        var trickles = new List<Thread>();
        try
        {
            for (int i = 0; i < 12; i++)
            {
                var c = new TcpClient("127.0.0.1", emu.HttpPort);
                slow.Add(c);
                string start = i % 2 == 0 ? Head("PUT", "/api/config", "Content-Length: 400\r\n") : "GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n";
                var t = new Thread(() =>
                {
                    try
                    {
                        var st = c.GetStream();
                        if (start.StartsWith("PUT")) st.Write(Encoding.UTF8.GetBytes(start));
                        else { st.Write(Encoding.UTF8.GetBytes(start[..10])); }
                        while (!stop.IsCancellationRequested) { st.Write(new[] { (byte)' ' }); Thread.Sleep(500); }
                    }
                    catch (Exception) { }
                }) { IsBackground = true };
                t.Start();
                trickles.Add(t);
            }
            Thread.Sleep(1500);   // every slow client is connected and trickling
            using var http = emu.NewHttp();
            http.Timeout = TimeSpan.FromSeconds(10);
            var times = new List<long>();
            for (int i = 0; i < 10; i++)
            {
                var sw = Stopwatch.StartNew();
                var r = http.GetAsync("/api/status").Result;
                times.Add(sw.ElapsedMilliseconds);
                Assert.AreEqual(System.Net.HttpStatusCode.OK, r.StatusCode);
                Thread.Sleep(300);
            }
            // A server that let the trickles hold it would answer only when their 10 s body deadline
            // cuts them off; half of that leaves room for a loaded machine without hiding a wait.
            Assert.IsTrue(times.Max() < 5000, "health check times (ms): " + string.Join(", ", times));
        }
        finally
        {
            stop.Cancel();
            foreach (var c in slow) c.Dispose();
        }
    }
}
