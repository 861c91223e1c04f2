using GilScan.Analysis.Confirmation;
using GilScan.Analysis.Diagnostics;
using GilScan.Rules.Shared;
using GilScan.Rules.Threads;
using GilScan.Semantics;
using GilScan.Semantics.Binding;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Values;
using GilScan.Syntax.Ast;
using Attribute = GilScan.Syntax.Ast.Attribute;
using Tuple = GilScan.Syntax.Ast.Tuple;

namespace GilScan.Rules.FreeThreading;

/// <summary>
/// What <c>--confirm</c> needs to measure lost updates of a GIL501 finding: the state the harness reads
/// before and after (kind "global", "class-attribute" or "receiver-attribute"; the module; the path, dotted
/// inside the module or the attribute of the receiver; whether the update is on a container's items), and,
/// when every argument of the start folds to a constant, the arguments. The finding carries them as a typed
/// confirmation request and, for SARIF, as properties (<c>state-kind</c>, <c>state-module</c>,
/// <c>state-path</c>, <c>state-items</c>, <c>arguments</c>/<c>keywords</c> as Python literals). Only
/// read-modify-writes have an expected sequential result; a check-then-act has none and gets neither.
/// </summary>
public sealed record LostUpdateTarget(SharedState State, ConfirmationArguments? Arguments)
{
    public static LostUpdateTarget? Of(ProjectModel model, UnsynchronisedUpdate update)
    {
        var shown = update.Shown;
        if (shown.Access.Kind != AccessKind.ReadModifyWrite || AddressOf(model, shown) is not { } state)
        {
            return null;
        }

        return new LostUpdateTarget(new SharedState(state.Kind, state.Module, state.Path, state.Items), FoldedArguments(model, shown.Context.Entry));
    }

    /// <summary>The facts as SARIF properties.</summary>
    public IEnumerable<KeyValuePair<string, PropertyValue>> Properties()
    {
        yield return KeyValuePair.Create("state-kind", (PropertyValue)State.Kind);
        if (State.Module is not null)
        {
            yield return KeyValuePair.Create("state-module", (PropertyValue)State.Module);
        }

        yield return KeyValuePair.Create("state-path", (PropertyValue)State.Path);
        yield return KeyValuePair.Create("state-items", (PropertyValue)State.Items);
        if (Arguments is { } folded)
        {
            yield return KeyValuePair.Create("arguments", PropertyValue.List(folded.Positional));
            yield return KeyValuePair.Create("keywords", PropertyValue.Dictionary(folded.Keywords.Select(k => KeyValuePair.Create(k.Key, (PropertyValue)k.Value))));
        }
    }

    /// <summary>The confirmation request: run <paramref name="target"/> on threads and read the state.</summary>
    public CallableConfirmationRequest Request(ProjectFunction target) =>
        ConfirmationRequests.Call(target, ConfirmationKind.LostUpdates, Arguments?.Call, State);

    private sealed record StateAddress(string Kind, string? Module, string Path, bool Items);

    private static StateAddress? AddressOf(ProjectModel model, SharedAccess shown)
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

    /// <summary>The start's arguments folded to constants, when each has a Python literal (the target called the way the threads call it).</summary>
    private static ConfirmationArguments? FoldedArguments(ProjectModel model, ThreadEntry entry)
    {
        if (!entry.CallArguments.Known || !entry.HandedOver.IsEmpty || entry.Target.DisplayName.Contains('<') || entry.Site is not Call site)
        {
            return null;
        }

        var scope = entry.StartingFunction.Module.ScopeOf(site);
        return ConfirmationArguments.Fold(
            [.. entry.CallArguments.Positional.Select(argument => model.Constants.Evaluate(argument, scope))],
            [.. entry.CallArguments.Keywords.Select(k => (k.Key, model.Constants.Evaluate(k.Value, scope)))]);
    }

}
