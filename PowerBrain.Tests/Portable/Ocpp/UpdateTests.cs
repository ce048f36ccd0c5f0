using System.Text;
using PowerBrain.Firmware.Boot;
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

        /// <summary>The package as a download delivers it, in pieces of the given size.</summary>
        static FirmwarePackage Receive(MemoryStorage flash, byte[] package, int piece)
        {
            FirmwarePackage p = new FirmwarePackage(flash, null, null);
            p.Begin();
            for (int at = 0; at < package.Length; at += piece) p.Write(package, at, package.Length - at < piece ? package.Length - at : piece);
            p.End();
            return p;
        }

        static string Problem(byte[] package) { return Receive(new MemoryStorage(), package, 64).Problem; }

        [TestMethod]
        public void APackageIsCheckedFileByFile()
        {
            byte[] pe = new byte[100];
            for (int i = 0; i < pe.Length; i++) pe[i] = (byte)i;
            MemoryStorage flash = new MemoryStorage();
            FirmwarePackage p = Receive(flash, Package("2.0.0", pe, "App.pe", null), 7);
            Assert.IsNull(p.Problem);
            Assert.AreEqual("2.0.0", p.Version);
            Assert.AreEqual("App.pe", p.Names[0]);
            Assert.AreEqual(100, p.Sizes[0]);
            Assert.AreEqual(100, flash.Read(AppSlots.StagedName("App.pe")).Length, "written as it arrived");
            MemoryStorage refused = new MemoryStorage();
            Assert.AreEqual("App.pe: SHA-256 does not match", Receive(refused, Package("2.0.0", pe, "App.pe", "00" + new string('0', 62)), 64).Problem);
            Assert.IsNull(refused.Read(AppSlots.StagedName("App.pe")), "a refused package leaves no file");
            Assert.AreEqual("file 0 has no plain .pe name", Problem(Package("2.0.0", pe, "../App.pe", null)));
            Assert.AreEqual("the manifest's version is not plain text", Problem(Package("2.0\\n1", pe, "App.pe", null)), "a line break would break the slots' state");
            Assert.AreEqual("not a PowerBrain firmware package (no PBPKG1 line)", Problem(Encoding.UTF8.GetBytes("PK\u0003\u0004 a zip\nwith lines\n")));
            byte[] cut = Package("2.0.0", pe, "App.pe", null);
            byte[] shorter = new byte[cut.Length - 1];
            System.Array.Copy(cut, shorter, shorter.Length);
            Assert.AreEqual("the package ends before its last file", Problem(shorter));
            byte[] longer = new byte[cut.Length + 3];
            System.Array.Copy(cut, longer, cut.Length);
            Assert.AreEqual("the package has bytes after its files", Problem(longer));
            Assert.AreEqual("the package has no manifest line within its first 4096 bytes", Problem(new byte[5000]));
        }

        /// <summary>A package is written to flash as it arrives, whatever the pieces (the ESP32 has
        /// about 100 KB of heap; a package is about 200 KB), byte for byte; a second attempt starts over.</summary>
        [TestMethod]
        public void ALargePackageIsWrittenAsItArrives()
        {
            byte[] pe = new byte[5000];
            for (int i = 0; i < pe.Length; i++) pe[i] = (byte)(i * 13 + i / 256);
            byte[] package = Package("2.0.0", pe, "App.pe", null);
            MemoryStorage flash = new MemoryStorage();
            FirmwarePackage p = new FirmwarePackage(flash, null, null);
            p.Begin();
            p.Write(package, 0, 3000);   // an attempt that breaks off
            p.Begin();
            for (int at = 0; at < package.Length; at += 1000) p.Write(package, at, package.Length - at < 1000 ? package.Length - at : 1000);
            p.End();
            Assert.IsNull(p.Problem);
            byte[] staged = flash.Read(AppSlots.StagedName("App.pe"));
            Assert.AreEqual(pe.Length, staged.Length);
            int differing = -1;
            for (int i = 0; i < pe.Length && differing < 0; i++) if (staged[i] != pe[i]) differing = i;
            Assert.AreEqual(-1, differing, "the first byte that differs");
        }

        static AppSlots Staged(MemoryStorage flash, string version, byte[] pe)
        {
            FirmwarePackage p = Receive(flash, Package(version, pe, "App.pe", null), 1000);
            AppSlots slots = new AppSlots(flash);
            slots.Stage(p.Version, p.Names, -1);
            return slots;
        }

        /// <summary>A start as after a power cycle: the slots are read from flash again.</summary>
        static AppSlots Start(MemoryStorage flash)
        {
            AppSlots slots = new AppSlots(flash);
            slots.Start();
            return slots;
        }

        [TestMethod]
        public void ANewVersionThatNeverBootsIsRolledBackToTheBuiltInOne()
        {
            MemoryStorage flash = new MemoryStorage();
            AppSlots slots = Start(flash);
            Assert.AreEqual("", slots.Running, "the built-in version");
            Assert.AreEqual(0, slots.Files.Length);
            Assert.IsNull(flash.Read(AppSlots.StateBlob), "nothing written for the built-in version");
            Staged(flash, "2.0.0", new byte[] { 1, 2, 3 });
            for (int start = 1; start <= AppSlots.MaxBootAttempts; start++)
            {
                slots = Start(flash);
                Assert.AreEqual("2.0.0", slots.Running, "start " + start);
                Assert.AreEqual("App.pe", slots.Files[0]);
                Assert.IsNotNull(flash.Read("app.App.pe"));
            }
            slots = Start(flash);
            Assert.AreEqual("", slots.Running, "rolled back");
            Assert.AreEqual(0, slots.Files.Length, "nothing to load: the built-in version runs");
            Assert.AreEqual(AppSlots.InstallationFailed, slots.Outcome);
            Assert.IsNull(flash.Read("app.App.pe"), "the failed files are gone");
            slots = Start(flash);
            Assert.AreEqual(AppSlots.InstallationFailed, slots.Outcome, "kept until the backend has heard it");
            slots.Told();
            Assert.AreEqual("", Start(flash).Outcome, "told once");
        }

        [TestMethod]
        public void AnAcceptedVersionStaysAndAFailingNextOneGoesBackToIt()
        {
            MemoryStorage flash = new MemoryStorage();
            Staged(flash, "2.0.0", new byte[] { 2 });
            AppSlots slots = Start(flash);
            Assert.AreEqual(AppSlots.Installed, slots.Outcome);
            Assert.AreEqual("now running version 2.0.0", slots.Note);
            slots.Accepted();
            slots.Told();
            for (int start = 0; start < 5; start++) Assert.AreEqual("2.0.0", Start(flash).Running, "healthy: no longer counted");
            Staged(flash, "3.0.0", new byte[] { 3 });
            for (int start = 0; start < AppSlots.MaxBootAttempts; start++) Assert.AreEqual("3.0.0", Start(flash).Running);
            slots = Start(flash);
            Assert.AreEqual("2.0.0", slots.Running);
            Assert.AreEqual("version 3.0.0 never reached an Accepted boot in 3 starts: back to version 2.0.0", slots.Note);
            Assert.AreEqual((byte)2, flash.Read("app.App.pe")[0], "the old file is back");
            Assert.AreEqual("2.0.0", Start(flash).Running, "and stays");
        }

        /// <summary>The way back is kept while the running version is on trial and dropped before the
        /// next download once it is accepted (flash holds about two versions).</summary>
        [TestMethod]
        public void TheOldFilesGoOnlyOnceTheRunningVersionIsAccepted()
        {
            MemoryStorage flash = new MemoryStorage();
            Staged(flash, "2.0.0", new byte[] { 2 });
            Start(flash).Accepted();
            Staged(flash, "3.0.0", new byte[] { 3 });
            AppSlots slots = Start(flash);
            Assert.AreEqual((byte)2, flash.Read("app-old.App.pe")[0], "2.0.0 is the way back");
            slots.DropOldVersion();
            Assert.IsNotNull(flash.Read("app-old.App.pe"), "kept while 3.0.0 is on trial");
            slots.Accepted();
            slots.DropOldVersion();
            Assert.IsNull(flash.Read("app-old.App.pe"), "dropped once 3.0.0 is accepted");
            Assert.AreEqual((byte)3, flash.Read("app.App.pe")[0]);
        }

        [TestMethod]
        public void AnUnreadableStateRunsTheBuiltInVersion()
        {
            MemoryStorage flash = new MemoryStorage();
            byte[] junk = Encoding.UTF8.GetBytes("running\n=\nattempts=x\u0000");
            flash.Write(AppSlots.StateBlob, junk, 0, junk.Length);
            AppSlots slots = Start(flash);
            Assert.AreEqual("", slots.Running);
            Assert.AreEqual(0, slots.Files.Length);
        }
    }
}
