using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Gate;

/// <summary>The device projects pin exactly the kit's package set (kit/ref/versions.tsv), the one
/// whose native checksums match the ESP32 firmware README names.</summary>
[TestClass]
public sealed class PinnedPackagesTests
{
    static readonly string[] Projects = { "PowerBrain.Core/PowerBrain.Core.nfproj", "PowerBrain.Charging/PowerBrain.Charging.nfproj", "PowerBrain.Firmware/PowerBrain.Firmware.nfproj", "PowerBrain.Web/PowerBrain.Web.nfproj", "boards/esp32/PowerBrain.Esp32.nfproj" };

    /// <summary>package id → version, from the kit.</summary>
    static Dictionary<string, string> KitSet()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Shared, "nanoframework", "kit", "ref", "versions.tsv"));
        Assert.IsTrue(lines[0].StartsWith("assembly\tpackage\tversion"), "versions.tsv header: " + lines[0]);
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToDictionary(c => c[1], c => c[2]);
    }

    static Dictionary<string, string> PackagesConfig(string project) =>
        XDocument.Load(Path.Combine(RepoPaths.Root, Path.GetDirectoryName(project)!, "packages.config"))
            .Descendants("package").ToDictionary(p => (string)p.Attribute("id"), p => (string)p.Attribute("version"));

    [TestMethod]
    public void EveryPinEqualsTheKitSet()
    {
        var kit = KitSet();
        Assert.AreEqual(20, kit.Count, "the kit's set has 20 packages");
        var props = XDocument.Load(Path.Combine(RepoPaths.Root, ".nfproj.props"));
        foreach (var project in Projects)
        {
            var packages = PackagesConfig(project);
            foreach (var (id, version) in packages)
            {
                Assert.IsTrue(kit.TryGetValue(id, out var pinned), $"{project}: packages.config names {id}, which is not in the kit's set");
                Assert.AreEqual(pinned, version, $"{project}: packages.config pins {id}");
            }
            var hints = XDocument.Load(Path.Combine(RepoPaths.Root, project)).Descendants()
                .Where(e => e.Name.LocalName == "HintPath").Select(e => e.Value).ToList();
            Assert.IsTrue(hints.Count >= 4, $"{project}: references: {hints.Count}");
            foreach (var hint in hints)
            {
                var m = Regex.Match(hint, @"\$\(NanoFrameworkPackages\)([A-Za-z0-9.]+)\.\$\((\w+)\)\\lib\\");
                Assert.IsTrue(m.Success, "HintPath shape: " + hint);
                string package = m.Groups[1].Value, property = m.Groups[2].Value;
                var version = props.Descendants().FirstOrDefault(e => e.Name.LocalName == property)?.Value;
                Assert.IsNotNull(version, $"{property} is not set in .nfproj.props");
                Assert.IsTrue(kit.TryGetValue(package, out var pinned), $"{project}: {package} is not in the kit's set");
                Assert.AreEqual(pinned, version, $"{project}: .nfproj.props pins {package}");
                Assert.IsTrue(packages.ContainsKey(package), $"{project}: {package} is referenced but not in its packages.config");
            }
            Assert.AreEqual(hints.Count, packages.Count, $"{project}: packages.config lists a package the project does not reference");
        }
    }

    /// <summary>The application deploys the whole set, so a board gets exactly what firmware 1.17.0.30 matches;
    /// the board needs only the websocket client, never the full WebSockets package (it drags in the full Http).</summary>
    [TestMethod]
    public void TheApplicationDeploysTheWholeSetWithTheWebSocketClientPackage()
    {
        var packages = PackagesConfig(Projects[^1]);
        CollectionAssert.AreEquivalent(KitSet().Keys.ToList(), packages.Keys.ToList());
        Assert.IsTrue(packages.ContainsKey("nanoFramework.System.Net.WebSockets.Client"));
        Assert.IsFalse(packages.ContainsKey("nanoFramework.System.Net.WebSockets"));
    }
}
