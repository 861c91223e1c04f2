using System.Collections.Immutable;

namespace GilScan.Confirmation.Interpreters;

/// <summary>The interpreters found (the project's first) and what could not be used, as sentences.</summary>
public sealed record DiscoveryResult(ImmutableArray<InterpreterIdentity> Interpreters, ImmutableArray<string> Problems)
{
    /// <summary>The project's interpreter, or null when none could be identified.</summary>
    public InterpreterIdentity? Project => Interpreters.FirstOrDefault(i => i.Origin != InterpreterOrigin.FoundOnPath);
}
