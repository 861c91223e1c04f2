using System.Text;
using GilScan.Analysis.Diagnostics;
using GilScan.Confirmation.Findings;
using GilScan.Sarif;
using GilScan.Syntax.Text;

namespace GilScan.Reporting.Check;

/// <summary>One finding of a run with what the SARIF build found out about it: its stable fingerprint and baseline state.</summary>
public sealed record Finding(Diagnostic Diagnostic, string? Fingerprint, ResultBaselineState BaselineState)
{
    /// <summary>Shown in text and GitHub output and counted for the exit code: not suppressed, and new when there is a baseline.</summary>
    public bool IsShown => !Diagnostic.IsSuppressed && BaselineState is ResultBaselineState.NotCompared or ResultBaselineState.New;
}

/// <summary>Everything the output formats of <c>gilscan check</c> write from.</summary>
public sealed class CheckReport
{
    private readonly IReadOnlyDictionary<string, byte[]> _sources;
    private readonly Dictionary<string, IReadOnlyList<string>?> _lines = new(StringComparer.Ordinal);

    public CheckReport(
        string root, string currentDirectory, IReadOnlyList<RuleDescriptor> rulesRan, IReadOnlyList<Finding> findings,
        IReadOnlyList<ToolNotification> notifications, bool executionSuccessful, int fileCount, IReadOnlyDictionary<string, byte[]> sources)
    {
        Root = root;
        CurrentDirectory = currentDirectory;
        RulesRan = rulesRan;
        Findings = findings;
        Notifications = notifications;
        ExecutionSuccessful = executionSuccessful;
        FileCount = fileCount;
        _sources = sources;
    }

    public string Root { get; }

    public string CurrentDirectory { get; }

    public IReadOnlyList<RuleDescriptor> RulesRan { get; }

    /// <summary>Every finding, suppressed ones included, in output order.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    public IReadOnlyList<ToolNotification> Notifications { get; }

    public bool ExecutionSuccessful { get; }

    public int FileCount { get; }

    public bool HasBaseline { get; init; }

    /// <summary>Baseline results no longer found.</summary>
    public int AbsentCount { get; init; }

    /// <summary>What <c>--confirm</c> measured, by finding (the diagnostic itself); empty without --confirm.</summary>
    public IReadOnlyDictionary<Diagnostic, ConfirmedFinding> Confirmations { get; init; } =
        new Dictionary<Diagnostic, ConfirmedFinding>(ReferenceEqualityComparer.Instance);

    /// <summary>The text line under a confirmed finding (see <see cref="ConfirmationText"/>), or null.</summary>
    public string? ConfirmationLine(Diagnostic diagnostic) =>
        Confirmations.TryGetValue(diagnostic, out var confirmation) ? ConfirmationText.Line(confirmation) : null;

    /// <summary>The SARIF built for this run (for --format sarif, fingerprints and baselines), or null.</summary>
    public SarifReport? Sarif { get; init; }

    public IEnumerable<Finding> Shown => Findings.Where(f => f.IsShown);

    public int SuppressedCount => Findings.Count(f => f.Diagnostic.IsSuppressed);

    /// <summary>Unsuppressed findings already in the baseline (unchanged or updated), which are not shown.</summary>
    public int BaselinedCount => Findings.Count(f => !f.Diagnostic.IsSuppressed && !f.IsShown);

    /// <summary>Notifications with no finding of their own: discovery problems and rules that failed (GIL001/GIL002 are findings already).</summary>
    public IEnumerable<ToolNotification> StandaloneNotifications => Notifications.Where(IsStandalone);

    /// <summary>Whether no finding shows <paramref name="notification"/> already (GIL001/GIL002 notifications have their finding).</summary>
    public static bool IsStandalone(ToolNotification notification) =>
        notification.Rule is null || (notification.Rule.Id != ToolRules.SyntaxError.Id && notification.Rule.Id != ToolRules.UnreadableFile.Id);

    /// <summary>
    /// How a project-relative path is shown to a person, as ruff does: relative to the current folder
    /// when the file lies below it, else absolute.
    /// </summary>
    public string DisplayPath(string projectPath) => DisplayPath(Root, CurrentDirectory, projectPath);

    /// <summary>A path relative to <paramref name="root"/> as shown to a person working in <paramref name="currentDirectory"/>.</summary>
    public static string DisplayPath(string root, string currentDirectory, string projectPath)
    {
        var absolute = Path.Combine(root, projectPath);
        return Analysis.Discovery.FileDiscovery.IsUnder(absolute, currentDirectory)
            ? Path.GetRelativePath(currentDirectory, absolute).Replace('\\', '/')
            : absolute.Replace('\\', '/');
    }

    /// <summary>The text of a 1-based line of a project file, or null when it cannot be read or decoded.</summary>
    public string? LineText(string projectPath, int line)
    {
        if (!_lines.TryGetValue(projectPath, out var fileLines))
        {
            fileLines = Load(projectPath);
            _lines[projectPath] = fileLines;
        }

        return fileLines is not null && line >= 1 && line <= fileLines.Count ? fileLines[line - 1] : null;
    }

    private IReadOnlyList<string>? Load(string projectPath)
    {
        byte[]? bytes = _sources.GetValueOrDefault(projectPath);
        if (bytes is null)
        {
            try
            {
                bytes = File.ReadAllBytes(Path.Combine(Root, projectPath));
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        // Python files as Python reads them (coding cookies); bytes that do not decode are shown as
        // U+FFFD, as editors show them, not as the parser's internal markers.
        var decoded = projectPath.EndsWith(".py", StringComparison.Ordinal) ? SourceDecoder.Decode(bytes) : null;
        var text = decoded is { Text: { } pythonText, HasUndecodableBytes: false } ? pythonText : new UTF8Encoding(false, false).GetString(bytes);
        return SourceLines.Split(text);
    }
}
