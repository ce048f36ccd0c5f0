using System.Threading;
using PowerBrain.Esp32.Adapters;
using PowerBrain.Firmware.Boot;

namespace PowerBrain.Esp32Boot
{
    /// <summary>
    /// The boot program, deployed once with nanoff together with the factory application: at every
    /// start it counts the start and switches or rolls back the application files (AppLoader), loads
    /// the installed version from flash and calls PowerBrain.Esp32.Program.Booted. A version that
    /// does not load restarts the board, so its failed starts are counted and it is rolled back;
    /// without an installed version the factory application deployed beside this runs.
    /// </summary>
    public static class Program
    {
        const string EntryAssembly = "PowerBrain.Esp32", EntryType = "PowerBrain.Esp32.Program", EntryMethod = "Booted";

        public static void Main()
        {
            FlashStorage flash = new FlashStorage();
            string error;
            if (AppLoader.Run(flash, EntryType, EntryMethod, out error)) return;
            System.Diagnostics.Debug.WriteLine("boot: " + error);
            if (error != AppLoader.NoneInstalled)
            {
                Thread.Sleep(3000);
                nanoFramework.Runtime.Native.Power.RebootDevice();
            }
            if (!AppLoader.RunDeployed(EntryAssembly, EntryType, EntryMethod, out error)) System.Diagnostics.Debug.WriteLine("boot: " + error);
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
