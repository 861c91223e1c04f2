using System.Text;
using GilScan.Analysis.Configuration;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Engine;
using GilScan.Analysis.Rules;

namespace GilScan.Testing;

/// <summary>
/// Runs rules through the real engine (parse, single walk, project actions, suppression comments)
/// over marked-up files and compares the unsuppressed findings with the marks: same rules, same
/// spans, and, when given, the same messages in order. On a mismatch the exception lists the expected
/// and actual findings with the text they cover. Configure once (shared models such as the semantic
/// model, options) and reuse; instances are immutable.
/// </summary>
public sealed class Verifier
{
    public Verifier(ProjectModelRegistry? models = null, AnalysisOptions? options = null)
    {
        Models = models ?? ProjectModelRegistry.Empty;
        Options = options ?? AnalysisOptions.Default;
    }

    public static Verifier Default { get; } = new();

    public ProjectModelRegistry Models { get; }

    public AnalysisOptions Options { get; }

    /// <summary>The findings of <paramref name="rules"/> on the given files, after suppressions.</summary>
    public AnalysisResult Run(IEnumerable<Rule> rules, IEnumerable<(string Path, string Text)> files, int jobs = 1) =>
        new AnalysisDriver(rules, new AnalysisDriverOptions { Models = Models, Options = Options, Jobs = jobs })
            .Run([.. files.Select(f => SourceDocument.FromText(f.Path, f.Text))]);

    /// <summary>Checks one file, <c>test.py</c>, against its marks.</summary>
    public void Diagnostics(Rule rule, string markup, params string[] messages) => Project(rule, [("test.py", markup)], messages);

    /// <summary>Checks several files against their marks; <paramref name="messages"/> (optional) in the order of the findings (by path, then position).</summary>
    public void Project(Rule rule, IReadOnlyList<(string Path, string Markup)> files, params string[] messages)
    {
        var parsed = files.Select(f => (f.Path, Parsed: Markup.Parse(f.Markup, f.Path, rule.Id))).ToList();
        var result = Run([rule], parsed.Select(p => (p.Path, p.Parsed.Text)));
        var texts = parsed.ToDictionary(p => p.Path, p => p.Parsed.Text, StringComparer.Ordinal);
        var expected = parsed.SelectMany(p => p.Parsed.Spans).OrderBy(s => s.Path, StringComparer.Ordinal)
            .ThenBy(s => s.StartLine).ThenBy(s => s.StartColumn).ThenBy(s => s.EndLine).ThenBy(s => s.EndColumn).ThenBy(s => s.RuleId, StringComparer.Ordinal)
            .ToList();
        var actual = result.Diagnostics.Where(d => !d.IsSuppressed).ToList();
        var problems = new List<string>();
        if (!result.ExecutionSuccessful || result.Notifications.Any(n => n.Level == RuleLevel.Error && n.Rule?.Id == rule.Id))
        {
            problems.Add("the rule failed: " + string.Join("; ", result.Notifications.Select(n => n.Message)));
        }

        var actualSpans = actual.Select(d => new ExpectedSpan(
            d.Location.Path, d.RuleId, d.Location.Span.StartLine, d.Location.Span.StartColumnUtf16, d.Location.Span.EndLine, d.Location.Span.EndColumnUtf16)).ToList();
        if (!actualSpans.SequenceEqual(expected))
        {
            problems.Add("the findings differ from the marks");
        }
        else if (messages.Length > 0 && !actual.Select(d => d.Message).SequenceEqual(messages))
        {
            problems.Add("the messages differ");
        }

        if (problems.Count > 0)
        {
            throw new VerificationException(Describe(problems, expected, actual, messages, texts));
        }
    }

    private static string Describe(List<string> problems, List<ExpectedSpan> expected, List<Diagnostic> actual, string[] messages, Dictionary<string, string> texts)
    {
        var report = new StringBuilder().AppendLine(string.Join("; ", problems) + ".");
        report.AppendLine($"Expected {expected.Count}:");
        for (var i = 0; i < expected.Count; i++)
        {
            report.AppendLine($"  {expected[i]} {Quote(texts, expected[i])}{(i < messages.Length ? $" \"{messages[i]}\"" : string.Empty)}");
        }

        report.AppendLine($"Actual {actual.Count}:");
        foreach (var d in actual)
        {
            var span = new ExpectedSpan(d.Location.Path, d.RuleId, d.Location.Span.StartLine, d.Location.Span.StartColumnUtf16, d.Location.Span.EndLine, d.Location.Span.EndColumnUtf16);
            report.AppendLine($"  {span} {Quote(texts, span)} \"{d.Message}\"");
        }

        return report.ToString();
    }

    // The text a span covers, as "`…`", or an empty string when it is outside the file.
    private static string Quote(Dictionary<string, string> texts, ExpectedSpan span)
    {
        if (!texts.TryGetValue(span.Path, out var text))
        {
            return string.Empty;
        }

        var lines = SourceLines.Split(text);
        if (span.StartLine > lines.Count || span.EndLine > lines.Count)
        {
            return string.Empty;
        }

        var covered = new StringBuilder();
        for (var line = span.StartLine; line <= span.EndLine; line++)
        {
            var content = lines[line - 1];
            var from = line == span.StartLine ? Math.Min(span.StartColumn, content.Length) : 0;
            var to = line == span.EndLine ? Math.Min(span.EndColumn, content.Length) : content.Length;
            covered.Append(content, from, Math.Max(0, to - from));
            if (line < span.EndLine)
            {
                covered.Append("\\n");
            }
        }

        return $"`{covered}`";
    }
}

/// <summary>
/// The markup verifier for one rule with the default <see cref="Verifier"/> (no shared models):
/// <c>Verify&lt;MyRule&gt;.Diagnostics("""…{|GIL101:…|}…""")</c>. Rules that need the semantic model
/// use a <see cref="Verifier"/> configured with it.
/// </summary>
public static class Verify<TRule>
    where TRule : Rule, new()
{
    public static Task Diagnostics(string markup, params string[] messages)
    {
        Verifier.Default.Diagnostics(new TRule(), markup, messages);
        return Task.CompletedTask;
    }

    public static Task Project(IReadOnlyList<(string Path, string Markup)> files, params string[] messages)
    {
        Verifier.Default.Project(new TRule(), files, messages);
        return Task.CompletedTask;
    }

    /// <summary>Checks that the rule reports nothing on <paramref name="source"/> (which has no marks).</summary>
    public static Task NoDiagnostics(string source) => Diagnostics(source);
}
