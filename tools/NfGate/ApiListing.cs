using System;
using System.Collections.Generic;
using System.IO;

namespace PowerBrain.NfGate;

/// <summary>One row of api-stable.tsv.</summary>
public sealed class ApiRow
{
    public string DocId, Kind, Namespace, TypePath, Member, Modifiers, TypeOrBases, Parameters, Extra, Signature;
    public string Assembly;
}

/// <summary>A type of the listing with its members and nested types.</summary>
public sealed class ApiType
{
    public string Namespace;
    public string Name;            // simple name with arity, e.g. "Action`1"
    public ApiRow Row;             // the T: row; null when only members were listed
    public readonly List<ApiRow> Members = new();
    public readonly SortedDictionary<string, ApiType> Nested = new(StringComparer.Ordinal);
}

/// <summary>The device API listing: every public type and member of the stable nanoFramework libraries.</summary>
public sealed class ApiListing
{
    public readonly SortedDictionary<string, ApiType> TopLevel = new(StringComparer.Ordinal);
    public readonly List<string> Assemblies = new();
    /// <summary>Which assembly declares a type, keyed "Namespace.Outer+Nested" (arity as `N).</summary>
    public readonly Dictionary<string, string> TypeAssembly = new(StringComparer.Ordinal);
    public int RowCount;

    public static ApiListing Load(string path)
    {
        if (!File.Exists(path))
            throw new GateSetupException($"API listing not found: {path}");
        var listing = new ApiListing();
        string assembly = null;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0) continue;
            if (line.StartsWith("# "))
            {
                // "# name version" starts an assembly; the first comment line is the column legend.
                var parts = line.Substring(2).Split(' ');
                if (parts.Length == 2 && char.IsDigit(parts[1][0])) { assembly = parts[0]; listing.Assemblies.Add(line.Substring(2)); }
                continue;
            }
            var c = line.Split('\t');
            if (c.Length < 10) throw new GateSetupException($"API listing row has {c.Length} columns, expected 10: {line}");
            var row = new ApiRow
            {
                DocId = c[0], Kind = c[1], Namespace = c[2], TypePath = c[3], Member = c[4], Modifiers = c[5],
                TypeOrBases = c[6], Parameters = c[7], Extra = c[8], Signature = c[9], Assembly = assembly,
            };
            listing.RowCount++;
            var type = listing.GetType(row.Namespace, row.TypePath);
            if (row.DocId.StartsWith("T:"))
            {
                type.Row = row;
                listing.TypeAssembly[row.Namespace + "." + row.TypePath] = assembly;
            }
            else type.Members.Add(row);
        }
        if (listing.RowCount == 0) throw new GateSetupException($"API listing is empty: {path}");
        return listing;
    }

    ApiType GetType(string ns, string typePath)
    {
        var names = typePath.Split('+');
        if (!TopLevel.TryGetValue(ns + "." + names[0], out var t))
            TopLevel[ns + "." + names[0]] = t = new ApiType { Namespace = ns, Name = names[0] };
        for (int i = 1; i < names.Length; i++)
        {
            if (!t.Nested.TryGetValue(names[i], out var n))
                t.Nested[names[i]] = n = new ApiType { Namespace = ns, Name = names[i] };
            t = n;
        }
        return t;
    }
}

/// <summary>The gate cannot run: missing or broken input. Never a pass.</summary>
public sealed class GateSetupException(string message) : Exception(message);
