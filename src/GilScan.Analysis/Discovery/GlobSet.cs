using Microsoft.Extensions.FileSystemGlobbing;

namespace GilScan.Analysis.Discovery;

/// <summary>
/// Glob patterns of the configuration (<c>exclude</c>, <c>extend-exclude</c>, <c>per-file-ignores</c>),
/// matched against project-relative paths with Microsoft.Extensions.FileSystemGlobbing, case-sensitively.
/// A pattern with a '/' is anchored at the project root (<c>src/generated/**</c>); a pattern without
/// one matches a file or directory name at any depth (<c>build</c>, <c>*_pb2.py</c>), as ruff's do.
/// Supported syntax: <c>*</c> (within a name) and <c>**</c> (any number of directories); see
/// <see cref="UnsupportedSyntax"/> for what is refused.
/// </summary>
public sealed class GlobSet
{
    private readonly Matcher? _anchored;
    private readonly Matcher? _names;

    public GlobSet(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        Patterns = [.. patterns];
        foreach (var raw in Patterns)
        {
            var pattern = Normalise(raw);
            if (pattern.Length == 0)
            {
                continue;
            }

            if (pattern.Contains('/'))
            {
                (_anchored ??= new Matcher(StringComparison.Ordinal)).AddInclude(pattern);
            }
            else
            {
                (_names ??= new Matcher(StringComparison.Ordinal)).AddInclude(pattern);
            }
        }
    }

    public static GlobSet Empty { get; } = new([]);

    public IReadOnlyList<string> Patterns { get; }

    /// <summary>
    /// The problem with a pattern's syntax, in words, or null when it is fine: FileSystemGlobbing treats
    /// <c>?</c>, <c>[…]</c> and <c>{…}</c> as literal characters, so a pattern using them would silently never match.
    /// </summary>
    public static string? UnsupportedSyntax(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return "a glob must not be empty";
        }

        var special = pattern.IndexOfAny(['?', '[', ']', '{', '}']);
        if (special >= 0)
        {
            return $"'{pattern[special]}' is not supported in globs (only '*' and '**' are)";
        }

        return Normalise(pattern).Split('/').Any(segment => segment == "..")
            ? "a glob must not climb out of the project with '..'"
            : null;
    }

    /// <summary>Whether the file or directory at <paramref name="relativePath"/> itself matches a pattern.</summary>
    public bool Matches(string relativePath)
    {
        if (_anchored is not null && _anchored.Match(relativePath).HasMatches)
        {
            return true;
        }

        if (_names is null)
        {
            return false;
        }

        var slash = relativePath.LastIndexOf('/');
        return _names.Match(slash < 0 ? relativePath : relativePath[(slash + 1)..]).HasMatches;
    }

    /// <summary>Whether <paramref name="relativePath"/> or one of the directories above it matches a pattern.</summary>
    public bool MatchesPathOrAncestor(string relativePath)
    {
        for (var path = relativePath; path.Length > 0; path = ParentOf(path))
        {
            if (Matches(path))
            {
                return true;
            }
        }

        return false;
    }

    private static string ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }

    private static string Normalise(string pattern)
    {
        var p = pattern.Trim().Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        return p.Trim('/');
    }
}
