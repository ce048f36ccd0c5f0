using System;
using System.Threading;
using PowerBrain.Emulator;
using PowerBrain.Firmware;

namespace PowerBrain.Bench;

/// <summary>Bytes allocated by each periodic piece of core-loop work while charging (no network).</summary>
public static class TickProbe
{
    public static void Run()
    {
        var (box, board, data) = BenchNet.Wallbox(PowerBrain.Firmware.Config.SettingsCatalog.OcppIdTag, "FREE");
        box.StartTimers();
        board.Ev.Plug();
        board.Ev.StartCharging(16);
        for (int i = 0; i < 200; i++) { box.Core.RunPending(); Thread.Sleep(10); }
        Measure("ChargingCore.Run", () => box.Charging.Run());
        Measure("OcppClient.Run", () => box.OcppClient.Run());
        Measure("Core.RunPending", () => box.Core.RunPending());
        var blob = new byte[20];
        Measure("desktop FileStorage.Write of 20 bytes", () => board.Storage.Write("probe", blob, 0, blob.Length));
        Measure("simulated meter read (persists its register)", () => board.SimMeter.Read(new PowerBrain.Firmware.Hal.MeterReading()));
        BenchNet.Remove(data);
    }

    static void Measure(string what, Action a)
    {
        for (int i = 0; i < 100; i++) a();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) { a(); }
        Console.WriteLine($"{what}: {(GC.GetAllocatedBytesForCurrentThread() - before) / 1000.0:F1} B per call");
    }
}
