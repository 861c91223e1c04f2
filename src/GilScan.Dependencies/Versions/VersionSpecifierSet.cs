namespace GilScan.Dependencies.Versions;

/// <summary>A comma-separated PEP 440 specifier ("&gt;=2.1,&lt;3,!=2.2.0"); the empty set admits every version.</summary>
public sealed class VersionSpecifierSet
{
    private VersionSpecifierSet(IReadOnlyList<VersionSpecifier> clauses, string text)
    {
        Clauses = clauses;
        Text = text;
    }

    public static VersionSpecifierSet Any { get; } = new([], "");

    public IReadOnlyList<VersionSpecifier> Clauses { get; }
    public string Text { get; }

    public static bool TryParse(string? text, out VersionSpecifierSet set, out string? error)
    {
        set = Any;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var clauses = new List<VersionSpecifier>();
        foreach (var part in text.Split(','))
        {
            if (!VersionSpecifier.TryParse(part, out var clause))
            {
                error = $"'{part.Trim()}' is not a PEP 440 version specifier";
                return false;
            }

            clauses.Add(clause);
        }

        set = new VersionSpecifierSet(clauses, string.Join(",", clauses));
        return true;
    }

    public static VersionSpecifierSet Parse(string text) =>
        TryParse(text, out var set, out var error) ? set : throw new FormatException(error);

    /// <summary>
    /// Whether <paramref name="version"/> satisfies every clause. Pre-releases are excluded unless a clause
    /// names one or <paramref name="includePreReleases"/> asks for them, as installers do by default; the
    /// knowledge base asks for them because it classifies pinned versions rather than choosing one.
    /// </summary>
    public bool Contains(Pep440Version version, bool includePreReleases = false)
    {
        if (version.IsPreRelease && !includePreReleases && !Clauses.Any(c => c.Version?.IsPreRelease == true))
        {
            return false;
        }

        return Clauses.All(c => c.IsSatisfiedBy(version));
    }

    public override string ToString() => Text;
}
