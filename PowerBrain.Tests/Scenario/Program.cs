#if NANOFRAMEWORK_1_0
using System;
using NGC = nanoFramework.Runtime.Native.GC;

namespace PowerBrain.Scenario
{
    /// <summary>The scenario as a nanoCLR program (tools/device/scenario.sh). Built with
    /// -define SCENARIO_HEAP it also reports the free managed heap at its checkpoints, on stderr's
    /// stand-in: lines starting "heap:" (left out of the comparison with desktop).</summary>
    public static class Program
    {
        public static void Main()
        {
            WallboxScript script = new WallboxScript(Console.WriteLine);
#if SCENARIO_HEAP
            Console.WriteLine("heap: free " + NGC.Run(true).ToString() + " before boot");
            script.Checkpoint = Measure;
#endif
            script.Run();
#if SCENARIO_HEAP
            Console.WriteLine("heap: free " + NGC.Run(true).ToString() + " after the end");
#endif
        }

        static void Measure(string where) { Console.WriteLine("heap: free " + NGC.Run(true).ToString() + " at " + where); }
    }
}
#endif
