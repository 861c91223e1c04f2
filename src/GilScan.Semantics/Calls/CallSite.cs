using GilScan.Semantics.Catalog;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Values;

namespace GilScan.Semantics.Calls;

/// <summary>One call in a project function's own code, with what it resolves to.</summary>
public sealed class CallSite
{
    private readonly List<CallTarget> _targets = [];

    internal CallSite(Call call, ProjectFunction caller, ValueSet callee, CatalogEntry? catalogEntry)
    {
        Call = call;
        Caller = caller;
        Callee = callee;
        CatalogEntry = catalogEntry;
    }

    public Call Call { get; }

    /// <summary>The function whose code makes the call.</summary>
    public ProjectFunction Caller { get; }

    /// <summary>What the callee expression evaluates to.</summary>
    public ValueSet Callee { get; }

    /// <summary>The callee's qualified name when its values agree ("numpy.dot", "pkg.mod.work").</summary>
    public string? CalleeName => Callee.QualifiedName;

    /// <summary>The catalog's entry for the callee, for calls that leave the project.</summary>
    public CatalogEntry? CatalogEntry { get; }

    /// <summary>Project functions the call may run, in a deterministic order.</summary>
    public IReadOnlyList<CallTarget> Targets => _targets;

    /// <summary>The project class a constructor call instantiates.</summary>
    public ProjectClass? InstantiatedClass { get; internal set; }

    /// <summary>True for <c>await f(...)</c>.</summary>
    public bool IsAwaited => Call.Parent is Await;

    internal void AddTarget(CallTarget target)
    {
        if (_targets.Count < ValueSet.MaxSize * 2 && !_targets.Contains(target)) _targets.Add(target);
    }

    public override string ToString() => $"{Caller.DisplayName}:{Call.Lineno} -> {CalleeName ?? "?"}";
}
