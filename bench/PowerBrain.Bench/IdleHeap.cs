using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using PowerBrain.Emulator;
using PowerBrain.Firmware;

namespace PowerBrain.Bench;

/// <summary>
/// Live managed heap of the whole firmware idling on the emulator: web, Modbus TCP and the charging
/// core running, OCPP configured (its backend absent, so it keeps retrying). Measured as the live
/// heap after a full collection, minus the same figure before the wallbox was built. It includes
/// the desktop host adapters (HttpListener, sockets), so the device figure is lower.
/// </summary>
public static class IdleHeap
{
    public static void Run(int idleSeconds)
    {
        long before = Live();
        var (box, _, data) = BenchNet.Wallbox(PowerBrain.Firmware.Config.SettingsCatalog.OcppUrl, $"ws://127.0.0.1:{BenchNet.FreePort()}/ocpp");
        long built = Live();
        var site = BenchNet.Start(box);
        var loop = new Thread(box.Core.Run) { IsBackground = true };
        loop.Start();
        Thread.Sleep(idleSeconds * 1000);
        long idle = Live();
        var rooms = HeapEstimate.Measure(box, site);
        box.Stop();
        loop.Join(5000);
        Console.WriteLine($"live heap of the firmware objects once built (nothing started): {(built - before) / 1024.0:F1} KiB");
        Console.WriteLine($"live heap of the idle firmware after {idleSeconds} s, with the desktop servers: {(idle - before) / 1024.0:F1} KiB ({idle - before} bytes)");
        HeapEstimate.Print("what the firmware keeps alive when idle, room by room:", rooms);
        BenchNet.Remove(data);
    }

    static long Live()
    {
        for (int i = 0; i < 3; i++) { GC.Collect(); GC.WaitForPendingFinalizers(); }
        return GC.GetTotalMemory(true);
    }

}
