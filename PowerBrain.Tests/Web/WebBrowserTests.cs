using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Emulator;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Web;

/// <summary>The page in real headless Chromium (Debian's) driven by playwright-core
/// (PowerBrain.Tests/Peers/web_e2e.js), against the emulator.</summary>
[TestClass]
public sealed class WebBrowserTests
{
    [TestMethod]
    public void AnInstallerSetsUpTheBoxInABrowser()
    {
        var shots = Path.Combine(RepoPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(shots);
        using var pki = new Pki();
        var emu = EmulatorProcess.Start(null, "--no-admin-password");
        string data = emu.DataFolder;
        var (exit, output) = Peer.RunFor(180_000, "node", Peer.Script("web_e2e.js"), "first", $"http://127.0.0.1:{emu.HttpPort}", shots,
                                         pki.P("ca.pem"), pki.P("client-key.pem"));
        Assert.AreEqual(0, exit, output + "\n--- emulator:\n" + emu.Output);
        StringAssert.Contains(output, "ALL OK");
        Assert.IsTrue(new FileInfo(Path.Combine(shots, "status-desktop.png")).Length > 10_000);
        Assert.IsTrue(new FileInfo(Path.Combine(shots, "status-phone.png")).Length > 10_000);
        Assert.AreEqual(0, emu.Interrupt());
        emu.Dispose();

        using var again = EmulatorProcess.Start(data, "--no-admin-password");
        (exit, output) = Peer.RunFor(120_000, "node", Peer.Script("web_e2e.js"), "after-restart", $"http://127.0.0.1:{again.HttpPort}", shots);
        Assert.AreEqual(0, exit, output);
        StringAssert.Contains(output, "settings kept over the restart");
    }
}
