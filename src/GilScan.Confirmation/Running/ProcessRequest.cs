using System.Collections.Immutable;

namespace GilScan.Confirmation.Running;

/// <summary>One program to run under a time limit, with what to change in its environment.</summary>
public sealed record ProcessRequest
{
    public required string FileName { get; init; }

    public ImmutableArray<string> Arguments { get; init; } = [];

    public required string WorkingDirectory { get; init; }

    /// <summary>Variables to set; a null value removes the variable.</summary>
    public ImmutableSortedDictionary<string, string?> Environment { get; init; } =
        ImmutableSortedDictionary<string, string?>.Empty.WithComparers(StringComparer.Ordinal);

    public required TimeSpan Timeout { get; init; }

    /// <summary>Only the last this-many characters of each output stream are kept (tracebacks end there).</summary>
    public int MaxCapturedChars { get; init; } = 1 << 20;
}
