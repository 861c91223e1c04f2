using GilScan.Syntax;

namespace GilScan.Semantics.Tests.Support;

/// <summary>
/// The one way semantic tests get syntax trees: gilscan's own parser (GilScan.Syntax), the one the
/// product runs. Its trees are checked against CPython 3.13's <c>ast</c> on the whole standard library
/// by the syntax tests, so semantic tests no longer need an interpreter.
/// </summary>
public static class TestSource
{
    /// <summary>Parses <paramref name="source"/> (already dedented, as C# raw strings are) as the
    /// file <paramref name="path"/>; throws when it is not valid Python.</summary>
    public static Module Parse(string source, string path = "m.py") => ParseAll([(path, source)])[0];

    public static IReadOnlyList<Module> ParseAll(IReadOnlyList<(string Path, string Source)> files) =>
        files.Select(f =>
        {
            var result = SyntaxTree.ParseText(f.Path, f.Source);
            return result.Tree?.Root
                ?? throw new ArgumentException($"{f.Path}:{result.Error!.Line}:{result.Error.Column}: {result.Error.Message}", nameof(files));
        }).ToList();
}
