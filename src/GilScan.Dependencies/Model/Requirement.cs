using GilScan.Dependencies.Versions;

namespace GilScan.Dependencies.Model;

/// <summary>A PEP 508 dependency specifier: <c>name[extras] (specifier | @ url) ; marker</c>.</summary>
public sealed record Requirement(
    string Name,
    IReadOnlyList<string> Extras,
    VersionSpecifierSet Specifier,
    string? Url,
    string? Marker)
{
    public string NormalizedName => DistributionName.Normalize(Name);

    /// <summary>The version an "==X" clause (without wildcard) pins, if the specifier is such a pin.</summary>
    public Pep440Version? PinnedVersion =>
        Specifier.Clauses is [{ Operator: "==" or "===", IsPrefixMatch: false, Version: { } version }] ? version : null;
}
