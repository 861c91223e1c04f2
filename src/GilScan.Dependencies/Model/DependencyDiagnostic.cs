namespace GilScan.Dependencies.Model;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>
/// A problem found while reading an input (a broken lockfile line, an unreadable wheel). Parsers report
/// these instead of throwing, so one bad file never stops the rest of the audit.
/// </summary>
public sealed record DependencyDiagnostic(DiagnosticSeverity Severity, string Message, SourceAnchor Location)
{
    public override string ToString() => $"{Location}: {Severity.ToString().ToLowerInvariant()}: {Message}";
}
