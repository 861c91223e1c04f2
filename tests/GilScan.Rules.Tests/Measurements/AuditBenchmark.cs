using System.Globalization;
using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Knowledge;
using GilScan.Dependencies.Toml;
using GilScan.Rules.Dependencies;

namespace GilScan.Rules.Tests.Measurements;

/// <summary>
/// The accuracy bar, measured on fixtures/projects/audit-bench: lockfiles of five kinds of
/// project with the ground truth for 3.14t in labels.toml (written from shared/knowledge, not from
/// gilscan). Recall: the share of compiled packages without a free-threaded wheel (and of those that
/// re-enable the GIL) that are reported. Precision: the share of reported packages that really block.
/// </summary>
internal static class AuditBenchmark
{
    public static readonly string Directory = RepositoryRoot.Combine("fixtures", "projects", "audit-bench");

    public sealed record Outcome(string Project, string Input, string Package, string Label, Verdict? Verdict, string? RuleId)
    {
        public bool Reported => RuleId is not null;

        public bool ShouldBeReported => Label.StartsWith("blocker-", StringComparison.Ordinal);
    }

    public sealed record Figures(int Expected402, int Found402, int Expected401, int Found401, int Reported, int CorrectlyReported, int Pure, int PureReported)
    {
        public double Recall402 => Ratio(Found402, Expected402);

        public double Recall401 => Ratio(Found401, Expected401);

        public double Recall => Ratio(Found402 + Found401, Expected402 + Expected401);

        public double Precision => Ratio(CorrectlyReported, Reported);

        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"recall(GIL402 truth) {Found402}/{Expected402} = {Recall402:0.000}; recall(GIL401 truth) {Found401}/{Expected401} = {Recall401:0.000}; " +
            $"recall(all blockers) = {Recall:0.000}; precision {CorrectlyReported}/{Reported} = {Precision:0.000}; pure-Python reported {PureReported}/{Pure}");

        private static double Ratio(int part, int whole) => whole == 0 ? 1.0 : (double)part / whole;
    }

    /// <param name="knowledge">The knowledge base; the bundled one when null. An empty one measures what wheel tags alone decide.</param>
    public static IReadOnlyList<Outcome> Run(KnowledgeBase? knowledge = null)
    {
        var labels = TomlTreeBuilder.Parse(File.ReadAllText(Path.Combine(Directory, "labels.toml")), "labels.toml").Root;
        var target = FreeThreadedTarget.TryParse(labels.GetString("target")!, out var parsed) ? parsed : throw new InvalidOperationException("labels.toml needs a target");
        var projects = labels.GetTable("projects")!;
        var outcomes = new List<Outcome>();
        foreach (var project in projects.Keys)
        {
            var table = projects.GetTable(project)!;
            var session = ProjectDependencyAudit.Open(Path.Combine(Directory, project), new DependencyAuditOptions { Target = target, FindProjectEnvironment = false, Knowledge = knowledge });
            foreach (var package in table.Keys.Where(k => k != "input"))
            {
                var verdict = session.Audit.For(package);
                outcomes.Add(new Outcome(project, table.GetString("input")!, package, table.GetString(package)!, verdict?.Verdict, verdict?.RuleId));
            }
        }

        return outcomes;
    }

    /// <summary>A knowledge base without entries.</summary>
    public static KnowledgeBase EmptyKnowledge() => KnowledgeBase.Parse("schema = 1\n", "empty-knowledge.toml");

    public static Figures Measure(IEnumerable<Outcome> outcomes)
    {
        var list = outcomes.ToList();
        return new Figures(
            list.Count(o => o.Label == "blocker-402"), list.Count(o => o.Label == "blocker-402" && o.Reported),
            list.Count(o => o.Label == "blocker-401"), list.Count(o => o.Label == "blocker-401" && o.Reported),
            list.Count(o => o.Reported), list.Count(o => o.Reported && o.ShouldBeReported),
            list.Count(o => o.Label == "pure"), list.Count(o => o.Label == "pure" && o.Reported));
    }
}
