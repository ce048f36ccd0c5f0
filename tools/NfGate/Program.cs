using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PowerBrain.NfGate;

/// <summary>
/// nfgate --api api-stable.tsv | --assemblies DIR   [--source DIR]...   [--project X.nfproj]   [--emit-standins FILE]
/// --project: also check that every device assembly the sources use is referenced by the project.
/// Exit 0: every file is inside the device subset. Exit 1: findings. Exit 2: the gate could not run.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string api = null, assemblies = null, emit = null, project = null;
        var sources = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new GateSetupException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--api": api = Next(); break;
                    case "--assemblies": assemblies = Next(); break;
                    case "--source": sources.Add(Next()); break;
                    case "--emit-standins": emit = Next(); break;
                    case "--project": project = Next(); break;
                    default: throw new GateSetupException($"unknown argument {args[i]}");
                }
            }
            catch (GateSetupException e) { Console.Error.WriteLine("nfgate: " + e.Message); return 2; }
        }
        try
        {
            if (api == null && assemblies == null)
                throw new GateSetupException("give the device API: --api path/to/api-stable.tsv or --assemblies DIR (real nanoFramework assemblies)");
            if (emit != null && api != null) File.WriteAllText(emit, StandInGenerator.Generate(ApiListing.Load(api)));
            var gate = assemblies != null ? Gate.FromAssemblies(assemblies) : Gate.FromListing(api);
            if (project != null) gate.Project = ProjectReferences.Load(project);
            var files = new List<string>();
            foreach (var s in sources)
            {
                if (!Directory.Exists(s)) throw new GateSetupException($"source folder not found: {s}");
                files.AddRange(Directory.GetFiles(s, "*.cs", SearchOption.AllDirectories)
                    .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                             && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")));
            }
            if (files.Count == 0) throw new GateSetupException("no .cs files to check (give --source DIR)");
            var findings = gate.CheckFiles(files);
            foreach (var f in findings) Console.WriteLine(f);
            Console.WriteLine($"nfgate: {files.Count} files checked against {gate.ReferenceDescription}: {(findings.Count == 0 ? "inside the nanoFramework 1.x subset" : findings.Count + " finding(s)")}");
            return findings.Count == 0 ? 0 : 1;
        }
        catch (GateSetupException e) { Console.Error.WriteLine("nfgate: " + e.Message); return 2; }
    }
}
