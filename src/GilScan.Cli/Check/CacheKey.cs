using System.Text;
using GilScan.Analysis.Configuration;
using GilScan.Analysis.Rules;

namespace GilScan.Cli.Check;

/// <summary>
/// Everything besides the inputs that a run's results depend on, as one text: gilscan's version and
/// build, the rules that run, the configuration's policy (severity, per-file-ignores) and the options
/// rules read, and the shared models available. Excludes are not in it: they choose the files, and
/// the project key already names every file of a run.
/// </summary>
internal static class CacheKey
{
    public static string For(IReadOnlyList<Rule> rules, DiagnosticPolicy policy, AnalysisOptions options, ProjectModelRegistry models)
    {
        var assemblies = new[] { typeof(CacheKey).Assembly, typeof(Rule).Assembly, typeof(Syntax.SyntaxTree).Assembly }
            .Concat(rules.Select(rule => rule.GetType().Assembly))
            .Concat(models.ModelTypes.Select(type => type.Assembly));
        return new StringBuilder()
            .Append("gilscan ").Append(ToolVersion.Current).Append('\n')
            .Append("build ").Append(ToolVersion.BuildIdentity(assemblies)).Append('\n')
            .Append("rules ").Append(string.Join(',', rules.Select(rule => rule.Id))).Append('\n')
            .Append("policy ").Append(policy.CanonicalText).Append('\n')
            .Append("options ").Append(options.CanonicalText).Append('\n')
            .Append("models ").Append(string.Join(',', models.ModelTypes.Select(type => type.FullName))).Append('\n')
            .ToString();
    }
}
