using GilScan.Analysis.Configuration;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Testing;

namespace GilScan.Rules.Tests.Processes;

/// <summary>The verifier the process-rule tests share (the shipped semantic model), and the findings of
/// one rule on a few files, for assertions on properties, confidence and related locations.</summary>
internal static class ProcessRuleRunner
{
    public static Verifier Verifier { get; } = new(models: ShippedRuleSet.Models);

    public static Verifier WithOptions(AnalysisOptions options) => new(models: ShippedRuleSet.Models, options: options);

    public static IReadOnlyList<Diagnostic> Findings(Rule rule, string source) => Findings(rule, [("test.py", source)]);

    public static IReadOnlyList<Diagnostic> Findings(Rule rule, IReadOnlyList<(string Path, string Text)> files)
    {
        var result = Verifier.Run([rule], files);
        result.ExecutionSuccessful.ShouldBeTrue(string.Join("; ", result.Notifications.Select(n => n.Message)));
        return result.Diagnostics.Where(d => !d.IsSuppressed).ToList();
    }

    public static string Text(this Diagnostic diagnostic, string key) =>
        diagnostic.Properties[key].ShouldBeOfType<PropertyValue.Text>().Value;

    public static long Integer(this Diagnostic diagnostic, string key) =>
        diagnostic.Properties[key].ShouldBeOfType<PropertyValue.Integer>().Value;
}
