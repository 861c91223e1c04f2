using System.Text;
using System.Text.RegularExpressions;
using GilScan.Analysis.Rules;
using GilScan.Testing;

namespace GilScan.Rules.Tests.Support;

/// <summary>
/// Checks real Python fixture files against their inline expectations (fixtures/rules/README.md): a
/// line ending in <c># expect: GIL101</c> (or <c># expect: GIL101, GIL202</c>) must carry exactly
/// those findings of the rules under test, and no other line may carry one. All files of a folder are
/// analysed together, as one project, with the shipped semantic model.
/// </summary>
public static partial class FixtureExpectations
{
    /// <summary>Runs <paramref name="rules"/> over every .py file below <paramref name="folder"/> and
    /// throws, listing the missing and unexpected findings, when they differ from the markers.</summary>
    public static void Check(string folder, IReadOnlyList<Rule> rules)
    {
        var files = Directory.GetFiles(folder, "*.py", SearchOption.AllDirectories)
            .Select(f => (Path: Path.GetRelativePath(folder, f).Replace('\\', '/'), Text: File.ReadAllText(f)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        files.ShouldNotBeEmpty($"no fixture files in {folder}");
        var ids = rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var expected = files.SelectMany(f => Markers(f.Path, f.Text)).Where(m => ids.Contains(m.RuleId)).ToHashSet();
        var result = new Verifier(ShippedRuleSet.Models).Run(rules, files);
        result.ExecutionSuccessful.ShouldBeTrue(string.Join("; ", result.Notifications.Select(n => n.Message)));
        // One marker stands for every finding of its rule on its line (GIL301 may report two payloads of one call).
        var actual = result.Diagnostics.Where(d => !d.IsSuppressed && ids.Contains(d.RuleId))
            .GroupBy(d => new Marker(d.Location.Path, d.Location.Span.StartLine, d.RuleId))
            .ToDictionary(g => g.Key, g => g.First().Message);
        var missing = expected.Where(m => !actual.ContainsKey(m)).OrderBy(m => m.ToString(), StringComparer.Ordinal).ToList();
        var unexpected = actual.Where(a => !expected.Contains(a.Key)).OrderBy(a => a.Key.ToString(), StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && unexpected.Count == 0)
        {
            return;
        }

        var report = new StringBuilder($"{folder}: the findings differ from the '# expect:' markers.\n");
        foreach (var m in missing)
        {
            report.AppendLine($"  missing    {m}");
        }

        foreach (var (m, message) in unexpected)
        {
            report.AppendLine($"  unexpected {m}: {message}");
        }

        throw new ShouldAssertException(report.ToString());
    }

    /// <summary>The expectations of one file.</summary>
    public static IEnumerable<Marker> Markers(string path, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = ExpectComment().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            foreach (var id in match.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                yield return new Marker(path, i + 1, id);
            }
        }
    }

    public readonly record struct Marker(string Path, int Line, string RuleId)
    {
        public override string ToString() => $"{Path}:{Line} {RuleId}";
    }

    [GeneratedRegex(@"#\s*expect:\s*(?<ids>GIL\d{3}(?:\s*,\s*GIL\d{3})*)")]
    private static partial Regex ExpectComment();
}
