using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Web;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Portable
{
    /// <summary>Every JSON file on flash follows one policy when it cannot be read: kept as NAME.bad,
    /// one error in the log naming it, and the box starts with what an absent file gives.</summary>
    [TestClass]
    public class FlashFileTests
    {
        static readonly string[] Files =
        {
            "settings.json", "energy.json", "ocpp-config.json", "ocpp-tx.json", "ocpp-local-list.json",
            "ocpp-auth-cache.json", "ocpp-profiles.json", "ocpp-state.json", "admin.json",
        };

        [TestMethod]
        public void EveryDamagedFileIsKeptAsBadAndTheBoxStillStarts()
        {
            ScriptBox t = new ScriptBox();
            byte[] garbage = new byte[] { (byte)'{', (byte)'"', (byte)'x', 0xFF, (byte)':' };
            for (int i = 0; i < Files.Length; i++) t.Storage.Write(Files[i], garbage, 0, garbage.Length);
            t.Boot();
            WebSite site = new WebSite(t.Box, null);
            for (int i = 0; i < Files.Length; i++)
            {
                byte[] bad = t.Storage.Read(Files[i] + FlashFile.BadSuffix);
                Assert.IsNotNull(bad, Files[i] + " kept as .bad");
                Assert.AreEqual(garbage.Length, bad.Length);
                Assert.IsTrue(t.Log.Has(Files[i] + " unreadable ("), Files[i] + ":\n" + t.Log.Text);
            }
            Assert.IsTrue(site.Auth.NeedsSetup, "a damaged password file asks for a new password");
            Assert.AreEqual(t.Board.ScriptMeter.EnergyWh, t.Box.Energy.Wh, "the register restarts from the meter");
            Assert.IsTrue(t.Box.OcppClient.Availability.Operative);
            t.Board.ScriptPilot.State = 'C';
            t.Run(2000);
            Assert.IsTrue(t.Box.Status.OfferedDeciAmps >= 60, "and charges: " + t.Box.Status.OfferedDeciAmps);
        }
    }
}
