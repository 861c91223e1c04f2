using GilScan.Analysis.Diagnostics;
using GilScan.Rules.Shared;
using GilScan.Semantics;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Values;
using GilScan.Syntax.Ast;
using Attribute = GilScan.Syntax.Ast.Attribute;
using Tuple = GilScan.Syntax.Ast.Tuple;

namespace GilScan.Rules.FreeThreading;

/// <summary>
/// What <c>--confirm</c> needs to measure lost updates of a GIL501 finding, as SARIF properties: the state
/// the harness reads before and after (<c>state-kind</c> "global", "class-attribute" or "receiver-attribute";
/// <c>state-module</c>; <c>state-path</c>, dotted inside the module or the attribute of the receiver;
/// <c>state-items</c> when the update is on a container's items), and, when every argument of the start
/// folds to a constant, <c>arguments</c>/<c>keywords</c> as Python literals. Only read-modify-writes have an
/// expected sequential result; a check-then-act has none and gets no such properties.
/// </summary>
public static class LostUpdateTarget
{
    public static IEnumerable<KeyValuePair<string, PropertyValue>> Of(ProjectModel model, UnsynchronisedUpdate update)
    {
        var shown = update.Shown;
        if (shown.Access.Kind != AccessKind.ReadModifyWrite || State(model, shown) is not { } state)
        {
            yield break;
        }

        yield return KeyValuePair.Create("state-kind", (PropertyValue)state.Kind);
        if (state.Module is not null)
        {
            yield return KeyValuePair.Create("state-module", (PropertyValue)state.Module);
        }

        yield return KeyValuePair.Create("state-path", (PropertyValue)state.Path);
        yield return KeyValuePair.Create("state-items", (PropertyValue)state.Items);
        if (Arguments(model, shown.Context.Entry) is { } folded)
        {
            yield return KeyValuePair.Create("arguments", PropertyValue.List(folded.Positional));
            yield return KeyValuePair.Create("keywords", PropertyValue.Dictionary(folded.Keywords.Select(k => KeyValuePair.Create(k.Key, (PropertyValue)k.Value))));
        }
    }

    private sealed record StateAddress(string Kind, string? Module, string Path, bool Items);

    private static StateAddress? State(ProjectModel model, SharedAccess shown)
    {
        var items = false;
        var expression = shown.Access.State;
        if (expression is Subscript item)
        {
            items = true;
            expression = item.Value;
        }

        var module = shown.Context.Function.Module;
        switch (expression)
        {
            case Name name when CodeShapes.SymbolOf(module, name) is { Scope.Kind: ScopeKind.Module } symbol:
                return new StateAddress("global", symbol.Scope.Module.Name, symbol.Name, items);
            case Attribute attribute:
                switch (model.Values.Evaluate(attribute.Value).Single)
                {
                    case ModuleValue { IsProject: true } m:
                        return new StateAddress("global", m.Name, attribute.Attr, items);
                    case ClassValue c when !c.Class.DisplayName.Contains('<'):
                        return new StateAddress("class-attribute", c.Class.Module.Name, $"{c.Class.DisplayName}.{attribute.Attr}", items);
                }

                var entry = shown.Context.Entry;
                var receiver = entry.Receiver;
                if (!items && receiver.IsShared && entry.Target.Class is { } cls && !cls.DisplayName.Contains('<') &&
                    shown.State.Identity == $"{receiver.Identity}.{attribute.Attr}")
                {
                    return new StateAddress("receiver-attribute", null, attribute.Attr, false);
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>The start's arguments as Python literals, when each folds to a constant (the target called the way the threads call it).</summary>
    private static (List<string> Positional, List<KeyValuePair<string, string>> Keywords)? Arguments(ProjectModel model, ThreadEntry entry)
    {
        if (!entry.CallArguments.Known || !entry.HandedOver.IsEmpty || entry.Target.DisplayName.Contains('<') || entry.Site is not Call site)
        {
            return null;
        }

        var scope = entry.StartingFunction.Module.ScopeOf(site);
        var positional = new List<string>();
        foreach (var argument in entry.CallArguments.Positional)
        {
            if (PythonLiterals.Of(model.Constants.Evaluate(argument, scope)) is not { } literal)
            {
                return null;
            }

            positional.Add(literal);
        }

        var keywords = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in entry.CallArguments.Keywords)
        {
            if (PythonLiterals.Of(model.Constants.Evaluate(value, scope)) is not { } literal)
            {
                return null;
            }

            keywords.Add(KeyValuePair.Create(name, literal));
        }

        return (positional, keywords);
    }

    internal static bool IsMethod(ProjectFunction function) => function.Class is not null;
}
