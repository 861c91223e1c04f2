using System.Collections.Immutable;

namespace GilScan.Confirmation.Measurements;

/// <summary>What importing one module did to the GIL in a fresh process.</summary>
public sealed record ImportProbeFigures
{
    public required bool GilEnabledBefore { get; init; }

    public required bool GilEnabledAfter { get; init; }

    /// <summary>The RuntimeWarnings the import raised (CPython names the module that turned the GIL on).</summary>
    public required ImmutableArray<string> RuntimeWarnings { get; init; }

    public bool ImportEnabledTheGil => !GilEnabledBefore && GilEnabledAfter;
}
