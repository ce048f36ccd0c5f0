using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using PowerBrain.Emulator;
using PowerBrain.Firmware;

namespace PowerBrain.Bench;

static class BenchNet
{
    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>A whole wallbox in this process on the emulator board, in a fresh data folder, with
    /// its web page and Modbus TCP on free loopback ports; settings given as key/value pairs.</summary>
    public static (Wallbox Box, EmulatorBoard Board, string Data) Wallbox(params string[] settings)
    {
        var data = Path.Combine(Path.GetTempPath(), "pb-bench-" + Guid.NewGuid().ToString("N"));
        var board = new EmulatorBoard(data, log: new PowerBrain.Emulator.Host.ConsoleLog { MinLevel = PowerBrain.Firmware.Hal.LogLevel.Error });
        var keys = new string[settings.Length / 2];
        var values = new string[settings.Length / 2];
        for (int i = 0; i < keys.Length; i++) { keys[i] = settings[2 * i]; values[i] = settings[2 * i + 1]; }
        var box = new Wallbox(board, new WallboxOptions
        {
            HttpBind = "127.0.0.1", HttpPort = FreePort(), ModbusTcpBind = "127.0.0.1", ModbusTcpPort = FreePort(),
            SettingKeys = keys, SettingValues = values,
        });
        return (box, board, data);
    }

    /// <summary>Starts the box with its web site, as the boards do.</summary>
    public static PowerBrain.Firmware.Web.WebSite Start(Wallbox box)
    {
        var site = new PowerBrain.Firmware.Web.WebSite(box, null);
        box.Start(site.App);
        return site;
    }

    /// <summary>The repository (the folder holding nf.sln).</summary>
    public static string RepoRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root != null && !File.Exists(Path.Combine(root.FullName, "nf.sln"))) root = root.Parent;
        return root?.FullName ?? throw new InvalidOperationException("nf.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The tests' strict ocpp-rpc backend (needs npm ci in PowerBrain.Tests/Peers) on a port;
    /// each line it prints goes to onLine.</summary>
    public static System.Diagnostics.Process StartCsms(int port, Action<string> onLine)
    {
        var csms = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("node",
            $"{Path.Combine(RepoRoot(), "PowerBrain.Tests", "Peers", "csms.js")} {port} -")
        { RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true })!;
        csms.OutputDataReceived += (_, e) => { if (e.Data != null) onLine(e.Data); };
        csms.BeginOutputReadLine();
        return csms;
    }

    public static void Remove(string data)
    {
        try { Directory.Delete(data, true); } catch (IOException) { }
    }
}
