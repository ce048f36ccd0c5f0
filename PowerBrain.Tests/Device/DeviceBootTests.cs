using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Device;

/// <summary>The boot-and-load path on the nanoCLR (tools/device/boot-test.sh): an application
/// staged by FirmwareSlots is loaded from flash with Assembly.Load(byte[]) and runs; a broken one
/// fails at every start and is rolled back after FirmwareSlots.MaxBootAttempts starts.</summary>
[TestClass]
public sealed class DeviceBootTests
{
    [TestMethod]
    public void AStagedApplicationLoadsFromFlashAndABrokenOneIsRolledBack()
    {
        var (exit, lines, errors) = DeviceScript.Run("boot-test.sh");
        Assert.AreEqual(0, exit, string.Join("\n", lines) + "\n" + errors);
        var boot = lines.Where(l => l.StartsWith("boot: ")).ToList();
        CollectionAssert.AreEqual(new[]
        {
            "boot: running 1.0.0, outcome Installed",
            "boot: the application runs (App, Version=0.0.0.0)",
            "boot: start 1 runs 2.0.0: load failed (ArgumentException)",
            "boot: start 2 runs 2.0.0: load failed (ArgumentException)",
            "boot: start 3 runs 2.0.0: load failed (ArgumentException)",
            "boot: start 4 runs 1.0.0: the application runs (App, Version=0.0.0.0)",
            "boot: outcome InstallationFailed, files back: True",
            "boot: end",
        }, boot, string.Join("\n", boot));
    }
}
