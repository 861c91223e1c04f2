using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;

namespace GilScan.Analysis.Engine;

/// <summary>Collects what rules report in one scope, refusing findings a rule may not report.</summary>
internal abstract class ReportSink : IReportSink
{
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly List<ToolNotification> _notifications = [];
    private readonly Lock _gate = new();

    public bool HasFailures { get; private set; }

    public void Report(Rule rule, Diagnostic diagnostic)
    {
        if (!ReferenceEquals(diagnostic.Descriptor, rule.Definition))
        {
            throw new InvalidOperationException($"Rule {rule.Id} reported a {diagnostic.RuleId} diagnostic; a rule reports only its own descriptor.");
        }

        CheckLocation(rule, diagnostic);
        lock (_gate)
        {
            _diagnostics.Add(diagnostic);
        }
    }

    /// <summary>Records that a rule's action threw: its results in this scope are incomplete.</summary>
    public void RuleFailed(Rule rule, string? path, Exception error)
    {
        var where = path is null ? "the project" : path;
        var notification = new ToolNotification(
            RuleLevel.Error,
            $"Rule {rule.Id} failed on {where} and its results there are incomplete: {error.GetType().Name}: {error.Message}")
        {
            Path = path,
            Rule = rule.Definition,
        };
        lock (_gate)
        {
            HasFailures = true;
            _notifications.Add(notification);
        }
    }

    public void Notify(ToolNotification notification)
    {
        lock (_gate)
        {
            _notifications.Add(notification);
        }
    }

    public List<Diagnostic> TakeDiagnostics()
    {
        lock (_gate)
        {
            return [.. _diagnostics];
        }
    }

    public List<ToolNotification> TakeNotifications()
    {
        lock (_gate)
        {
            return [.. _notifications];
        }
    }

    protected abstract void CheckLocation(Rule rule, Diagnostic diagnostic);
}

/// <summary>The results of file actions on one file: they must lie in that file, since they are cached with it.</summary>
internal sealed class FileSink(string path) : ReportSink
{
    protected override void CheckLocation(Rule rule, Diagnostic diagnostic)
    {
        if (!string.Equals(diagnostic.Location.Path, path, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Rule {rule.Id} reported in {diagnostic.Location.Path} from a file action on {path}; findings in other files need a project action.");
        }
    }
}

/// <summary>The results of project actions: anywhere in the project.</summary>
internal sealed class ProjectSink : ReportSink
{
    protected override void CheckLocation(Rule rule, Diagnostic diagnostic)
    {
    }
}
