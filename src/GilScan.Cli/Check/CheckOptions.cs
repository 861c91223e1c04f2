using GilScan.Analysis.Diagnostics;
using GilScan.Cli.Confirm;

namespace GilScan.Cli.Check;

/// <summary>The output formats of <c>gilscan check</c>.</summary>
internal enum OutputFormat
{
    Text,
    Grouped,
    GitHub,
    Json,
    Sarif,
}

/// <summary>Everything <c>gilscan check</c> was asked to do, as parsed from the command line.</summary>
internal sealed record CheckOptions
{
    public IReadOnlyList<string> Paths { get; init; } = ["."];

    public OutputFormat Format { get; init; } = OutputFormat.Text;

    public string? OutputFile { get; init; }

    /// <summary>SARIF for GitHub code scanning: suppressed and absent results left out.</summary>
    public bool GitHubProfile { get; init; }

    public bool ShowSource { get; init; }

    public bool Statistics { get; init; }

    public string? BaselineFile { get; init; }

    public string? WriteBaselineFile { get; init; }

    public bool ExitZero { get; init; }

    /// <summary>The lowest level that fails the run (exit code 1).</summary>
    public RuleLevel FailLevel { get; init; } = RuleLevel.Warning;

    public string? ConfigFile { get; init; }

    public bool Isolated { get; init; }

    public IReadOnlyList<string>? Select { get; init; }

    public IReadOnlyList<string> ExtendSelect { get; init; } = [];

    public IReadOnlyList<string> Ignore { get; init; } = [];

    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary><c>--python-env</c>: the installed environment whose pure-Python packages the analysis
    /// follows calls into (a full path); null for the project's .venv or venv.</summary>
    public string? PythonEnvironment { get; init; }

    public bool NoCache { get; init; }

    public string? CacheDirectory { get; init; }

    /// <summary>Colour in the text formats: <c>--color</c>, else standard output a terminal and NO_COLOR unset.</summary>
    public bool Colour { get; init; }

    /// <summary>The source given on standard input (<c>gilscan check -</c>), checked as the one file <see cref="Paths"/> names; null otherwise.</summary>
    public byte[]? Stdin { get; init; }

    /// <summary><c>--confirm</c> and its settings; null without it (nothing runs project code).</summary>
    public ConfirmOptions? Confirm { get; init; }
}
