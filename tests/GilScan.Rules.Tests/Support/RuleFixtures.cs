namespace GilScan.Rules.Tests.Support;

/// <summary>The per-rule fixture folders, fixtures/rules/GILnnn, as they are on disk.</summary>
internal static class RuleFixtures
{
    public static string Root { get; } = RepositoryRoot.Combine("fixtures", "rules");

    /// <summary>The folder names (rule ids), in order.</summary>
    public static IEnumerable<string> Folders() =>
        Directory.EnumerateDirectories(Root).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal);

    public static string Folder(string id) => Path.Combine(Root, id);

    /// <summary>The Python files below <paramref name="folder"/> with their '# expect:' markers.</summary>
    public static IReadOnlyList<(string Path, IReadOnlyList<FixtureExpectations.Marker> Markers)> Files(string folder) =>
        [.. Directory.GetFiles(folder, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (f, (IReadOnlyList<FixtureExpectations.Marker>)[.. FixtureExpectations.Markers(f, File.ReadAllText(f))]))];
}
