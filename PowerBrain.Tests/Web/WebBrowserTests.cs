using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Emulator;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Web;

/// <summary>The page in real headless Chromium (Debian's) driven by playwright-core
/// (PowerBrain.Tests/Peers/web_e2e.js), against the emulator process: set-up, every kind of
/// control, the reason for each deciding side, the chart, sessions and CSV, diagnostics, the phone
/// layout, a restart, and a kill in the middle of a session. The screenshots it takes are the
/// README's (docs/screenshots).</summary>
[TestClass]
public sealed class WebBrowserTests
{
    [TestMethod]
    public void AnOwnerSetsUpChargesAndReadsTheHistoryInABrowser()
    {
        var shots = Path.Combine(RepoPaths.Root, "docs", "screenshots");
        Directory.CreateDirectory(shots);
        using var pki = new Pki();
        var emu = EmulatorProcess.Start(null, "--no-admin-password");
        string data = emu.DataFolder;
        var (exit, output) = Peer.RunFor(300_000, "node", Peer.Script("web_e2e.js"), "first", $"http://127.0.0.1:{emu.HttpPort}", shots,
                                         emu.ModbusPort.ToString(), pki.P("ca.pem"), pki.P("client-key.pem"));
        Assert.AreEqual(0, exit, output + "\n--- emulator:\n" + emu.Output);
        StringAssert.Contains(output, "ALL OK");
        foreach (var shot in new[] { "status-desktop", "sessions-desktop", "settings-desktop", "status-phone", "sessions-phone", "settings-phone" })
            Assert.IsTrue(new FileInfo(Path.Combine(shots, shot + ".png")).Length > 10_000, shot);
        Assert.AreEqual(0, emu.Interrupt());
        emu.Dispose();

        var again = EmulatorProcess.Start(data, "--no-admin-password");
        (exit, output) = Peer.RunFor(120_000, "node", Peer.Script("web_e2e.js"), "after-restart", $"http://127.0.0.1:{again.HttpPort}", shots);
        Assert.AreEqual(0, exit, output + "\n--- emulator:\n" + again.Output);
        StringAssert.Contains(output, "settings kept over the restart");
        // The car is plugged in: a power cut ends the process without any saving.
        again.Kill();
        again.Dispose();

        using var revived = EmulatorProcess.Start(data, "--no-admin-password");
        (exit, output) = Peer.RunFor(120_000, "node", Peer.Script("web_e2e.js"), "after-power-cut", $"http://127.0.0.1:{revived.HttpPort}", shots);
        Assert.AreEqual(0, exit, output + "\n--- emulator:\n" + revived.Output);
        StringAssert.Contains(output, "closed with PowerLoss");
    }

    /// <summary>A backend's charging profile, sent by the strict ocpp-rpc CSMS, is named on the page
    /// with the time its limit ends.</summary>
    [TestMethod]
    public void TheBackendsProfileIsNamedWithItsEnd()
    {
        using var rig = new OcppRig();
        rig.Csms.WaitStatus("Available");
        rig.Post("/api/ev/plug");
        rig.Post("/api/ev/charge", "{\"requestAmps\":32}");
        rig.Csms.WaitCall("StartTransaction");
        var now = DateTime.UtcNow;
        var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc).AddMinutes(-1);
        var profile = new
        {
            chargingProfileId = 5, stackLevel = 0, chargingProfilePurpose = "TxDefaultProfile", chargingProfileKind = "Absolute",
            chargingSchedule = new
            {
                chargingRateUnit = "A", startSchedule = start.ToString("yyyy-MM-ddTHH:mm:ssZ"),
                chargingSchedulePeriod = new object[] { new { startPeriod = 0, limit = 6.0 }, new { startPeriod = 7200, limit = 16.0 } },
            },
        };
        Assert.AreEqual("Accepted", (string)rig.Csms.Call("SetChargingProfile", new { connectorId = 1, csChargingProfiles = profile })["status"]);
        string until = start.AddSeconds(7200).ToString("HH:mm");
        var (exit, output) = Peer.RunFor(120_000, "node", Peer.Script("web_e2e.js"), "ocpp-profile", $"http://127.0.0.1:{rig.Emu.HttpPort}",
                                         Path.GetTempPath(), EmulatorProcess.AdminPassword, until);
        Assert.AreEqual(0, exit, output + "\n--- emulator:\n" + rig.Emu.Output);
        StringAssert.Contains(output, "charging profile 5 until " + until + " UTC");
        rig.Csms.AssertNoValidationFailures();
    }
}
