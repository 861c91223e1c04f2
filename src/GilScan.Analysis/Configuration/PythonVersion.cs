using System.Globalization;
using System.Text.RegularExpressions;

namespace GilScan.Analysis.Configuration;

/// <summary>A Python minor version, written as ruff writes <c>target-version</c>: <c>py38</c> … <c>py314</c>.</summary>
public readonly partial record struct PythonVersion(int Major, int Minor) : IComparable<PythonVersion>
{
    /// <summary>The oldest version gilscan parses.</summary>
    public static PythonVersion Oldest { get; } = new(3, 8);

    /// <summary>The newest version gilscan parses.</summary>
    public static PythonVersion Newest { get; } = new(3, 14);

    /// <summary>Every supported value, oldest first (py38 … py314).</summary>
    public static IReadOnlyList<PythonVersion> Supported { get; } =
        [.. Enumerable.Range(Oldest.Minor, Newest.Minor - Oldest.Minor + 1).Select(minor => new PythonVersion(3, minor))];

    /// <summary>Parses <c>pyXY</c> / <c>pyXYZ</c>; null when the text is not a supported version.</summary>
    public static PythonVersion? TryParse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var version = new PythonVersion(3, int.Parse(match.Groups["minor"].Value, CultureInfo.InvariantCulture));
        return Supported.Contains(version) ? version : null;
    }

    public int CompareTo(PythonVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"py{Major}{Minor}");

    [GeneratedRegex("^py3(?<minor>[0-9]{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
