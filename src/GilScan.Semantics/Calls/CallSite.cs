using GilScan.Semantics.Catalog;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Values;

namespace GilScan.Semantics.Calls;

/// <summary>One call in a project function's own code, with what it resolves to.</summary>
public sealed class CallSite
{
    private List<CallTarget>? _targets;

    internal CallSite(Call call, ProjectFunction caller, string? calleeName, CatalogEntry? catalogEntry)
    {
        Call = call;
        Caller = caller;
        CalleeName = calleeName;
        CatalogEntry = catalogEntry;
    }

    public Call Call { get; }

    /// <summary>The function whose code makes the call.</summary>
    public ProjectFunction Caller { get; }

    /// <summary>The callee's qualified name when its values agree ("numpy.dot", "pkg.mod.work"); the
    /// values themselves are <c>project.Values.Evaluate(site.Call.Func)</c>.</summary>
    public string? CalleeName { get; private set; }

    /// <summary>The catalog's entry for the callee, for calls that leave the project.</summary>
    public CatalogEntry? CatalogEntry { get; private set; }

    /// <summary>For a method called on a parameter that has no annotation, the type every caller passes
    /// for it ("PIL.Image.Image"): where <see cref="CalleeName"/> and the catalog entry came from.</summary>
    public string? ReceiverTypeFromCallers { get; private set; }

    /// <summary>Project functions the call may run, in a deterministic order.</summary>
    public IReadOnlyList<CallTarget> Targets => (IReadOnlyList<CallTarget>?)_targets ?? [];

    /// <summary>The project class a constructor call instantiates.</summary>
    public ProjectClass? InstantiatedClass { get; internal set; }

    /// <summary>The callee may also be something outside the project: the code binds the name to a project
    /// function on one path and to an import on another, the usual shape of an optional compiled
    /// accelerator with a pure-Python fallback (<c>try: from ._speedups import f / except ImportError: f =
    /// _f_python</c>). Which one runs is not known, and usually it is the compiled one.</summary>
    public bool HasExternalAlternative { get; internal set; }

    /// <summary>True for <c>await f(...)</c>.</summary>
    public bool IsAwaited => Call.Parent is Await;

    /// <summary>Resolves a method call on a parameter through the type its callers pass.</summary>
    internal void ResolveThroughCallers(string receiverType, string calleeName, CatalogEntry? entry)
    {
        ReceiverTypeFromCallers = receiverType;
        CalleeName = calleeName;
        CatalogEntry = entry;
    }

    internal void AddTarget(CallTarget target)
    {
        _targets ??= [];
        if (_targets.Count < ValueSet.MaxSize * 2 && !_targets.Contains(target)) _targets.Add(target);
    }

    public override string ToString() => $"{Caller.DisplayName}:{Call.Lineno} -> {CalleeName ?? "?"}";
}
