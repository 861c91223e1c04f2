using GilScan.Syntax.Tests.Support;
using Xunit.Abstractions;

namespace GilScan.Syntax.Tests.Conformance;

/// <summary>
/// The bar of issue 2, measured in every test run: identical canonical dumps for at least 99.5% of the
/// CPython 3.13 standard library's files, and every file CPython rejects rejected too.
/// </summary>
public class StandardLibraryConformanceTests(ITestOutputHelper output)
{
    private const double RequiredIdenticalShare = 0.995;

    [SkippableFact]
    public void Standard_library_dumps_match_cpython()
    {
        var lib = PythonReference.StandardLibrary;
        Skip.If(lib is null, PythonReference.MissingReason + " (or its lib/python3.13)");
        var files = Directory.EnumerateFiles(lib!, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var comparisons = CpythonComparison.Compare(files);

        var identical = comparisons.Count(c => c.Identical);
        var rejectedByCpython = comparisons.Where(c => c.Reference.StartsWith("{\"error\"", StringComparison.Ordinal)).ToList();
        var differing = comparisons.Where(c => !c.Identical && !c.BothRejected).ToList();
        output.WriteLine($"{files.Count} files; identical {identical} ({100.0 * identical / files.Count:F2}%); " +
                         $"CPython rejects {rejectedByCpython.Count}, of which we reject {rejectedByCpython.Count(c => c.BothRejected)}; " +
                         $"differing {differing.Count}");
        foreach (var comparison in differing.Take(30)) output.WriteLine(comparison.Difference());

        rejectedByCpython.Where(c => !c.BothRejected).Select(c => c.Path).ShouldBeEmpty();
        var share = (double)comparisons.Count(c => c.Identical || c.BothRejected) / files.Count;
        share.ShouldBeGreaterThanOrEqualTo(RequiredIdenticalShare,
            $"{differing.Count} files differ; first: {differing.FirstOrDefault()?.Difference()}");
    }
}

/// <summary>The tree invariants (parent links, containment, order, no overlaps) on every stdlib tree.</summary>
public class StandardLibraryInvariantTests
{
    [SkippableFact]
    public void Every_standard_library_tree_keeps_the_invariants()
    {
        var lib = PythonReference.StandardLibrary;
        Skip.If(lib is null, PythonReference.MissingReason + " (or its lib/python3.13)");
        var files = Directory.EnumerateFiles(lib!, "*.py", SearchOption.AllDirectories).ToList();
        var broken = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(files, file =>
        {
            if (SyntaxTree.ParseFile(file).Tree is not { } tree) return;
            var violations = AstInvariants.Violations(tree.Root);
            if (violations.Count > 0) broken.Add($"{file}: {violations[0]}");
        });
        broken.Order(StringComparer.Ordinal).Take(10).ShouldBeEmpty();
    }
}
