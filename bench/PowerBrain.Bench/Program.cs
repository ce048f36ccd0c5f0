using System;
using BenchmarkDotNet.Running;

namespace PowerBrain.Bench;

/// <summary>
/// dotnet run -c Release --project bench/PowerBrain.Bench -- --filter '*'
/// dotnet run -c Release --project bench/PowerBrain.Bench -- --sample   (prints the frame measured)
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--sample")
        {
            Console.WriteLine(JsonBenchmarks.Sample());
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
