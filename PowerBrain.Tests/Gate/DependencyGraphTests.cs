using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Gate;

/// <summary>The device assemblies depend on each other in one direction only: the board
/// application on the web site, the web site on the firmware, the firmware on its base
/// (PowerBrain.Core), the base on the boot assembly (PowerBrain.Boot, deployed once), which names
/// nothing of ours; the ESP32 boot program on the boot assembly alone. (tools/device/build.sh proves it again by compiling each alone, in this order.)</summary>
[TestClass]
public sealed class DependencyGraphTests
{
    static readonly string[] Allowed =
    {
        "PowerBrain.Core -> PowerBrain.Boot", "PowerBrain.Charging -> PowerBrain.Boot", "PowerBrain.Firmware -> PowerBrain.Boot",
        "PowerBrain.Web -> PowerBrain.Boot", "PowerBrain.Esp32 -> PowerBrain.Boot", "PowerBrain.Esp32Boot -> PowerBrain.Boot",
        "PowerBrain.Charging -> PowerBrain.Core",
        "PowerBrain.Firmware -> PowerBrain.Core", "PowerBrain.Firmware -> PowerBrain.Charging",
        "PowerBrain.Web -> PowerBrain.Core", "PowerBrain.Web -> PowerBrain.Charging", "PowerBrain.Web -> PowerBrain.Firmware",
        "PowerBrain.Esp32 -> PowerBrain.Core", "PowerBrain.Esp32 -> PowerBrain.Charging", "PowerBrain.Esp32 -> PowerBrain.Firmware", "PowerBrain.Esp32 -> PowerBrain.Web",
    };

    [TestMethod]
    public void TheProjectReferencesAreExactlyTheAllowedOneWayGraph()
    {
        var edges = new List<string>();
        foreach (var project in Directory.GetFiles(RepoPaths.Root, "*.nfproj", SearchOption.AllDirectories))
        {
            var doc = XDocument.Load(project);
            string name = doc.Descendants().First(e => e.Name.LocalName == "AssemblyName").Value;
            foreach (var r in doc.Descendants().Where(e => e.Name.LocalName == "ProjectReference"))
                edges.Add(name + " -> " + Path.GetFileNameWithoutExtension(((string)r.Attribute("Include")).Replace('\\', '/')));
        }
        CollectionAssert.AreEquivalent(Allowed, edges, "edges: " + string.Join(", ", edges));
    }

    /// <summary>The boot assembly is never replaced: it names nothing of the application.</summary>
    [TestMethod]
    public void TheBootAssemblyNamesNothingOfTheApplication()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "PowerBrain.Boot"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains("/obj/") || file.Contains("/bin/")) continue;
            string text = File.ReadAllText(file);
            foreach (Match m in Regex.Matches(text, @"using (PowerBrain\.[A-Za-z.]+);"))
                Assert.IsTrue(m.Groups[1].Value is "PowerBrain.Firmware.Hal" or "PowerBrain.Firmware.Boot", file + " uses " + m.Groups[1].Value);
            Assert.IsFalse(Regex.IsMatch(text, @"\b(Logger|JsonWriter|JsonReader|FlashFile|Settings|Wallbox|OcppClient)\b"), file + " names the application's code");
        }
    }

    /// <summary>The base names nothing of the rooms built on it.</summary>
    [TestMethod]
    public void TheBaseUsesNoRoomAboveIt() =>
        AssertNoMention("PowerBrain.Core", 20, @"PowerBrain\.Firmware\.(Charging|Modbus|Ocpp|Transfer|Web|Meters|History)\b|\bWallbox[.(]|\bnew Wallbox\b|PowerBrain\.Esp32");

    /// <summary>The charging side (Charging, Modbus, Meters) names nothing of OCPP, the wiring or the web.</summary>
    [TestMethod]
    public void TheChargingSideUsesNoOcpp() =>
        AssertNoMention("PowerBrain.Charging", 15, @"PowerBrain\.Firmware\.(Ocpp|Transfer|Web|History)\b|\bOcppClient\b|\bWallbox\b|\bWebApp\b|PowerBrain\.Esp32");

    /// <summary>The firmware names nothing of the web site built on it.</summary>
    [TestMethod]
    public void TheFirmwareUsesNoWebSite() =>
        AssertNoMention("PowerBrain.Firmware", 40, @"PowerBrain\.Firmware\.(Web|History)\b|\bWebApp\b|\bWebSite\b|PowerBrain\.Esp32");

    /// <summary>The settings are below every room that uses them: Config (in the base) names none of them.</summary>
    [TestMethod]
    public void ConfigUsesNoOtherRoom() =>
        AssertNoMention(Path.Combine("PowerBrain.Core", "Config"), 3, @"PowerBrain\.Firmware\.(Charging|Modbus|Ocpp|Web|Meters|History)\b|\b(Ocpp|Modbus|Charging)\.[A-Z]|\bWallbox\b");

    /// <summary>Charging is told by Modbus and OCPP through its own input objects and commands: it
    /// names neither of them.</summary>
    [TestMethod]
    public void ChargingUsesNeitherModbusNorOcpp() =>
        AssertNoMention(Path.Combine("PowerBrain.Charging", "Charging"), 5, @"PowerBrain\.Firmware\.(Modbus|Ocpp|Web|History)\b|\bModbusControl\b|\bOcppClient\b|\bWallbox\b");

    /// <summary>Inside the assemblies the rooms depend one way too: Charging on none, Modbus and OCPP
    /// on Charging (its input objects), Meters on Modbus (the RTU master's CRC), OCPP on Transfer
    /// (uploads); only Wallbox.cs wires them. No room names the Wallbox (it is no service locator).</summary>
    [TestMethod]
    public void TheRoomsOfTheFirmwareDependOneWay()
    {
        var allowed = new Dictionary<string, string[]>
        {
            ["Charging"] = new string[0], ["Modbus"] = new[] { "Charging" }, ["Meters"] = new[] { "Modbus" },
            ["Transfer"] = new string[0], ["Update"] = new string[0], ["Ocpp"] = new[] { "Charging", "Transfer", "Update" },
        };
        var use = new Regex(@"PowerBrain\.Firmware\.(Charging|Modbus|Ocpp|Transfer|Update|Meters|Web|History)\b|\bWallbox\b");
        var literals = new Regex(@"""(?:[^""\\]|\\.)*""|//.*");
        var found = new List<string>();
        foreach (var (room, may) in allowed)
        {
            string assembly = room is "Charging" or "Modbus" or "Meters" ? "PowerBrain.Charging" : "PowerBrain.Firmware";
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, assembly, room), "*.cs", SearchOption.AllDirectories))
            {
                string code = literals.Replace(File.ReadAllText(file), "");
                foreach (Match m in use.Matches(code))
                {
                    string other = m.Groups[1].Success ? m.Groups[1].Value : "Wallbox";
                    if (other != room && !may.Contains(other)) found.Add($"{Path.GetRelativePath(RepoPaths.Root, file)} uses {other}");
                }
            }
        }
        Assert.AreEqual(0, found.Count, string.Join("\n", found.Distinct()));
    }

    /// <summary>The OCPP wing's parts, its incoming handlers and its outgoing calls take the services
    /// they use: none holds the client that puts them together, or the Wallbox.</summary>
    [TestMethod]
    public void NoOcppPartTakesTheClientOrTheWallbox()
    {
        var client = typeof(PowerBrain.Firmware.Ocpp.OcppClient);
        var parts = client.Assembly.GetTypes().Where(t => t.Namespace != null && t.Namespace.StartsWith("PowerBrain.Firmware.Ocpp") && t != client).ToList();
        Assert.IsTrue(parts.Count(t => t.Namespace == "PowerBrain.Firmware.Ocpp.Handlers") >= 18, "handlers: " + parts.Count);
        Assert.IsTrue(parts.Count(t => t.Namespace == "PowerBrain.Firmware.Ocpp.Calls") >= 8, "calls");
        var flags = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic;
        var found = new List<string>();
        foreach (var t in parts)
        {
            foreach (var f in t.GetFields(flags))
                if (f.FieldType == client || f.FieldType == typeof(PowerBrain.Firmware.Wallbox)) found.Add(t.FullName + "." + f.Name);
            foreach (var c in t.GetConstructors(flags))
                foreach (var p in c.GetParameters())
                    if (p.ParameterType == client || p.ParameterType == typeof(PowerBrain.Firmware.Wallbox)) found.Add(t.FullName + "(" + p.Name + ")");
        }
        Assert.AreEqual(0, found.Count, string.Join("\n", found));
    }

    static void AssertNoMention(string folder, int atLeastFiles, string pattern)
    {
        var above = new Regex(pattern);
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)).ToList();
        Assert.IsTrue(files.Count > atLeastFiles, "files: " + files.Count);
        var offenders = files.Where(f => above.IsMatch(File.ReadAllText(f))).Select(f => Path.GetRelativePath(RepoPaths.Root, f)).ToList();
        Assert.AreEqual(0, offenders.Count, string.Join("\n", offenders));
    }
}
