using System.Text;
using System.Text.RegularExpressions;
using GilScan.Analysis.Rules;
using GilScan.Testing;

namespace GilScan.Rules.Tests;

/// <summary>One finding a fixture expects or a run produced: file (relative to the fixture folder,
/// '/' separators), line, rule.</summary>
public sealed record FixtureFinding(string Path, int Line, string RuleId) : IComparable<FixtureFinding>
{
    public int CompareTo(FixtureFinding? other)
    {
        if (other is null) return 1;
        var order = string.CompareOrdinal(Path, other.Path);
        if (order == 0) order = Line.CompareTo(other.Line);
        return order != 0 ? order : string.CompareOrdinal(RuleId, other.RuleId);
    }

    public override string ToString() => $"{Path}:{Line}: {RuleId}";
}

/// <summary>The expected and actual findings of a fixture folder, and how they differ.</summary>
public sealed record FixtureComparison(
    IReadOnlyList<FixtureFinding> Expected, IReadOnlyList<FixtureFinding> Actual,
    IReadOnlyList<FixtureFinding> Missing, IReadOnlyList<FixtureFinding> Unexpected,
    IReadOnlyDictionary<string, string> Messages)
{
    public bool Matches => Missing.Count == 0 && Unexpected.Count == 0;

    /// <summary>What differs, with each source line and each unexpected finding's message.</summary>
    public string Describe(string folder)
    {
        var text = new StringBuilder();
        text.AppendLine($"{folder}: {Expected.Count} expected, {Actual.Count} found.");
        foreach (var m in Missing) text.AppendLine($"  missing    {m}");
        foreach (var u in Unexpected)
            text.AppendLine($"  unexpected {u} {(Messages.TryGetValue(u.ToString(), out var message) ? message : string.Empty)}");
        return text.ToString();
    }
}

/// <summary>
/// Checks a folder of real Python fixture files against their inline expectations (see
/// fixtures/rules/README.md): a line that must carry a finding ends with <c># expect: GIL301</c>
/// (several ids separated by commas; an id written twice expects two findings). The rules run through
/// the real engine over the whole folder as one project; only the findings of those rules are compared,
/// as multisets of (file, line, rule): a missing finding fails recall, an unexpected one precision.
/// </summary>
public static partial class FixtureExpectations
{
    /// <summary>The expectations written in the .py files below <paramref name="folder"/>, sorted.</summary>
    public static IReadOnlyList<FixtureFinding> Read(string folder)
    {
        var expected = new List<FixtureFinding>();
        foreach (var (path, text) in Files(folder))
        {
            var lines = text.ReplaceLineEndings("\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var marker = Marker().Match(lines[i]);
                if (!marker.Success) continue;
                foreach (var id in marker.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    expected.Add(new FixtureFinding(path, i + 1, id));
            }
        }
        expected.Sort();
        return expected;
    }

    /// <summary>Runs <paramref name="rules"/> on the folder with <paramref name="verifier"/>'s models and
    /// options, and compares their findings with the expectations for their ids.</summary>
    public static FixtureComparison Check(Verifier verifier, IReadOnlyList<Rule> rules, string folder)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        var ids = rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var expected = Read(folder).Where(f => ids.Contains(f.RuleId)).ToList();
        var result = verifier.Run(rules, Files(folder));
        if (!result.ExecutionSuccessful)
            throw new InvalidOperationException("the rules failed: " + string.Join("; ", result.Notifications.Select(n => n.Message)));
        var diagnostics = result.Diagnostics.Where(d => !d.IsSuppressed && ids.Contains(d.RuleId)).ToList();
        var actual = diagnostics.Select(d => new FixtureFinding(d.Location.Path, d.Location.Span.StartLine, d.RuleId)).ToList();
        actual.Sort();
        var messages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in diagnostics)
            messages.TryAdd(new FixtureFinding(d.Location.Path, d.Location.Span.StartLine, d.RuleId).ToString(), d.Message);
        return new FixtureComparison(expected, actual, Subtract(expected, actual), Subtract(actual, expected), messages);
    }

    private static List<FixtureFinding> Subtract(IReadOnlyList<FixtureFinding> from, IReadOnlyList<FixtureFinding> remove)
    {
        var left = remove.GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
        var result = new List<FixtureFinding>();
        foreach (var f in from)
        {
            if (left.TryGetValue(f, out var n) && n > 0) left[f] = n - 1;
            else result.Add(f);
        }
        return result;
    }

    private static List<(string Path, string Text)> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*.py", SearchOption.AllDirectories)
            .Select(full => (Path: Path.GetRelativePath(folder, full).Replace('\\', '/'), Text: File.ReadAllText(full)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"#\s*expect:\s*(?<ids>GIL[0-9]{3}(\s*,\s*GIL[0-9]{3})*)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
