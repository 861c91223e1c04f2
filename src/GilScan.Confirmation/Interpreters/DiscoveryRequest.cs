using System.Collections.Immutable;

namespace GilScan.Confirmation.Interpreters;

/// <summary>Where to look for interpreters.</summary>
public sealed record DiscoveryRequest
{
    /// <summary>The project root: its <c>.venv</c> is the project's interpreter when none is named.</summary>
    public required string ProjectRoot { get; init; }

    /// <summary>Interpreters named with <c>--python</c> (paths, or names looked up on PATH); the first is the project's.</summary>
    public ImmutableArray<string> Named { get; init; } = [];

    /// <summary>The PATH to search; null means this process's PATH.</summary>
    public string? SearchPath { get; init; }

    /// <summary>Also look on PATH for free-threaded and PyPy interpreters (<see cref="InterpreterDiscovery.ExtraNames"/>).</summary>
    public bool FindOthers { get; init; } = true;

    /// <summary>Limit for running one interpreter once to identify it.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);
}
