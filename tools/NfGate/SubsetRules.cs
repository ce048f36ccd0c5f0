using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PowerBrain.NfGate;

/// <summary>
/// What compiles against the device API but does not run on the 1.x runtime: generics of any kind,
/// async, iterators, volatile, tuples, records, nullable value types, decimal, dynamic, multi-dimensional
/// arrays, stackalloc, ranges, enum values turned into text (the device prints the number), a string
/// indexed inside a loop (O(n²) on the device, and wrong for surrogate pairs), and a float or double
/// cast to an integer outside a Clamp… method (the device wraps instead of saturating), and a string
/// array made without StringArrays.New (its elements are not plain nulls on the device).
/// </summary>
public static class SubsetRules
{
    public static IEnumerable<Finding> Check(SemanticModel model)
    {
        var root = model.SyntaxTree.GetRoot();
        var reported = new HashSet<(int, string)>();
        foreach (var node in root.DescendantNodes())
        {
            foreach (var (rule, symbol) in Inspect(model, node))
            {
                var line = node.GetLocation().GetLineSpan();
                if (reported.Add((line.StartLinePosition.Line, rule + symbol)))
                    yield return new Finding(line.Path, line.StartLinePosition.Line + 1, rule, symbol);
            }
        }
    }

    static IEnumerable<(string rule, string symbol)> Inspect(SemanticModel model, SyntaxNode node)
    {
        switch (node)
        {
            case TypeParameterListSyntax tpl:
                yield return ("generic-declaration", tpl.Parent is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or MethodDeclarationSyntax or LocalFunctionStatementSyntax
                    ? DeclaredName(tpl.Parent) + tpl : tpl.ToString());
                break;
            case GenericNameSyntax g:
                yield return ("generic-use", g.ToString());
                break;
            case MethodDeclarationSyntax m when m.Modifiers.Any(SyntaxKind.AsyncKeyword):
                yield return ("async", m.Identifier.Text);
                break;
            case LocalFunctionStatementSyntax lf when lf.Modifiers.Any(SyntaxKind.AsyncKeyword):
                yield return ("async", lf.Identifier.Text);
                break;
            case AnonymousFunctionExpressionSyntax af when af.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword):
                yield return ("async", "lambda");
                break;
            case AwaitExpressionSyntax:
                yield return ("await", node.ToString());
                break;
            case YieldStatementSyntax:
                yield return ("yield", node.ToString());
                break;
            case TupleTypeSyntax or TupleExpressionSyntax:
                yield return ("tuple", node.ToString());
                break;
            case FieldDeclarationSyntax f when f.Modifiers.Any(SyntaxKind.VolatileKeyword):
                yield return ("volatile", f.Declaration.Variables.ToString());
                break;
            case RecordDeclarationSyntax r:
                yield return ("record", r.Identifier.Text);
                break;
            case NullableTypeSyntax n:
                var nt = model.GetTypeInfo(n.ElementType).Type;
                if (nt == null || nt.IsValueType) yield return ("nullable-value-type", n.ToString());
                break;
            case ArrayRankSpecifierSyntax ar when ar.Rank > 1:
                yield return ("multi-dimensional-array", ar.Parent?.ToString() ?? ar.ToString());
                break;
            case StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax:
                yield return ("stackalloc", node.ToString());
                break;
            case RangeExpressionSyntax:
                yield return ("range", node.ToString());
                break;
            case PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.IndexExpression):
                yield return ("index-from-end", node.ToString());
                break;
            case AssignmentExpressionSyntax asg when asg.Left is MemberAccessExpressionSyntax { Name.Identifier.Text: "DutyCycle" }
                     && model.GetConstantValue(asg.Right) is { HasValue: true, Value: var v } && System.Convert.ToDouble(v) > 1.0:
                // PwmChannel.DutyCycle is 0.0–1.0 on nanoFramework; "= 50" compiles and drives the pin flat out.
                yield return ("duty-cycle-range", asg.ToString());
                break;
            case InterpolationSyntax hole when IsEnum(model.GetTypeInfo(hole.Expression).Type):
                yield return ("enum-to-text", hole.Expression.ToString());
                break;
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.AddExpression):
                var lt = model.GetTypeInfo(b.Left).Type; var rt = model.GetTypeInfo(b.Right).Type;
                if ((IsString(lt) && IsEnum(rt)) || (IsEnum(lt) && IsString(rt)))
                    yield return ("enum-to-text", b.ToString());
                break;
            case ElementAccessExpressionSyntax ea when IsString(model.GetTypeInfo(ea.Expression).Type) && InsideLoop(ea):
                // Device strings are UTF-8: s[i] walks from the start (a loop over it is O(n²)) and
                // returns the high surrogate for the low half of a pair.
                yield return ("string-index-in-loop", ea.ToString());
                break;
            case ArrayCreationExpressionSyntax arr when arr.Initializer == null && IsString(model.GetTypeInfo(arr.Type.ElementType).Type)
                     && !IsZeroLength(model, arr) && !InsideStringArraysHelper(arr):
                // The nanoCLR leaves the elements of a fresh string array in a state that is not null:
                // "a[i] == null" is false and "a[i] == text" crashes it. StringArrays.New sets them to null.
                yield return ("string-array-without-nulls", arr.ToString());
                break;
            case CastExpressionSyntax cast when IsIntegral(model.GetTypeInfo(cast.Type).Type)
                     && IsFloating(model.GetTypeInfo(cast.Expression).Type) && !IsRangeChecked(model, cast):
                // The device wraps where desktop saturates: (int)2147483648f is -2147483648 there.
                yield return ("unchecked-float-cast", cast.ToString());
                break;
            case InvocationExpressionSyntax inv
                when inv.Expression is MemberAccessExpressionSyntax ma && ma.Name.Identifier.Text == "ToString"
                     && IsEnum(model.GetTypeInfo(ma.Expression).Type):
                yield return ("enum-to-text", inv.ToString());
                break;
        }

        if (node is ExpressionSyntax or TypeSyntax)
        {
            var type = model.GetTypeInfo(node).Type;
            if (type is INamedTypeSymbol { SpecialType: SpecialType.System_Decimal })
                yield return ("decimal", node.ToString());
            if (type is IDynamicTypeSymbol && node is not IdentifierNameSyntax { Identifier.Text: "var" })
                yield return ("dynamic", node.ToString());
        }

        // Generic methods and generic types reached without writing angle brackets (type inference,
        // members of generic types, lambdas converted to generic delegates).
        if (node is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax
            or ObjectCreationExpressionSyntax or LambdaExpressionSyntax)
        {
            var symbol = model.GetSymbolInfo(node).Symbol;
            if (symbol is IMethodSymbol { IsGenericMethod: true } gm)
                yield return ("generic-use", gm.ToDisplayString());
            else if (symbol?.ContainingType is { IsGenericType: true } ct)
                yield return ("generic-use", ct.ToDisplayString());
            var converted = model.GetTypeInfo(node).ConvertedType as INamedTypeSymbol;
            if (converted is { IsGenericType: true })
                yield return ("generic-use", converted.ToDisplayString());
        }
    }

    static bool IsZeroLength(SemanticModel model, ArrayCreationExpressionSyntax arr) =>
        arr.Type.RankSpecifiers.Count == 1 && arr.Type.RankSpecifiers[0].Sizes.Count == 1
        && model.GetConstantValue(arr.Type.RankSpecifiers[0].Sizes[0]) is { HasValue: true, Value: 0 };

    static bool InsideStringArraysHelper(SyntaxNode n) =>
        n.Ancestors().OfType<ClassDeclarationSyntax>().Any(c => c.Identifier.Text == "StringArrays");

    static string DeclaredName(SyntaxNode n) => n switch
    {
        BaseTypeDeclarationSyntax t => t.Identifier.Text,
        DelegateDeclarationSyntax d => d.Identifier.Text,
        MethodDeclarationSyntax m => m.Identifier.Text,
        LocalFunctionStatementSyntax l => l.Identifier.Text,
        _ => "",
    };

    static bool InsideLoop(SyntaxNode n)
    {
        for (var p = n.Parent; p != null && p is not MemberDeclarationSyntax && p is not AnonymousFunctionExpressionSyntax && p is not LocalFunctionStatementSyntax; p = p.Parent)
            if (p is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForEachStatementSyntax) return true;
        return false;
    }

    static bool IsIntegral(ITypeSymbol t) => t?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16
        or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_UInt16 or SpecialType.System_Byte or SpecialType.System_SByte;

    static bool IsFloating(ITypeSymbol t) => t?.SpecialType is SpecialType.System_Single or SpecialType.System_Double;

    /// <summary>A cast is accepted when its operand is a call of a method whose name says it
    /// clamps (e.g. Saturate.ToInt), or the cast sits in a method named so.</summary>
    static bool IsRangeChecked(SemanticModel model, CastExpressionSyntax cast)
    {
        var method = cast.Ancestors().OfType<MethodDeclarationSyntax>().FirstOrDefault();
        return method != null && method.Identifier.Text.StartsWith("Clamp");
    }

    static bool IsEnum(ITypeSymbol t) => t?.TypeKind == TypeKind.Enum;
    static bool IsString(ITypeSymbol t) => t?.SpecialType == SpecialType.System_String;
}
