using System;
using BenchmarkDotNet.Running;

namespace PowerBrain.Bench;

/// <summary>
/// dotnet run -c Release --project bench/PowerBrain.Bench -- --filter '*'
/// dotnet run -c Release --project bench/PowerBrain.Bench -- --sample   (prints the frame measured)
/// dotnet run -c Release --project bench/PowerBrain.Bench -- --modbus [REQUESTS]   (Modbus TCP vs pymodbus)
/// dotnet run -c Release --project bench/PowerBrain.Bench -- --heap [SECONDS]       (idle live heap)
/// dotnet run -c Release --project bench/PowerBrain.Bench -- --heap-charging [SECONDS]  (charging: OCPP + two Modbus masters)
/// dotnet run -c Release --project bench/PowerBrain.Bench -- --latency [ROUNDS]     (input change to pilot duty)
/// dotnet run -c Release --project bench/PowerBrain.Bench -- --ocpp-throughput [N]  (MeterValues/s against ocpp-rpc)
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--sample")
        {
            Console.WriteLine(JsonBenchmarks.Sample());
            Console.WriteLine(OcppBenchmarks.SampleMeterValues());
            return;
        }
        if (args.Length > 0 && args[0] == "--ocpp-throughput")
        {
            OcppThroughput.Run(args.Length > 1 ? int.Parse(args[1]) : 2000);
            return;
        }
        if (args.Length > 0 && args[0] == "--latency")
        {
            LatencyBenchmark.Run(args.Length > 1 ? int.Parse(args[1]) : 2000);
            return;
        }
        if (args.Length > 0 && args[0] == "--tick-probe")
        {
            TickProbe.Run();
            return;
        }
        if (args.Length > 0 && args[0] == "--heap-charging")
        {
            ChargingHeap.Run(args.Length > 1 ? int.Parse(args[1]) : 60);
            return;
        }
        if (args.Length > 0 && args[0] == "--heap")
        {
            IdleHeap.Run(args.Length > 1 ? int.Parse(args[1]) : 10);
            return;
        }
        if (args.Length > 0 && args[0] == "--rtu-latency")
        {
            RtuLatency.Run(args.Length > 1 ? int.Parse(args[1]) : 200);
            return;
        }
        if (args.Length > 0 && args[0] == "--modbus")
        {
            ModbusBenchmark.Run(args.Length > 1 ? int.Parse(args[1]) : 50_000);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
