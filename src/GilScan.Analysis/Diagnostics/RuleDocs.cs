using System.Collections.Immutable;
using System.Reflection;
using System.Text;

namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// The set of rule pages, by id: loaded from a rules/docs folder, or from the copy embedded in this
/// assembly at build time (so the packaged tool needs no repository). Immutable once loaded.
/// </summary>
public sealed class RuleDocs
{
    private const string ResourcePrefix = "rules/docs/";
    private readonly ImmutableSortedDictionary<string, RuleDoc> _byId;

    private RuleDocs(ImmutableSortedDictionary<string, RuleDoc> byId) => _byId = byId;

    /// <summary>All pages, in id order.</summary>
    public IEnumerable<RuleDoc> All => _byId.Values;

    public int Count => _byId.Count;

    public RuleDoc this[string id] =>
        _byId.TryGetValue(id, out var doc) ? doc : throw new KeyNotFoundException($"No documentation page for rule {id} (rules/docs/{id}.md).");

    public bool TryGet(string id, out RuleDoc doc)
    {
        var found = _byId.TryGetValue(id, out var value);
        doc = value!;
        return found;
    }

    /// <summary>Reads every <c>GILnnn.md</c> in <paramref name="directory"/>.</summary>
    /// <exception cref="RuleDocFormatException">A page breaks the skeleton, or a .md file is not named after a rule id.</exception>
    public static RuleDocs LoadDirectory(string directory)
    {
        var pages = Directory.EnumerateFiles(directory, "*.md", SearchOption.TopDirectoryOnly)
            .Select(path => (Name: Path.GetFileName(path), Source: path, Text: File.ReadAllText(path, Encoding.UTF8)));
        return FromPages(pages);
    }

    /// <summary>The pages embedded in GilScan.Analysis from the repository's rules/docs at build time.</summary>
    public static RuleDocs LoadEmbedded()
    {
        var assembly = typeof(RuleDocs).Assembly;
        var pages = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name => (Name: name[ResourcePrefix.Length..], Source: name, Text: ReadResource(assembly, name)));
        return FromPages(pages);
    }

    /// <summary>Pages given by file name (GIL001.md) and text; for tests and other sources.</summary>
    public static RuleDocs FromPages(IEnumerable<(string Name, string Source, string Text)> pages)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, RuleDoc>(StringComparer.Ordinal);
        foreach (var (name, source, text) in pages)
        {
            var id = Path.GetFileNameWithoutExtension(name);
            if (!name.EndsWith(".md", StringComparison.Ordinal) || !RuleConventions.IsWellFormedId(id))
            {
                throw new RuleDocFormatException(source, 1, "a rule page must be named GILnnn.md after its rule id");
            }

            builder.Add(id, RuleDocParser.Parse(id, text, source));
        }

        return new RuleDocs(builder.ToImmutable());
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
