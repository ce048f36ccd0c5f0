using System;
using System.Reflection;
using System.Text;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Security;
using PowerBrain.Firmware.Update;
using PowerBrain.Tests.Support;

namespace PowerBrain.BootTest
{
    /// <summary>
    /// On the nanoCLR: what a boot assembly does with the application files on flash. A package of
    /// a small application ("App", built by tools/device/boot-test.sh) is staged with FirmwareSlots,
    /// switched in at a start, loaded with Assembly.Load(byte[]) and run; then a broken version is
    /// staged, fails to load at every start, and is rolled back after MaxBootAttempts starts.
    /// </summary>
    public static class Program
    {
        static MemoryStorage _flash = new MemoryStorage();
        static Logger _log = new Logger(new ListLog(), new SimClock(), 20);

        public static void Main()
        {
            FirmwareSlots slots = new FirmwareSlots(_flash, _log);
            slots.Stage(Package("1.0.0", BootImages.App), -1);
            slots = Restart();
            Console.WriteLine("boot: running " + slots.RunningVersion + ", outcome " + slots.Outcome);
            Console.WriteLine("boot: " + Run(_flash.Read("app.App.pe")));
            slots.Accepted();

            byte[] broken = new byte[BootImages.App.Length];
            for (int i = 0; i < broken.Length; i++) broken[i] = (byte)(i * 7);
            slots.Stage(Package("2.0.0", broken), -1);
            for (int start = 1; start <= FirmwareSlots.MaxBootAttempts + 1; start++)
            {
                slots = Restart();
                string result = Run(_flash.Read("app.App.pe"));
                Console.WriteLine("boot: start " + start + " runs " + slots.RunningVersion + ": " + result);
                if (slots.Outcome == "InstallationFailed") break;
            }
            Console.WriteLine("boot: outcome " + slots.Outcome + ", files back: " + Same(_flash.Read("app.App.pe"), BootImages.App));
            Console.WriteLine("boot: end");
        }

        /// <summary>A new start: the slots are read from flash again, as after a power cycle.</summary>
        static FirmwareSlots Restart()
        {
            FirmwareSlots slots = new FirmwareSlots(_flash, _log);
            slots.Start();
            return slots;
        }

        static string Run(byte[] image)
        {
            try
            {
                Assembly app = Assembly.Load(image);
                Type entry = app.GetType("App.Entry");
                return (string)entry.GetMethod("Run").Invoke(null, null);
            }
            catch (Exception e) { return "load failed (" + e.GetType().Name + ")"; }
        }

        static FirmwarePackage Package(string version, byte[] pe)
        {
            string manifest = "{\"version\":\"" + version + "\",\"files\":[{\"name\":\"App.pe\",\"size\":" + pe.Length + ",\"sha256\":\""
                              + Hex.Encode(Sha256.Hash(pe, 0, pe.Length), 0, 32, false) + "\"}]}";
            byte[] head = Encoding.UTF8.GetBytes(FirmwarePackage.Magic + "\n" + manifest + "\n");
            byte[] all = new byte[head.Length + pe.Length];
            Array.Copy(head, all, head.Length);
            Array.Copy(pe, 0, all, head.Length, pe.Length);
            string error;
            FirmwarePackage p = FirmwarePackage.Read(all, out error);
            if (p == null) throw new Exception(error);
            return p;
        }

        static bool Same(byte[] a, byte[] b)
        {
            if (a == null || a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }
    }
}
