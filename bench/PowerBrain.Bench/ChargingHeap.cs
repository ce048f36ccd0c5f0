using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using PowerBrain.Firmware;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Ocpp;

namespace PowerBrain.Bench;

/// <summary>
/// The whole firmware in steady state while charging: OCPP connected to the strict ocpp-rpc backend
/// with a transaction running and MeterValues every 2 s, and two Modbus masters (pymodbus over TCP
/// and over RTU through a socat pty pair), each reading 8092-8095 ten times a second and writing
/// 8093 once a second. Prints the allocation rate of the core loop thread and of the whole process,
/// and the live heap. The masters and the backend are separate processes, so their memory is not
/// counted; the desktop adapters (sockets, ClientWebSocket, HttpListener) are.
/// </summary>
public static class ChargingHeap
{
    public static void Run(int seconds)
    {
        string repo = BenchNet.RepoRoot();
        long before = Live();

        int port = BenchNet.FreePort();
        int meterValues = 0;
        var csms = BenchNet.StartCsms(port, line =>
        {
            if (line.Contains("\"action\":\"MeterValues\"") && line.Contains("\"event\":\"call\"")) Interlocked.Increment(ref meterValues);
        });

        var socat = Process.Start(new ProcessStartInfo("socat", $"pty,raw,echo=0,link={Path.GetTempPath()}pb-heap-a pty,raw,echo=0,link={Path.GetTempPath()}pb-heap-b") { RedirectStandardError = true })!;
        Thread.Sleep(500);

        var (box, board, data) = BenchNet.Wallbox(
            PowerBrain.Firmware.Config.SettingsCatalog.OcppUrl, $"ws://127.0.0.1:{port}/ocpp",
            PowerBrain.Firmware.Config.SettingsCatalog.OcppIdTag, "FREE",
            PowerBrain.Firmware.Config.SettingsCatalog.ModbusRtuEnabled, "1",
            PowerBrain.Firmware.Config.SettingsCatalog.ModbusRtuDevice, Path.GetTempPath() + "pb-heap-a");
        var site = BenchNet.Start(box);
        var core = new Thread(box.Core.Run) { IsBackground = true };
        core.Start();
        Process tcpMaster = null, rtuMaster = null;
        try
        {
            Wait(() => box.OcppClient.Registration.BootStatus == OcppStatus.BootAccepted, "an Accepted boot");
            csms.StandardInput.WriteLine("{\"cmd\":\"call\",\"ref\":\"mv\",\"action\":\"ChangeConfiguration\",\"params\":{\"key\":\"MeterValueSampleInterval\",\"value\":\"2\"}}");
            board.Ev.Plug();
            board.Ev.StartCharging(16);
            var store = box.OcppClient.Transactions.Store;
            Wait(() => store.Current != null && store.ServerId(store.Current.Local) > 0, "a running transaction");

            string script = Path.Combine(repo, "bench", "PowerBrain.Bench", "peers", "load_manager.py");
            tcpMaster = Process.Start(new ProcessStartInfo("/usr/bin/python3", $"{script} tcp {box.ModbusTcpLocalPort}") { RedirectStandardOutput = true })!;
            rtuMaster = Process.Start(new ProcessStartInfo("/usr/bin/python3", $"{script} rtu {Path.GetTempPath()}pb-heap-b 19200") { RedirectStandardOutput = true })!;
            Thread.Sleep(10_000);   // warm-up: JIT, buffers grown to their working size

            var start = new Snapshot();
            box.Core.Post(start);
            Thread.Sleep(200);
            long storageStart = board.FileStorage.AllocatedInWrites;
            long processStart = GC.GetTotalAllocatedBytes(true);
            int mvStart = Volatile.Read(ref meterValues);
            var sw = Stopwatch.StartNew();
            Thread.Sleep(seconds * 1000);
            var end = new Snapshot();
            box.Core.Post(end);
            Thread.Sleep(200);
            long storage = board.FileStorage.AllocatedInWrites - storageStart;
            long processAllocated = GC.GetTotalAllocatedBytes(true) - processStart;
            double elapsed = sw.Elapsed.TotalSeconds;
            int mv = Volatile.Read(ref meterValues) - mvStart;
            long live = Live() - before;
            var rooms = HeapEstimate.Measure(box, site);

            Console.WriteLine($"charging at {box.Status.OfferedDeciAmps / 10.0:F1} A (limited by {PowerBrain.Firmware.Charging.LimitedBy.Name(box.Status.LimitedBy)}), transaction {(store.Current == null ? -1 : store.ServerId(store.Current.Local))}, {mv} MeterValues in {elapsed:F0} s");
            long coreBytes = end.Bytes - start.Bytes;
            Console.WriteLine($"core loop thread allocated {coreBytes / elapsed:F0} B/s; of that the desktop file API (simulated meter and energy register writes) {storage / elapsed:F0} B/s; the rest {(coreBytes - storage) / elapsed:F0} B/s");
            Console.WriteLine($"whole process (firmware + desktop adapters) allocated {processAllocated / elapsed:F0} B/s");
            Console.WriteLine($"live heap while charging, after a full collection: {live / 1024.0:F1} KiB");
            HeapEstimate.Print("what the firmware keeps alive while charging, room by room:", rooms);
            Console.WriteLine($"load managers: tcp '{Last(tcpMaster)}', rtu '{Last(rtuMaster)}' (requests, errors)");
        }
        finally
        {
            box.Core.Stop();
            core.Join(5000);
            box.Stop();
            foreach (var p in new[] { tcpMaster, rtuMaster, csms, socat }) { try { p?.Kill(); p?.WaitForExit(); } catch (InvalidOperationException) { } }
            BenchNet.Remove(data);
        }
    }

    static string Last(Process p)
    {
        p.Kill();
        p.WaitForExit();
        string last = "";
        string line;
        while ((line = p.StandardOutput.ReadLine()) != null) last = line;
        return last;
    }

    static void Wait(Func<bool> condition, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.ElapsedMilliseconds > 30_000) throw new TimeoutException("no " + what);
            Thread.Sleep(50);
        }
    }

    /// <summary>Reads the core loop thread's allocation counter on that thread.</summary>
    sealed class Snapshot : ICoreWork
    {
        public long Bytes;
        public void Run() => Bytes = GC.GetAllocatedBytesForCurrentThread();
    }

    static long Live()
    {
        for (int i = 0; i < 3; i++) { GC.Collect(); GC.WaitForPendingFinalizers(); }
        return GC.GetTotalMemory(true);
    }
}
