using System.Collections.Immutable;
using GilScan.Analysis.Confirmation;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Constants;
using GilScan.Semantics.Declarations;
using Ast = GilScan.Syntax.Ast;

namespace GilScan.Rules.Shared;

/// <summary>
/// The typed <see cref="ConfirmationRequest"/>s rules attach to their findings: what the semantic model
/// already knows about the flagged function (its module, the folder it imports from, whether it can be
/// called with no arguments) and the call site's folded arguments as <see cref="PythonValue"/>s.
/// </summary>
public static class ConfirmationRequests
{
    /// <summary>A request to call <paramref name="function"/> and measure it. <paramref name="state"/> is the
    /// shared state a lost-update measurement reads; for one on the receiver's attribute, the harness makes the
    /// instance, so <c>self</c> counts as given.</summary>
    public static CallableConfirmationRequest Call(ProjectFunction function, ConfirmationKind kind, FoldedCall? arguments, SharedState? state = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new CallableConfirmationRequest
        {
            Kind = kind,
            Module = function.Module.Name,
            Function = function.DisplayName,
            // An installed package's module imports as installed; the project's from the folder its name needs.
            ImportRoot = function.Module.Entry.IsLibrary ? null : function.Module.Entry.ImportRoot,
            Arguments = arguments,
            Parameters = ParametersOf(function, onInstance: state?.Kind == "receiver-attribute"),
            State = state,
        };
    }

    /// <summary>The folded arguments as Python values, when each of them has one; null otherwise.</summary>
    public static FoldedCall? Arguments(IEnumerable<FoldedValue?> positional, IEnumerable<(string Name, FoldedValue? Value)> keywords)
    {
        var values = ImmutableArray.CreateBuilder<PythonValue>();
        foreach (var argument in positional)
        {
            if (ValueOf(argument) is not { } value)
            {
                return null;
            }

            values.Add(value);
        }

        var named = ImmutableSortedDictionary.CreateBuilder<string, PythonValue>(StringComparer.Ordinal);
        foreach (var (name, argument) in keywords)
        {
            if (ValueOf(argument) is not { } value)
            {
                return null;
            }

            named[name] = value;
        }

        return new FoldedCall(values.ToImmutable(), named.ToImmutable());
    }

    /// <summary>
    /// A folded constant as the Python value the harness passes: exactly the constants that have a Python
    /// literal (<see cref="PythonLiterals"/>, which writes the same values into the finding's SARIF
    /// properties), so a finding shows arguments exactly when it can be confirmed with them.
    /// </summary>
    public static PythonValue? ValueOf(FoldedValue? value) => PythonLiterals.Of(value) is null ? null : Convert(value);

    private static PythonValue? Convert(FoldedValue? value) => value switch
    {
        IntValue i => new PythonValue.Int(i.Value),
        FloatValue f => new PythonValue.Float(f.Value),
        BoolValue b => new PythonValue.Bool(b.Value),
        NoneValue => PythonValue.None,
        BufferValue { Text: { } text, IsBytes: false } => new PythonValue.Str(text),
        // A bytes buffer keeps one byte per character; a character past 0xff is not a byte.
        BufferValue { Text: { } text, IsBytes: true } when text.All(c => c <= '\xff') => new PythonValue.Bytes([.. text.Select(c => (byte)c)]),
        SequenceValue { Items: { } items, TypeName: "builtins.tuple" or "builtins.list" } sequence =>
            items.Select(Convert).ToList() is var converted && converted.All(v => v is not null)
                ? new PythonValue.Sequence([.. converted!], isTuple: sequence.TypeName == "builtins.tuple")
                : null,
        _ => null,
    };

    /// <summary>
    /// Whether the harness can call <paramref name="function"/> with no arguments: every parameter has a
    /// default, less a classmethod's class and, when <paramref name="onInstance"/>, the receiver of an
    /// instance method. A function nested in another cannot be reached by its qualified name (Unknown).
    /// </summary>
    private static ParameterNeed ParametersOf(ProjectFunction function, bool onInstance)
    {
        for (var scope = function.Scope.Parent; scope is not null; scope = scope.Parent)
        {
            if (scope.Kind is ScopeKind.Function or ScopeKind.Lambda)
            {
                return ParameterNeed.Unknown;
            }
        }

        var (parameters, decorators) = function.Node switch
        {
            Ast.FunctionDef def => (def.Args, def.DecoratorList),
            Ast.AsyncFunctionDef def => (def.Args, def.DecoratorList),
            _ => (null, null),
        };
        if (parameters is null || decorators is null)
        {
            return ParameterNeed.Unknown;
        }

        var positional = parameters.Posonlyargs.Count + parameters.Args.Count;
        var required = positional - parameters.Defaults.Count + parameters.KwDefaults.Count(d => d is null);
        var inClass = function.Class is not null;

        // Class.method reached through the class: a classmethod has its class bound; a staticmethod has no
        // receiver; a plain method needs an instance, which only the harness (onInstance) can make.
        if (inClass && decorators.Any(d => d is Ast.Name { Id: "classmethod" }) && positional > parameters.Defaults.Count)
        {
            required--;
        }
        else if (inClass && onInstance && !decorators.Any(d => d is Ast.Name { Id: "staticmethod" }) && positional > parameters.Defaults.Count)
        {
            required--;
        }

        return required > 0 ? ParameterNeed.Required : ParameterNeed.None;
    }
}
