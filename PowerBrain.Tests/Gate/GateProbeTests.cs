using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PowerBrain.NfGate;
using PowerBrain.Tests.Support;

namespace PowerBrain.Tests.Gate;

/// <summary>The nanoFramework gate against probes whose verdict is known.</summary>
[TestClass]
public sealed class GateProbeTests
{
    static PowerBrain.NfGate.Gate _gate;

    [ClassInitialize]
    public static void Init(TestContext _) => _gate = PowerBrain.NfGate.Gate.FromListing(RepoPaths.ApiListing);

    static string Probe(string body) => "using System; using System.Collections; using System.Net.WebSockets;\n" +
                                        "namespace Probe { public class P { public void M() {\n" + body + "\n} } }";

    [TestMethod]
    public void ListOfIntFails()
    {
        var f = _gate.CheckSource(Probe("var l = new System.Collections.Generic.List<int>();"));
        Assert.IsTrue(f.Any(x => x.Rule == "generic-use" && x.Symbol.Contains("List<int>")), string.Join("\n", f));
        Assert.IsTrue(f.Any(x => x.Rule.StartsWith("device-api")), "List<T> does not exist on the device");
    }

    [TestMethod]
    public void ActionOfIntFailsAlthoughItCompiles()
    {
        var f = _gate.CheckSource(Probe("Action<int> a = x => { }; a(1);"));
        Assert.IsFalse(f.Any(x => x.Rule.StartsWith("device-api")), "Action<T> is in the device listing: " + string.Join("\n", f));
        Assert.IsTrue(f.Any(x => x.Rule == "generic-use" && x.Line == 3), string.Join("\n", f));
    }

    [TestMethod]
    public void ArrayListAndClientWebSocketConnectWithHeadersPass()
    {
        var f = _gate.CheckSource(Probe(
            "var list = new ArrayList(); list.Add(\"x\");\n" +
            "var headers = new ClientWebSocketHeaders(); headers[\"Sec-WebSocket-Protocol\"] = \"ocpp1.6\";\n" +
            "var ws = new ClientWebSocket(new ClientWebSocketOptions()); ws.Connect(\"ws://127.0.0.1/ocpp/WB-1\", headers);\n" +
            "bool open = ws.State == System.Net.WebSockets.WebSocketFrame.WebSocketState.Open;"));
        Assert.AreEqual(0, f.Count, string.Join("\n", f));
    }

    [TestMethod]
    public void ClientWebSocketConnectWithAWrongArgumentListFails()
    {
        var f = _gate.CheckSource(Probe("var ws = new ClientWebSocket(); ws.Connect(new Uri(\"ws://x\"), System.Threading.CancellationToken.None);"));
        Assert.IsTrue(f.Any(x => x.Rule.StartsWith("device-api") && x.Line == 3), string.Join("\n", f));
    }

    [TestMethod]
    [DataRow("var s = string.Join(\",\", new string[0]);", "device-api")]
    [DataRow("bool d = char.IsDigit('1');", "device-api")]
    [DataRow("var n = Enum.GetNames(typeof(DayOfWeek));", "device-api")]
    [DataRow("int? n = null;", "nullable-value-type")]
    [DataRow("var t = (1, 2);", "tuple")]
    [DataRow("decimal d = 1m;", "decimal")]
    [DataRow("int[,] m = new int[2, 2];", "multi-dimensional-array")]
    [DataRow("var s = \"day \" + DayOfWeek.Monday;", "enum-to-text")]
    [DataRow("var s = $\"{DayOfWeek.Monday}\";", "enum-to-text")]
    [DataRow("var s = DayOfWeek.Monday.ToString();", "enum-to-text")]
    [DataRow("var x = System.Threading.Tasks.Task.Delay(1);", "device-api")]
    [DataRow("var p = System.Device.Pwm.PwmChannel.CreateFromPin(25, 1000); p.DutyCycle = 50;", "duty-cycle-range")]
    [DataRow("var a = new string[3]; bool b = a[1] == \"x\";", "string-array-without-nulls")]
    public void DeviceGapsAreReported(string body, string rule)
    {
        var f = _gate.CheckSource(Probe(body));
        Assert.IsTrue(f.Any(x => x.Rule.StartsWith(rule) && x.Line == 3), $"expected {rule}, got:\n" + string.Join("\n", f));
    }

    [TestMethod]
    [DataRow("var a = new string[0];")]
    [DataRow("var a = new string[] { \"a\", \"b\" };")]
    [DataRow("var a = new object[3];")]
    public void StringArraysFilledAtOnceOrEmptyPass(string body)
    {
        var f = _gate.CheckSource(Probe(body));
        Assert.IsFalse(f.Any(x => x.Rule == "string-array-without-nulls"), string.Join("\n", f));
    }

    [TestMethod]
    [DataRow("public class G<T> { }", "generic-declaration")]
    [DataRow("public class A { public async void M() { } }", "async")]
    [DataRow("public class A { public IEnumerable M() { yield return 1; } }", "yield")]
    [DataRow("public record R(int X);", "record")]
    [DataRow("public class A { public T Id<T>(T x) => x; }", "generic-declaration")]
    [DataRow("public class A { volatile bool _b; }", "volatile")]
    public void DeclarationsOutsideTheSubsetAreReported(string decl, string rule)
    {
        var f = _gate.CheckSource("using System; using System.Collections; namespace Probe {\n" + decl + "\n}");
        Assert.IsTrue(f.Any(x => x.Rule.StartsWith(rule) && x.Line == 2), $"expected {rule}, got:\n" + string.Join("\n", f));
    }

    [TestMethod]
    public void FindingsNameFileLineAndSymbol()
    {
        var f = _gate.CheckSource(Probe("bool d = char.IsLetter('x');"), "Ocpp/Probe.cs");
        var text = f.Single().ToString();
        StringAssert.StartsWith(text, "Ocpp/Probe.cs:3: device-api CS0117:");
        StringAssert.Contains(text, "IsLetter");
    }

    [TestMethod]
    public void WithoutAnApiTheGateFailsLoudly()
    {
        // A folder of this test's own: the system temp folder may hold any mscorlib.dll.
        var empty = Directory.CreateTempSubdirectory("pb-gate-").FullName;
        try
        {
            Assert.ThrowsExactly<GateSetupException>(() => PowerBrain.NfGate.Gate.FromListing(Path.Combine(empty, "no-such-api.tsv")));
            Assert.ThrowsExactly<GateSetupException>(() => PowerBrain.NfGate.Gate.FromAssemblies(empty));
        }
        finally { Directory.Delete(empty, true); }
        Assert.AreEqual(2, PowerBrain.NfGate.Program.Main(new[] { "--source", RepoPaths.Root }));
    }

    static string WriteProject(params string[] references)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("pb-gate-").FullName, "probe.nfproj");
        File.WriteAllText(path, "<Project xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\"><ItemGroup>" +
            string.Concat(references.Select(r => $"<Reference Include=\"{r}\" />")) + "</ItemGroup></Project>");
        return path;
    }

    [TestMethod]
    public void ADeviceAssemblyTheProjectDoesNotReferenceIsAFinding()
    {
        var gate = PowerBrain.NfGate.Gate.FromListing(RepoPaths.ApiListing);
        string spiUse = Probe("var d = System.Device.Spi.SpiDevice.Create(new System.Device.Spi.SpiConnectionSettings(1, 5)); var l = new ArrayList();");
        var without = WriteProject("System.Device.Gpio");
        gate.Project = ProjectReferences.Load(without);
        var f = gate.CheckSource(spiUse);
        Assert.AreEqual(1, f.Count(x => x.Rule == "project-reference"), string.Join("\n", f));
        StringAssert.Contains(f.Single(x => x.Rule == "project-reference").Symbol, "System.Device.Spi.SpiDevice is in System.Device.Spi, which");
        Assert.IsFalse(f.Any(x => x.Symbol.Contains("ArrayList")), "ArrayList is mscorlib's, always there");

        gate.Project = ProjectReferences.Load(WriteProject("System.Device.Spi"));
        Assert.AreEqual(0, gate.CheckSource(spiUse).Count, "referenced: no finding");
    }
}
