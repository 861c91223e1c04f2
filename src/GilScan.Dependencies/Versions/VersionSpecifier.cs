using System.Text.RegularExpressions;

namespace GilScan.Dependencies.Versions;

/// <summary>
/// One clause of a PEP 440 specifier ("~=1.4.5", "==2.*", "!=1.1.0", "&lt;3", "===foo") with the spec's
/// matching rules: zero padding, prefix matching, local labels ignored unless the clause names one, and
/// the exclusive-comparison rules that keep pre-, post- and local releases of the bound out.
/// </summary>
public sealed partial class VersionSpecifier
{
    private VersionSpecifier(string op, string versionText, Pep440Version? version, bool isPrefix)
    {
        Operator = op;
        VersionText = versionText;
        Version = version;
        IsPrefixMatch = isPrefix;
    }

    public string Operator { get; }
    public string VersionText { get; }

    /// <summary>The bound; null only for the arbitrary-equality operator "===" with a non-PEP 440 string.</summary>
    public Pep440Version? Version { get; }

    public bool IsPrefixMatch { get; }

    public static bool TryParse(string text, out VersionSpecifier specifier)
    {
        specifier = null!;
        var match = ClausePattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var op = match.Groups["op"].Value;
        var versionText = match.Groups["version"].Value.Trim();
        if (op == "===")
        {
            specifier = new VersionSpecifier(op, versionText, Pep440Version.TryParse(versionText, out var any) ? any : null, false);
            return true;
        }

        var isPrefix = versionText.EndsWith(".*", StringComparison.Ordinal);
        if (isPrefix && op is not ("==" or "!="))
        {
            return false;
        }

        if (!Pep440Version.TryParse(isPrefix ? versionText[..^2] : versionText, out var version))
        {
            return false;
        }

        if (isPrefix && version.HasLocal)
        {
            return false;
        }

        if (version.HasLocal && op is not ("==" or "!="))
        {
            return false;
        }

        if (op == "~=" && version.Release.Count < 2)
        {
            return false;
        }

        specifier = new VersionSpecifier(op, versionText, version, isPrefix);
        return true;
    }

    public bool IsSatisfiedBy(Pep440Version candidate) => Operator switch
    {
        "===" => string.Equals(candidate.ToString(), VersionText, StringComparison.OrdinalIgnoreCase)
                 || (Version is not null && string.Equals(candidate.ToString(), Version.ToString(), StringComparison.Ordinal)),
        "==" => IsPrefixMatch ? PrefixMatches(candidate) : ExactMatches(candidate),
        "!=" => IsPrefixMatch ? !PrefixMatches(candidate) : !ExactMatches(candidate),
        "~=" => candidate.Public >= Version! && CompatiblePrefixMatches(candidate),
        "<=" => candidate.Public <= Version!,
        ">=" => candidate.Public >= Version!,
        "<" => IsBelow(candidate),
        ">" => IsAbove(candidate),
        _ => false,
    };

    private bool ExactMatches(Pep440Version candidate) =>
        Version!.HasLocal ? candidate.Equals(Version) : candidate.Public.Equals(Version);

    /// <summary>"==1.1.*": the candidate's release, padded with zeros, starts with the clause's segments.</summary>
    private bool PrefixMatches(Pep440Version candidate)
    {
        var bound = Version!;
        if (candidate.Epoch != bound.Epoch)
        {
            return false;
        }

        for (var i = 0; i < bound.Release.Count; i++)
        {
            var part = i < candidate.Release.Count ? candidate.Release[i] : 0;
            if (part != bound.Release[i])
            {
                return false;
            }
        }

        // A prefix that names a pre/post/dev segment must match it too ("==1.0rc1.*" is rare but legal).
        if (bound.Pre is not null && !Equals(bound.Pre, candidate.Pre))
        {
            return false;
        }

        if (bound.Post is not null && bound.Post != candidate.Post)
        {
            return false;
        }

        return bound.Dev is null || bound.Dev == candidate.Dev;
    }

    /// <summary>"~=1.4.5" means "&gt;=1.4.5, ==1.4.*": drop the last release part (and any suffix) for the prefix.</summary>
    private bool CompatiblePrefixMatches(Pep440Version candidate)
    {
        var bound = Version!;
        if (candidate.Epoch != bound.Epoch)
        {
            return false;
        }

        for (var i = 0; i < bound.Release.Count - 1; i++)
        {
            var part = i < candidate.Release.Count ? candidate.Release[i] : 0;
            if (part != bound.Release[i])
            {
                return false;
            }
        }

        return true;
    }

    private bool IsBelow(Pep440Version candidate)
    {
        var bound = Version!;
        var publicCandidate = candidate.Public;
        if (publicCandidate >= bound)
        {
            return false;
        }

        // "<V" does not admit pre-releases of V itself unless V is a pre-release.
        return bound.IsPreRelease || !candidate.IsPreRelease
               || Pep440Version.CompareRelease(candidate.Release, bound.Release) != 0 || candidate.Epoch != bound.Epoch;
    }

    private bool IsAbove(Pep440Version candidate)
    {
        var bound = Version!;
        var publicCandidate = candidate.Public;
        if (publicCandidate <= bound)
        {
            return false;
        }

        // ">V" does not admit post-releases of V's release unless V is one, nor local builds of it.
        var sameRelease = candidate.Epoch == bound.Epoch
                          && Pep440Version.CompareRelease(candidate.Release, bound.Release) == 0;
        if (sameRelease && !bound.IsPostRelease && candidate.IsPostRelease)
        {
            return false;
        }

        return !(sameRelease && candidate.HasLocal);
    }

    public override string ToString() => Operator + VersionText;

    [GeneratedRegex(@"^(?<op>===|~=|==|!=|<=|>=|<|>)\s*(?<version>[^\s,;]+)$")]
    private static partial Regex ClausePattern();
}
