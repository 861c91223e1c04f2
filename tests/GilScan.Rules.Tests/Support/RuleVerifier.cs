using GilScan.Analysis.Rules;
using GilScan.Testing;

namespace GilScan.Rules.Tests.Support;

/// <summary>Markup verification of one rule with the shipped shared models (the semantic model).</summary>
public static class RuleVerifier<TRule>
    where TRule : Rule, new()
{
    private static readonly Verifier Verifier = new(ShippedRuleSet.Models);

    /// <summary>One file, test.py; <paramref name="messages"/> (optional) in finding order.</summary>
    public static void Diagnostics(string markup, params string[] messages) => Verifier.Diagnostics(new TRule(), markup, messages);

    /// <summary>Several files analysed as one project.</summary>
    public static void Project(IReadOnlyList<(string Path, string Markup)> files, params string[] messages) =>
        Verifier.Project(new TRule(), files, messages);
}
