using System.Text;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Security;
using PowerBrain.Firmware.Update;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>Firmware packages and the application slots on flash (both runtimes).</summary>
    [TestClass]
    public class UpdateTests
    {
        static byte[] Package(string version, byte[] pe, string name, string hash)
        {
            string manifest = "{\"version\":\"" + version + "\",\"files\":[{\"name\":\"" + name + "\",\"size\":" + pe.Length + ",\"sha256\":\""
                              + (hash != null ? hash : Hex.Encode(Sha256.Hash(pe, 0, pe.Length), 0, 32, false)) + "\"}]}";
            byte[] head = Encoding.UTF8.GetBytes(FirmwarePackage.Magic + "\n" + manifest + "\n");
            byte[] all = new byte[head.Length + pe.Length];
            System.Array.Copy(head, all, head.Length);
            System.Array.Copy(pe, 0, all, head.Length, pe.Length);
            return all;
        }

        [TestMethod]
        public void APackageIsCheckedFileByFile()
        {
            byte[] pe = new byte[100];
            for (int i = 0; i < pe.Length; i++) pe[i] = (byte)i;
            string error;
            FirmwarePackage p = FirmwarePackage.Read(Package("2.0.0", pe, "App.pe", null), out error);
            Assert.IsNull(error);
            Assert.AreEqual("2.0.0", p.Version);
            Assert.AreEqual("App.pe", p.Names[0]);
            Assert.AreEqual(100, p.Sizes[0]);
            Assert.IsNull(FirmwarePackage.Read(Package("2.0.0", pe, "App.pe", "00"), out error));
            Assert.AreEqual("App.pe: SHA-256 does not match", error);
            Assert.IsNull(FirmwarePackage.Read(Package("2.0.0", pe, "../App.pe", null), out error));
            Assert.AreEqual("file 0 has no plain .pe name", error);
            Assert.IsNull(FirmwarePackage.Read(Encoding.UTF8.GetBytes("PK\u0003\u0004 a zip"), out error));
            Assert.AreEqual("not a PowerBrain firmware package (no PBPKG1 line)", error);
            byte[] cut = Package("2.0.0", pe, "App.pe", null);
            byte[] shorter = new byte[cut.Length - 1];
            System.Array.Copy(cut, shorter, shorter.Length);
            Assert.IsNull(FirmwarePackage.Read(shorter, out error));
            Assert.AreEqual("App.pe: its size does not fit the package", error);
        }

        [TestMethod]
        public void ANewVersionThatNeverBootsIsRolledBackToTheBuiltInOne()
        {
            MemoryStorage flash = new MemoryStorage();
            Logger log = new Logger(new ListLog(), new SimClock(), 10);
            string error;
            FirmwareSlots slots = new FirmwareSlots(flash, log);
            slots.Start();
            Assert.AreEqual(FirmwareInfo.Version, slots.RunningVersion);
            Assert.IsNull(flash.Read(FirmwareSlots.StateBlob), "nothing written for the built-in version");
            slots.Stage(FirmwarePackage.Read(Package("2.0.0", new byte[] { 1, 2, 3 }, "App.pe", null), out error), -1);
            for (int start = 1; start <= FirmwareSlots.MaxBootAttempts; start++)
            {
                slots = new FirmwareSlots(flash, log);
                slots.Start();
                Assert.AreEqual("2.0.0", slots.RunningVersion, "start " + start);
                Assert.IsNotNull(flash.Read("app.App.pe"));
            }
            slots = new FirmwareSlots(flash, log);
            slots.Start();
            Assert.AreEqual(FirmwareInfo.Version, slots.RunningVersion, "rolled back");
            Assert.AreEqual("InstallationFailed", slots.Outcome);
            Assert.IsNull(flash.Read("app.App.pe"), "the failed files are gone");
            slots = new FirmwareSlots(flash, log);
            slots.Start();
            Assert.AreEqual("", slots.Outcome, "told once");
        }
    }
}
