using System.Collections.Immutable;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Values;

namespace GilScan.Semantics.Calls;

/// <summary>A project function that a call site (or a callable value) may run.</summary>
/// <param name="BoundPositionals">Leading positional parameters already filled (the receiver of a bound
/// method or constructor, before any partial arguments).</param>
/// <param name="Partial">The <c>functools.partial</c> the function was wrapped in, whose arguments come
/// before the call's own.</param>
/// <param name="Through">When the function arrived through parameters (<c>def run(fn): fn()</c> called
/// as <c>run(work)</c>): the call sites that passed it, outermost first. Empty for a direct reference.</param>
public sealed record CallTarget(
    ProjectFunction Function, CallEdgeKind Kind, int BoundPositionals, PartialValue? Partial, ImmutableArray<CallSite> Through)
{
    public bool Equals(CallTarget? other) =>
        other is not null && ReferenceEquals(Function, other.Function) && Kind == other.Kind &&
        BoundPositionals == other.BoundPositionals && Equals(Partial, other.Partial) && Through.SequenceEqual(other.Through);

    public override int GetHashCode() => HashCode.Combine(Function, Kind, BoundPositionals, Through.Length);

    public override string ToString() =>
        Through.IsEmpty ? $"{Kind} {Function}" : $"{Kind} {Function} via {string.Join(" -> ", Through.Select(s => s.Call.Lineno))}";
}
