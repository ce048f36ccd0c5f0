using System;
using System.Text;
using PowerBrain.Firmware.Boot;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Security;
using PowerBrain.Firmware.Update;
using PowerBrain.Tests.Support;

namespace PowerBrain.BootTest
{
    /// <summary>
    /// On the nanoCLR: what the ESP32 boot program (boards/esp32-boot) does at every start, with the
    /// same AppLoader, on in-memory flash. A package of a small application ("App", built by
    /// tools/device/boot-test.sh) is staged by AppSlots, switched in, loaded with Assembly.Load(byte[])
    /// and its entry called; then a broken version is staged, fails to load at every start, and is
    /// rolled back after MaxBootAttempts starts.
    /// </summary>
    public static class Program
    {
        static readonly MemoryStorage Flash = new MemoryStorage();

        public static void Main()
        {
            Stage("1.0.0", BootImages.App);
            Start(1);
            new AppSlots(Flash).Accepted();   // what the application does after its Accepted boot

            byte[] broken = new byte[BootImages.App.Length];
            for (int i = 0; i < broken.Length; i++) broken[i] = (byte)(i * 7);
            Stage("2.0.0", broken);
            for (int start = 1; start <= AppSlots.MaxBootAttempts + 1; start++) Start(start);
            AppSlots after = new AppSlots(Flash);
            Console.WriteLine("boot: outcome " + after.Outcome + ", running " + after.Running + ", files back: " + Same(Flash.Read("app.App.pe"), BootImages.App));
            Console.WriteLine("boot: end");
        }

        /// <summary>A start as after a power cycle: nothing but the flash is kept.</summary>
        static void Start(int n)
        {
            string error;
            bool ran = AppLoader.Run(Flash, "App.Entry", "Main", out error);
            AppSlots slots = new AppSlots(Flash);
            Console.WriteLine("boot: start " + n + " of " + slots.Running + " (outcome " + slots.Outcome + "): " + (ran ? "ran" : error));
        }

        static void Stage(string version, byte[] pe)
        {
            string manifest = "{\"version\":\"" + version + "\",\"files\":[{\"name\":\"App.pe\",\"size\":" + pe.Length + ",\"sha256\":\""
                              + Hex.Encode(Sha256.Hash(pe, 0, pe.Length), 0, 32, false) + "\"}]}";
            byte[] head = Encoding.UTF8.GetBytes(FirmwarePackage.Magic + "\n" + manifest + "\n");
            byte[] all = new byte[head.Length + pe.Length];
            Array.Copy(head, all, head.Length);
            Array.Copy(pe, 0, all, head.Length, pe.Length);
            FirmwarePackage p = new FirmwarePackage(Flash, null, null);
            p.Begin();
            p.Write(all, 0, all.Length);
            p.End();
            if (p.Problem != null) throw new Exception(p.Problem);
            new AppSlots(Flash).Stage(p.Version, p.Names, -1);
        }

        static bool Same(byte[] a, byte[] b)
        {
            if (a == null || a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }
    }
}
