using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;

namespace GilScan.Analysis.Engine;

/// <summary>
/// What one scope of a run produced, after suppressions and the configuration were applied: the
/// findings and tool notifications of one file (its file actions and parse outcome), or of the
/// project actions. The unit the cache stores.
/// </summary>
public sealed record ResultSet(ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<ToolNotification> Notifications)
{
    public static ResultSet Empty { get; } = new([], []);
}
