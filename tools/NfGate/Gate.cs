using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace PowerBrain.NfGate;

/// <summary>The Reference items of a device project file (.nfproj).</summary>
public sealed class ProjectReferences
{
    public string Name;
    public readonly HashSet<string> References = new(StringComparer.OrdinalIgnoreCase);

    public static ProjectReferences Load(string path)
    {
        if (!File.Exists(path)) throw new GateSetupException($"project file not found: {path}");
        var project = new ProjectReferences { Name = Path.GetFileName(path) };
        var doc = System.Xml.Linq.XDocument.Load(path);
        foreach (var r in doc.Descendants().Where(e => e.Name.LocalName == "Reference"))
            project.References.Add((string)r.Attribute("Include"));
        // mscorlib is always there on the device.
        project.References.Add("mscorlib");
        return project;
    }
}

/// <summary>One place where firmware code leaves the nanoFramework 1.x subset.</summary>
public sealed record Finding(string File, int Line, string Rule, string Symbol)
{
    public override string ToString() => $"{File}:{Line}: {Rule}: {Symbol}";
}

/// <summary>
/// The nanoFramework gate: compiles firmware sources against the device API only (generated
/// stand-ins or real nanoFramework assemblies) and applies the 1.x runtime rules.
/// </summary>
public sealed class Gate
{
    public static readonly string[] DeviceSymbols = { "NANOFRAMEWORK_1_0" };
    readonly IReadOnlyList<MetadataReference> _references;
    readonly IReadOnlyDictionary<string, string> _typeAssembly;
    public string ReferenceDescription { get; }

    /// <summary>The assemblies the device project references (its Reference items); when set, every
    /// device type the sources use must come from one of them, or the real build fails.</summary>
    public ProjectReferences Project { get; set; }

    Gate(IReadOnlyList<MetadataReference> references, string description, IReadOnlyDictionary<string, string> typeAssembly = null)
    {
        _references = references;
        ReferenceDescription = description;
        _typeAssembly = typeAssembly;
    }

    /// <summary>Stand-ins generated from the API listing, compiled into one in-memory core library.</summary>
    public static Gate FromListing(string listingPath)
    {
        var listing = ApiListing.Load(listingPath);
        var source = StandInGenerator.Generate(listing);
        var compilation = CSharpCompilation.Create("mscorlib",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), "standins.g.cs") },
            Array.Empty<MetadataReference>(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Disable));
        using var ms = new MemoryStream();
        var result = compilation.Emit(ms);
        if (!result.Success)
        {
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).Select(d => d.ToString());
            throw new GateSetupException("The device stand-ins did not compile:\n" + string.Join("\n", errors));
        }
        var reference = MetadataReference.CreateFromImage(ms.ToArray());
        return new Gate(new[] { reference },
            $"stand-ins from {Path.GetFileName(listingPath)} ({listing.RowCount} members of {listing.Assemblies.Count} assemblies)",
            listing.TypeAssembly);
    }

    /// <summary>Real nanoFramework assemblies, for example a restored NuGet package folder.</summary>
    public static Gate FromAssemblies(string folder)
    {
        if (!Directory.Exists(folder)) throw new GateSetupException($"Assembly folder not found: {folder}");
        var dlls = Directory.GetFiles(folder, "*.dll", SearchOption.AllDirectories)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToArray();
        if (!dlls.Any(d => Path.GetFileName(d).Equals("mscorlib.dll", StringComparison.OrdinalIgnoreCase)))
            throw new GateSetupException($"No mscorlib.dll (nanoFramework.CoreLibrary) under {folder}");
        return new Gate(dlls.Select(d => (MetadataReference)MetadataReference.CreateFromFile(d)).ToArray(),
            $"{dlls.Length} assemblies under {folder}");
    }

    public IReadOnlyList<Finding> CheckFiles(IEnumerable<string> files)
        => Check(files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), ParseOptions, f, Encoding.UTF8)));

    public IReadOnlyList<Finding> CheckSource(string source, string name = "probe.cs")
        => Check(new[] { CSharpSyntaxTree.ParseText(source, ParseOptions, name) });

    /// <summary>One finding per device assembly that the sources use and the project does not
    /// reference, at its first use.</summary>
    IEnumerable<Finding> MissingReferences(CSharpCompilation compilation, List<SyntaxTree> trees)
    {
        var reported = new HashSet<string>();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(node).Symbol;
                var type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
                if (type == null || type.ContainingAssembly?.Name != "mscorlib") continue;   // firmware's own types
                // Extension methods and inherited members count for the type that declares them.
                string key = MetadataKey(type.OriginalDefinition);
                if (!_typeAssembly.TryGetValue(key, out var assembly) || Project.References.Contains(assembly) || !reported.Add(assembly)) continue;
                var line = node.GetLocation().GetLineSpan();
                yield return new Finding(line.Path, line.StartLinePosition.Line + 1, "project-reference",
                    $"{key} is in {assembly}, which {Project.Name} does not reference");
            }
        }
    }

    static string MetadataKey(INamedTypeSymbol type)
    {
        string name = type.MetadataName;
        for (var outer = type.ContainingType; outer != null; outer = outer.ContainingType) name = outer.MetadataName + "+" + name;
        var ns = type.ContainingNamespace;
        return ns == null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }

    static CSharpParseOptions ParseOptions => new(LanguageVersion.Latest, preprocessorSymbols: DeviceSymbols);

    IReadOnlyList<Finding> Check(IEnumerable<SyntaxTree> trees)
    {
        var list = trees.ToList();
        var compilation = CSharpCompilation.Create("PowerBrain.Firmware", list, _references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        var findings = new List<Finding>();
        using (var ms = new MemoryStream())
        {
            // Emit, not only bind: some missing members (string.Concat overloads, Monitor) show only here.
            EmitResult emitted = compilation.Emit(ms);
            foreach (var d in emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                var span = d.Location.GetLineSpan();
                findings.Add(new Finding(span.Path ?? "?", span.StartLinePosition.Line + 1, "device-api " + d.Id, d.GetMessage()));
            }
        }
        foreach (var tree in list)
            findings.AddRange(SubsetRules.Check(compilation.GetSemanticModel(tree)));
        if (Project != null && _typeAssembly != null) findings.AddRange(MissingReferences(compilation, list));
        return findings.OrderBy(f => f.File).ThenBy(f => f.Line).ToList();
    }
}
