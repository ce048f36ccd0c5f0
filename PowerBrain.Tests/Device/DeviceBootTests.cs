using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Device;

/// <summary>The boot-and-load path on the nanoCLR (tools/device/boot-test.sh), with the boot
/// assembly's AppLoader as the ESP32 boot program calls it: an application staged by AppSlots is
/// loaded from flash with Assembly.Load(byte[]) and its entry runs; a broken one fails to load at
/// every start and is rolled back after AppSlots.MaxBootAttempts starts.</summary>
[TestClass]
public sealed class DeviceBootTests
{
    [TestMethod]
    public void AStagedApplicationLoadsFromFlashAndABrokenOneIsRolledBack()
    {
        var (exit, lines, errors) = DeviceScript.Run("boot-test.sh");
        Assert.AreEqual(0, exit, string.Join("\n", lines) + "\n" + errors);
        var boot = lines.Where(l => l.StartsWith("boot: ") || l.StartsWith("app: ")).ToList();
        CollectionAssert.AreEqual(new[]
        {
            "boot: now running version 1.0.0",
            "app: the application runs (App, Version=0.0.0.0)",
            "boot: start 1 of 1.0.0 (outcome Installed): ran",
            "boot: now running version 2.0.0",
            "boot: start 1 of 2.0.0 (outcome Installed): App.pe of version 2.0.0 does not load (ArgumentException)",
            "boot: start 2 of 2.0.0 (outcome Installed): App.pe of version 2.0.0 does not load (ArgumentException)",
            "boot: start 3 of 2.0.0 (outcome Installed): App.pe of version 2.0.0 does not load (ArgumentException)",
            "boot: version 2.0.0 never reached an Accepted boot in 3 starts: back to version 1.0.0",
            "app: the application runs (App, Version=0.0.0.0)",
            "boot: start 4 of 1.0.0 (outcome InstallationFailed): ran",
            "boot: outcome InstallationFailed, running 1.0.0, files back: True",
            "boot: end",
        }, boot, string.Join("\n", boot));
    }
}
