using System;
using System.Diagnostics;
using System.Linq;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PowerBrain.Tests.Emulator;

/// <summary>The emulator as a user runs it: a separate process, real HTTP, a real SIGINT.</summary>
[TestClass]
public sealed class EmulatorProcessTests
{
    [TestMethod]
    public void ServesThePageAndStatusAndStopsCleanlyOnSigint()
    {
        using var emu = EmulatorProcess.Start();
        using var http = emu.NewHttp();

        var page = http.GetAsync("/").Result;
        Assert.AreEqual(HttpStatusCode.OK, page.StatusCode);
        var html = page.Content.ReadAsStringAsync().Result;
        StringAssert.Contains(html, "PowerBrain");

        var status = JsonDocument.Parse(http.GetStringAsync("/api/status").Result).RootElement;
        Assert.AreEqual("0.1.1", status.GetProperty("firmware").GetProperty("version").GetString());
        Assert.IsTrue(status.GetProperty("uptimeS").GetInt64() >= 0);

        Assert.AreEqual(HttpStatusCode.NotFound, http.GetAsync("/api/nothing").Result.StatusCode);
        Assert.AreEqual(HttpStatusCode.MethodNotAllowed, http.PostAsync("/api/status", new StringContent("{}")).Result.StatusCode);

        Assert.AreEqual(0, emu.Interrupt(), emu.Output);
        StringAssert.Contains(emu.Output, "stopped, state saved");
        Assert.IsTrue(Directory.Exists(emu.DataFolder), "the data folder is created on first run");
    }

    [TestMethod]
    public void BadFlagsGiveUsageAndExitCode2()
    {
        var psi = EmulatorProcess.StartInfo("--http", "notaport");
        using var p = Process.Start(psi);
        string err = p.StandardError.ReadToEnd();
        Assert.IsTrue(p.WaitForExit(30000));
        Assert.AreEqual(2, p.ExitCode);
        StringAssert.Contains(err, "--http: 'notaport' is not a port number");
        StringAssert.Contains(err, "usage:");
    }

    [TestMethod]
    public void AMeterPortThatCannotBeOpenedIsNamedAndTheEmulatorStops()
    {
        var data = Path.Combine(Path.GetTempPath(), "pb-emu-" + Guid.NewGuid().ToString("N"));
        var psi = EmulatorProcess.StartInfo("--data", data, "--http", EmulatorProcess.FreePort().ToString(), "--modbus-tcp", EmulatorProcess.FreePort().ToString(),
                                            "--meter-rtu", "/nonexistent/ttyMeter");
        using var p = Process.Start(psi);
        string err = p.StandardError.ReadToEnd();
        Assert.IsTrue(p.WaitForExit(30000));
        Assert.AreEqual(1, p.ExitCode);
        StringAssert.Contains(err, "cannot start: --meter-rtu /nonexistent/ttyMeter: cannot open the meter's serial port");
    }

    /// <summary>A start that fails half-way (HTTP and Modbus TCP already listening) ends the process
    /// with status 1 and a reason, and leaves nothing listening behind.</summary>
    [TestMethod]
    [DataRow("serial")]
    [DataRow("port in use")]
    public void AFailedStartEndsTheProcessAndLeavesNoListener(string cause)
    {
        var data = Directory.CreateTempSubdirectory("pb-emu-").FullName;
        int http = EmulatorProcess.FreePort(), modbus = EmulatorProcess.FreePort();
        TcpListener blocker = null;
        string[] args;
        if (cause == "serial") args = new[] { "--data", data, "--http", http.ToString(), "--modbus-tcp", modbus.ToString(), "--modbus-rtu", "/dev/null" };
        else
        {
            blocker = new TcpListener(IPAddress.Loopback, 0);
            blocker.Start();
            args = new[] { "--data", data, "--http", http.ToString(), "--modbus-tcp", ((IPEndPoint)blocker.LocalEndpoint).Port.ToString() };
        }
        try
        {
            using var p = Process.Start(EmulatorProcess.StartInfo(args));
            var stderr = p.StandardError.ReadToEndAsync();
            Assert.IsTrue(p.WaitForExit(30000), "the process must end, not linger half-started");
            Assert.AreEqual(1, p.ExitCode);
            StringAssert.Contains(stderr.Result, "cannot start: ");
            if (cause == "serial") StringAssert.Contains(stderr.Result, "/dev/null");
            else StringAssert.Contains(stderr.Result, "address already in use", System.StringComparison.OrdinalIgnoreCase);
            using var probe = new TcpClient();
            Assert.ThrowsExactly<SocketException>(() => probe.Connect(IPAddress.Loopback, http), "the web port is free again");
        }
        finally
        {
            blocker?.Stop();
            Directory.Delete(data, true);
        }
    }
}

/// <summary>Starts the emulator on free ports in a fresh data folder and stops it by process id.</summary>
public sealed class EmulatorProcess : IDisposable
{
    readonly Process _process;
    readonly System.Text.StringBuilder _output = new();
    public const string AdminPassword = "admin-pw-for-tests";
    public readonly int HttpPort;
    public readonly int ModbusPort;
    public readonly string DataFolder;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PowerBrain.Emulator.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }

    EmulatorProcess(string dataFolder, string[] extraArgs)
    {
        DataFolder = dataFolder;
        HttpPort = FreePort();
        ModbusPort = FreePort();
        var args = new System.Collections.Generic.List<string> { "--data", DataFolder, "--http", HttpPort.ToString(), "--modbus-tcp", ModbusPort.ToString() };
        if (!extraArgs.Contains("--no-admin-password")) args.AddRange(new[] { "--admin-password", AdminPassword });
        extraArgs = extraArgs.Where(a => a != "--no-admin-password").ToArray();
        args.AddRange(extraArgs);
        _process = Process.Start(StartInfo(args.ToArray()));
        _process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitFor("Press Ctrl+C to stop.", 30000);
    }

    public static EmulatorProcess Start(string dataFolder = null, params string[] extraArgs)
        => new(dataFolder ?? Path.Combine(Path.GetTempPath(), "pb-emu-" + Guid.NewGuid().ToString("N")), extraArgs);

    public void WaitFor(string text, int timeoutMs)
    {
        var sw = Stopwatch.StartNew();
        while (!Output.Contains(text))
        {
            if (_process.HasExited) throw new InvalidOperationException("emulator exited early:\n" + Output);
            if (sw.ElapsedMilliseconds > timeoutMs) throw new TimeoutException($"'{text}' not seen within {timeoutMs} ms:\n" + Output);
            Thread.Sleep(20);
        }
    }

    /// <summary>An HTTP client for the emulator's API, logged in with HTTP Basic as scripts are.</summary>
    public HttpClient NewHttp()
    {
        var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip }) { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}/") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin:" + AdminPassword)));
        return http;
    }

    /// <summary>Sends SIGINT (as Ctrl+C does) and returns the exit code.</summary>
    public int Interrupt()
    {
        Signal("INT");
        if (!_process.WaitForExit(20000)) throw new TimeoutException("emulator did not stop on SIGINT:\n" + Output);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Kills the process without warning (a power cut).</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    void Signal(string sig)
    {
        using var kill = Process.Start("kill", $"-{sig} {_process.Id}");
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) { _process.Kill(); _process.WaitForExit(); }
        _process.Dispose();
    }
}
