using GilScan.Analysis.Diagnostics;

namespace GilScan.Sarif;

/// <summary>Everything one SARIF run is built from. Order of the lists does not matter: the builder sorts.</summary>
public sealed record SarifRunInput
{
    public required ToolIdentity Tool { get; init; }

    /// <summary>Every rule that ran, with or without results (GitHub closes alerts of rules that ran clean).</summary>
    public required IReadOnlyList<RuleDescriptor> Rules { get; init; }

    /// <summary>The rule pages; every rule in <see cref="Rules"/> must have one.</summary>
    public required RuleDocs Docs { get; init; }

    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>Problems of the run itself (files that could not be read or parsed).</summary>
    public IReadOnlyList<ToolNotification> Notifications { get; init; } = [];

    /// <summary>False when gilscan itself failed (bad configuration, internal error), not when inputs had errors.</summary>
    public bool ExecutionSuccessful { get; init; } = true;

    /// <summary>Absolute path of the project root that diagnostic paths are relative to (SARIF's SRCROOT).</summary>
    public required string SourceRoot { get; init; }

    /// <summary>
    /// The folder SRCROOT names, when it is not <see cref="SourceRoot"/>: the top level of the git work
    /// tree that holds the project. Artifact URIs are then relative to it and carry the project's
    /// folder (<c>services/api/app/main.py</c>), because GitHub code scanning ignores <c>uriBaseId</c>
    /// and reads URIs as relative to the repository root. Ignored unless it holds <see cref="SourceRoot"/>.
    /// </summary>
    public string? UriRoot { get; init; }

    /// <summary>Where to read project files for fingerprints; by default the files under <see cref="SourceRoot"/>.</summary>
    public ISourceFileReader? Sources { get; init; }

    /// <summary>
    /// <c>run.automationDetails.id</c>: "gilscan/" or "gilscan/&lt;slice&gt;/". GitHub treats it as the
    /// run's category and rejects two runs with the same category in one upload.
    /// </summary>
    public string AutomationId { get; init; } = "gilscan/";

    public SarifProfile Profile { get; init; } = SarifProfile.Ide;

    /// <summary>When set, every result gets a <c>baselineState</c> and vanished results are reported as absent.</summary>
    public Baseline? Baseline { get; init; }
}
