using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace PowerBrain.NfGate;

/// <summary>
/// Turns the API listing into C# declarations whose bodies throw: a compile-only stand-in of the
/// device libraries. It is compiled as one core library (it declares System.Object), so nothing of
/// the desktop BCL can leak in.
/// </summary>
public static class StandInGenerator
{
    static readonly Dictionary<string, string> OperatorTokens = new()
    {
        ["op_Addition"] = "+", ["op_Subtraction"] = "-", ["op_Equality"] = "==", ["op_Inequality"] = "!=",
        ["op_GreaterThan"] = ">", ["op_GreaterThanOrEqual"] = ">=", ["op_LessThan"] = "<", ["op_LessThanOrEqual"] = "<=",
        ["op_UnaryNegation"] = "-", ["op_UnaryPlus"] = "+",
    };

    public static string Generate(ApiListing listing)
    {
        var sb = new StringBuilder();
        sb.AppendLine("// Generated from api-stable.tsv by tools/NfGate. Compile-only: every body throws.");
        sb.AppendLine("#pragma warning disable");
        foreach (var group in listing.TopLevel.Values.GroupBy(t => t.Namespace))
        {
            sb.Append("namespace ").Append(group.Key).AppendLine(" {");
            foreach (var type in group) WriteType(sb, type, 1);
            sb.AppendLine("}");
        }
        return sb.ToString();
    }

    static string CSharpName(ApiType t)
    {
        int tick = t.Name.IndexOf('`');
        if (tick < 0) return t.Name;
        return t.Name.Substring(0, tick) + (t.Row?.Extra ?? "");
    }

    static string Bare(ApiType t) { int tick = t.Name.IndexOf('`'); return tick < 0 ? t.Name : t.Name.Substring(0, tick); }

    static void WriteType(StringBuilder sb, ApiType t, int depth)
    {
        var ind = new string(' ', depth * 2);
        var row = t.Row;
        string kind = row?.Kind ?? "class";
        string mods = row?.Modifiers ?? "public";
        string name = CSharpName(t);
        string bases = row?.TypeOrBases ?? "";
        if (t.Namespace == "System" && t.Name == "Object") bases = "";

        if (kind == "delegate")
        {
            sb.Append(ind).Append(mods).Append(" delegate ").Append(bases).Append(' ').Append(name)
              .Append('(').Append(row.Parameters).AppendLine(");");
            return;
        }
        if (kind == "enum")
        {
            sb.Append(ind).Append(mods).Append(" enum ").Append(name);
            if (bases.Length > 0) sb.Append(" : ").Append(bases);
            sb.AppendLine(" {");
            foreach (var m in t.Members.Where(m => m.Kind == "enumvalue"))
                sb.Append(ind).Append("  ").Append(m.Member).Append(" = ").Append(m.Extra).AppendLine(",");
            sb.Append(ind).AppendLine("}");
            return;
        }

        bool isInterface = kind == "interface";
        bool isStruct = kind == "struct";
        bool isStatic = mods.Contains("static");
        bool isSealed = mods.Contains("sealed");
        // System.ValueType and System.Enum keep their listed bases; Roslyn needs them as classes.
        sb.Append(ind).Append(mods).Append(isStruct ? " partial struct " : isInterface ? " partial interface " : " partial class ").Append(name);
        if (bases.Length > 0) sb.Append(" : ").Append(bases);
        sb.AppendLine(" {");

        if (!isInterface && !isStruct && !isStatic && !t.Members.Any(m => m.Kind == "ctor" && m.Parameters.Length == 0))
        {
            // Hides the implicit public constructor the device does not have, and lets stand-in
            // subclasses chain to it without arguments.
            sb.Append(ind).Append("  ").Append(isSealed ? "private " : "private protected ").Append(Bare(t)).AppendLine("() { }");
        }

        foreach (var m in t.Members) WriteMember(sb, t, m, ind + "  ", isInterface);
        foreach (var n in t.Nested.Values) WriteType(sb, n, depth + 1);
        sb.Append(ind).AppendLine("}");
    }

    static void WriteMember(StringBuilder sb, ApiType t, ApiRow m, string ind, bool inInterface)
    {
        bool isAbstract = m.Modifiers.Contains("abstract") || inInterface;
        string body = isAbstract ? ";" : " { throw null; }";
        string accessors = Accessors(m.Extra, isAbstract);
        sb.Append(ind);
        switch (m.Kind)
        {
            case "ctor":
                if (m.Modifiers.Contains("static")) { sb.AppendLine(); return; }
                sb.Append(m.Modifiers).Append(' ').Append(Bare(t)).Append('(').Append(m.Parameters).AppendLine(") { }");
                break;
            case "method":
                if (m.Member == "Finalize") { sb.Append('~').Append(Bare(t)).AppendLine("() { }"); break; }
                sb.Append(m.Modifiers).Append(' ').Append(m.TypeOrBases).Append(' ').Append(m.Member)
                  .Append('(').Append(m.Parameters).Append(')').AppendLine(body);
                break;
            case "operator":
                sb.Append(m.Modifiers).Append(' ');
                if (m.Member == "op_Implicit" || m.Member == "op_Explicit")
                    sb.Append(m.Member == "op_Implicit" ? "implicit" : "explicit").Append(" operator ").Append(m.TypeOrBases);
                else
                    sb.Append(m.TypeOrBases).Append(" operator ").Append(OperatorTokens[m.Member]);
                sb.Append('(').Append(m.Parameters).AppendLine(") { throw null; }");
                break;
            case "property":
                sb.Append(m.Modifiers).Append(' ').Append(m.TypeOrBases).Append(' ').Append(m.Member).AppendLine(accessors);
                break;
            case "indexer":
                sb.Append(m.Modifiers).Append(' ').Append(m.TypeOrBases).Append(" this[").Append(m.Parameters).Append(']').AppendLine(accessors);
                break;
            case "field":
                sb.Append(m.Modifiers).Append(' ').Append(m.TypeOrBases).Append(' ').Append(m.Member).AppendLine(";");
                break;
            case "const":
                sb.Append(m.Modifiers).Append(' ').Append(m.TypeOrBases).Append(' ').Append(m.Member).Append(" = ").Append(m.Extra).AppendLine(";");
                break;
            case "event":
                sb.Append(m.Modifiers).Append(" event ").Append(m.TypeOrBases).Append(' ').Append(m.Member)
                  .AppendLine(isAbstract ? ";" : " { add { } remove { } }");
                break;
            case "explicit-impl":
                if (m.DocId.StartsWith("P:"))
                {
                    string member = m.Member.EndsWith(".this[]")
                        ? m.Member.Substring(0, m.Member.Length - 2) + "[" + m.Parameters + "]"
                        : m.Member;
                    sb.Append(m.TypeOrBases).Append(' ').Append(member).AppendLine(Accessors(m.Extra, false));
                }
                else
                    sb.Append(m.TypeOrBases).Append(' ').Append(m.Member).Append('(').Append(m.Parameters).AppendLine(") { throw null; }");
                break;
            default:
                throw new GateSetupException($"Unknown member kind '{m.Kind}' in {m.DocId}");
        }
    }

    static string Accessors(string extra, bool isAbstract)
    {
        var sb = new StringBuilder(" {");
        foreach (var acc in extra.Split(';', StringSplitOptions.RemoveEmptyEntries))
            sb.Append(' ').Append(acc.Trim()).Append(isAbstract ? ";" : " { throw null; }");
        return sb.Append(" }").ToString();
    }
}
