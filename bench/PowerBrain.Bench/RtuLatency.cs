using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;

namespace PowerBrain.Bench;

/// <summary>
/// Modbus RTU reply latency on a shared bus: the firmware (in this process, on the emulator's
/// serial adapter) as unit 1 and pymodbus as unit 2 on ptys relayed by rs485_bus.py, which is the
/// master. The time is from the request's last byte leaving the master to the reply's first byte
/// reaching it (through the relay), at 9600, 19200 and 115200 baud.
/// </summary>
public static class RtuLatency
{
    public static void Run(int rounds)
    {
        Console.WriteLine($"rounds per baud rate: {rounds}, 5 ms gaps, alternating with a second slave");
        Console.WriteLine("| baud | answered | median ms | p99 ms | max ms |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (int baud in new[] { 9600, 19200, 115200 })
        {
            var bus = Process.Start(new ProcessStartInfo("/usr/bin/python3",
                $"{Path.Combine(BenchNet.RepoRoot(), "PowerBrain.Tests", "Peers", "rs485_bus.py")} {rounds} 5")
            { RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true });
            string ready = bus.StandardOutput.ReadLine() ?? throw new InvalidOperationException("bus: " + bus.StandardError.ReadToEnd());
            var (box, _, data) = BenchNet.Wallbox("modbus.rtu.enabled", "1", "modbus.rtu.device", ready[6..], "modbus.rtu.baud", baud.ToString(), "modbus.rtu.parity", "0");
            try
            {
                BenchNet.Start(box);
                var loop = new Thread(box.Core.Run) { IsBackground = true, Name = "core" };
                loop.Start();
                bus.StandardInput.WriteLine("go");
                bus.StandardInput.Flush();
                var r = JsonDocument.Parse(bus.StandardOutput.ReadLine()).RootElement;
                var ms = r.GetProperty("latencyMs").EnumerateArray().Select(e => e.GetDouble()).OrderBy(x => x).ToArray();
                double P(double q) => ms.Length == 0 ? double.NaN : ms[Math.Min(ms.Length - 1, (int)(q * ms.Length))];
                Console.WriteLine($"| {baud} | {r.GetProperty("boxAnswered").GetInt32()}/{r.GetProperty("box").GetInt32()} | {P(0.5):F2} | {P(0.99):F2} | {(ms.Length == 0 ? double.NaN : ms[^1]):F2} |");
            }
            finally
            {
                box.Stop();
                if (!bus.HasExited) bus.Kill();
                BenchNet.Remove(data);
            }
        }
    }
}
