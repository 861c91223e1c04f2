using System.Text;
using GilScan.Semantics.Effects;
using GilScan.Semantics.Project;
using GilScan.Semantics.Tests.Support;
using GilScan.Syntax.Tests.Support;

namespace GilScan.Semantics.Tests.Effects;

/// <summary>The model is built with parallel binding, parallel call-site resolution and level-parallel
/// summaries over shared caches; its answers must not depend on thread timing.</summary>
public class DeterminismTests
{
    [SkippableFact]
    public void Two_builds_of_real_packages_give_identical_call_graphs_and_summaries()
    {
        var lib = PythonReference.StandardLibrary;
        Skip.If(lib is null, PythonReference.MissingReason);
        var paths = new[] { "asyncio", "concurrent", "json", "multiprocessing" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(lib, d), "*.py", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal).ToList();
        var sources = paths.Select(p => (Path.GetRelativePath(lib, p).Replace('\\', '/'), File.ReadAllText(p))).ToList();
        var trees = TestSource.ParseAll(sources);
        var files = sources.Select((s, i) => new SourceFile(s.Item1, trees[i])).ToList();

        var first = Dump(ProjectModel.Build(ProjectLayout.Flat, files));
        var second = Dump(ProjectModel.Build(ProjectLayout.Flat, files.AsEnumerable().Reverse().ToList()));
        second.ShouldBe(first);
        first.Length.ShouldBeGreaterThan(10_000);
    }

    private static string Dump(ProjectModel project)
    {
        var text = new StringBuilder();
        foreach (var f in project.Functions)
        {
            var s = project.Effects.SummaryOf(f);
            text.Append(f.QualifiedName).Append(' ').Append(s.Work).Append(" hot=").Append(Where(s.HotSpot))
                .Append(" stretch=").Append(Where(s.LongestStretchWithoutAwait))
                .Append(" io=").Append(string.Join(",", s.BlockingIo.Select(b => b.Name + "@" + ((LocatedNode)b.Node).Lineno + "/" + b.Chain.Length)))
                .Append(" rel=").Append(s.GilReleasing.Count).Append(" hold=").Append(s.GilHolding.Count)
                .Append(" calls=").Append(string.Join(",", project.CallGraph.SitesIn(f).Select(c => c.CalleeName + ":" + c.Targets.Count)))
                .AppendLine();
        }
        return text.ToString();
    }

    private static string Where(HotSpot? spot) =>
        spot is null ? "-" : $"{spot.Node.PythonTypeName}@{((LocatedNode)spot.Node).Lineno}/{spot.Chain.Length}/{spot.Work}";
}
