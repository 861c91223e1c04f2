using System.Collections.Immutable;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Catalog;

namespace GilScan.Semantics.Effects;

/// <summary>A catalogued library call (or file iteration) that a function reaches without leaving its
/// thread: directly, or through the call sites in <paramref name="Chain"/> (from the summarised
/// function down to the function containing <paramref name="Node"/>).</summary>
/// <param name="Node">The Call (or the iterated expression of a <c>for</c> over a file).</param>
/// <param name="Name">The callee's qualified name ("time.sleep", "io.TextIOWrapper.__iter__").</param>
/// <param name="Category">The category that applies at this site (for hashlib, after the buffer-size
/// condition).</param>
/// <param name="InLoop">True when the site runs inside a loop of its function.</param>
public sealed record EffectSite(Node Node, string Name, CallCategory Category, CatalogEntry Entry, bool InLoop, ImmutableArray<CallSite> Chain)
{
    /// <summary>True when the site, or a call site on the chain to it, is in an <c>except</c> handler:
    /// it runs only when something failed.</summary>
    public bool OnErrorPath { get; init; }

    public bool Equals(EffectSite? other) =>
        other is not null && ReferenceEquals(Node, other.Node) && Chain.SequenceEqual(other.Chain);

    public override int GetHashCode() => HashCode.Combine(Node, Chain.Length);

    public EffectSite Through(CallSite site) => this with { Chain = Chain.Insert(0, site) };
}
