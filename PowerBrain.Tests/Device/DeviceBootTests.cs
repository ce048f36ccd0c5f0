using System.Diagnostics;
using System.IO;
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
        var psi = new ProcessStartInfo("bash", Path.Combine(RepoPaths.Root, "tools", "device", "boot-test.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        psi.Environment["PB_SHARED"] = RepoPaths.Shared;
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.AreEqual(0, p.ExitCode, output + "\n" + stderr.Result);
        var boot = output.Split('\n').Where(l => l.StartsWith("boot: ")).ToList();
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
