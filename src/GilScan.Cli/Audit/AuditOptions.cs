using GilScan.Cli.Check;
using GilScan.Dependencies.Audit;
using GilScan.Reporting.Audit;

namespace GilScan.Cli.Audit;

/// <summary>Everything <c>gilscan audit</c> was asked to do, as parsed from the command line.</summary>
internal sealed record AuditOptions
{
    /// <summary>The path, configuration, rule selection, jobs, <c>--output</c> and <c>--exit-zero</c>, as <c>check</c> takes them.</summary>
    public required CheckOptions Run { get; init; }

    /// <summary>The target given with <c>--target</c>; null takes the newest one the project's requires-python allows.</summary>
    public FreeThreadedTarget? Target { get; init; }

    /// <summary>The platform given with <c>--platform</c> (Linux x86_64 by default).</summary>
    public TargetPlatform Platform { get; init; } = TargetPlatform.Default;

    public AuditFormat Format { get; init; } = AuditFormat.Markdown;

    /// <summary>An installed environment to scan (<c>--python-env</c>); else the project's .venv/venv.</summary>
    public string? PythonEnvironment { get; init; }

    /// <summary>A directory of .whl files to scan (<c>--wheels</c>).</summary>
    public string? WheelsDirectory { get; init; }
}
