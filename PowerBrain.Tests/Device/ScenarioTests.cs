using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Scenario;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Device;

/// <summary>The whole wallbox through the same deterministic script on desktop .NET (in this
/// process) and on the real nanoFramework runtime (the kit's nanoCLR): every line must agree.</summary>
[TestClass]
public sealed class ScenarioTests
{
    static List<string> OnDesktop()
    {
        var lines = new List<string>();
        new WallboxScript(l => { lock (lines) lines.Add(l); }).Run();
        return lines;
    }

    static List<string> OnNanoClr()
    {
        var (exit, lines, errors) = DeviceScript.Run("scenario.sh");
        Assert.AreEqual(0, exit, "the scenario on the nanoCLR failed:\n" + string.Join("\n", lines) + "\n" + errors);
        return lines;
    }

    [TestMethod]
    public void TheWallboxScenarioGivesTheSameLinesOnDesktopAndOnTheNanoClr()
    {
        var desktop = OnDesktop();
        var device = OnNanoClr();
        Assert.AreEqual(WallboxScript.EndLine, desktop[^1], "desktop run did not finish");
        for (int i = 0; i < System.Math.Min(desktop.Count, device.Count); i++)
            Assert.AreEqual(desktop[i], device[i], $"line {i + 1} differs (desktop, then nanoCLR)");
        Assert.AreEqual(desktop.Count, device.Count, "number of lines");
        // The script reached what it is there for.
        CollectionAssert.Contains(desktop, "modbus unknown register 7000: exception 2: 01 83 02 C0 F1");
        Assert.IsTrue(desktop.Exists(l => l.Contains("\"reason\":\"PowerLoss\"")), "PowerLoss stop after the power cut");
        Assert.IsTrue(desktop.Exists(l => l.StartsWith("→ [3,\"cs-4\",{\"status\":\"Accepted\"}]")), "SetChargingProfile with validTo 9999 accepted");
        Assert.IsTrue(desktop.Exists(l => l.Contains("\"unknownKey\":[\"Zähler 😀 🔌\"]")), "emoji round-trip");
        CollectionAssert.Contains(desktop, "reason: auth-waiting: Waiting for the backend to authorize FREE");
        Assert.IsTrue(desktop.Exists(l => l.StartsWith("reason: limit-ocpp: Charging at 8.0 A, limited to 8.0 A by the backend's charging profile 7")), "the profile named");
        Assert.IsTrue(desktop.Exists(l => l.StartsWith("session: ") && l.Contains(",FREE,PowerLoss,1,101 -> transaction 101, backend received yes")), "the session cut by the power loss");
        Assert.IsTrue(desktop.Exists(l => l.StartsWith("session: ") && l.Contains(",EVDisconnected,")), "the session after the restart, ended by the unplug");
        Assert.IsFalse(desktop.Exists(l => l.StartsWith("log E ")), "no error in the log:\n" + string.Join("\n", desktop));
    }
}
