using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GilScan.Dependencies.Versions;

public enum PreReleaseKind
{
    Alpha,
    Beta,
    ReleaseCandidate,
}

/// <summary>
/// A version as PEP 440 ("Version specifiers", packaging.python.org) defines it: epoch, release,
/// pre/post/dev segments and a local label, with the spec's normalisation rules (alternate spellings,
/// separators, implicit numbers, leading 'v', leading zeros) and its total ordering.
/// </summary>
public sealed partial class Pep440Version : IComparable<Pep440Version>, IEquatable<Pep440Version>
{
    private Pep440Version(
        long epoch, IReadOnlyList<long> release, (PreReleaseKind Kind, long Number)? pre, long? post, long? dev,
        IReadOnlyList<string> local)
    {
        Epoch = epoch;
        Release = release;
        Pre = pre;
        Post = post;
        Dev = dev;
        Local = local;
    }

    public long Epoch { get; }
    public IReadOnlyList<long> Release { get; }
    public (PreReleaseKind Kind, long Number)? Pre { get; }
    public long? Post { get; }
    public long? Dev { get; }

    /// <summary>Local label segments, normalised to lower case; digit-only segments compare as numbers.</summary>
    public IReadOnlyList<string> Local { get; }

    public bool IsPreRelease => Pre is not null || Dev is not null;
    public bool IsPostRelease => Post is not null;
    public bool HasLocal => Local.Count > 0;

    /// <summary>The same version without its local label (what most specifiers compare).</summary>
    public Pep440Version Public => HasLocal ? new Pep440Version(Epoch, Release, Pre, Post, Dev, []) : this;

    /// <summary>The release segment alone, e.g. 1.4.5 for 1.4.5rc1.post2.</summary>
    public Pep440Version BaseVersion => new(Epoch, Release, null, null, null, []);

    public static Pep440Version Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a PEP 440 version");

    public static bool TryParse(string? text, out Pep440Version version)
    {
        version = null!;
        if (text is null)
        {
            return false;
        }

        var match = VersionPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        long epoch = 0;
        if (match.Groups["epoch"].Success && !TryNumber(match.Groups["epoch"].Value, out epoch))
        {
            return false;
        }

        var release = new List<long>();
        foreach (var part in match.Groups["release"].Value.Split('.'))
        {
            if (!TryNumber(part, out var number))
            {
                return false;
            }

            release.Add(number);
        }

        (PreReleaseKind, long)? pre = null;
        if (match.Groups["pre_l"].Success)
        {
            if (!TryOptionalNumber(match.Groups["pre_n"], out var preNumber))
            {
                return false;
            }

            pre = (PreKind(match.Groups["pre_l"].Value), preNumber);
        }

        long? post = null;
        if (match.Groups["post_n1"].Success)
        {
            if (!TryNumber(match.Groups["post_n1"].Value, out var implicitPost))
            {
                return false;
            }

            post = implicitPost;
        }
        else if (match.Groups["post_l"].Success)
        {
            if (!TryOptionalNumber(match.Groups["post_n2"], out var explicitPost))
            {
                return false;
            }

            post = explicitPost;
        }

        long? dev = null;
        if (match.Groups["dev_l"].Success)
        {
            if (!TryOptionalNumber(match.Groups["dev_n"], out var devNumber))
            {
                return false;
            }

            dev = devNumber;
        }

        var local = match.Groups["local"].Success
            ? match.Groups["local"].Value.ToLowerInvariant().Split('.', '-', '_').Select(NormalizeLocalPart).ToArray()
            : [];
        version = new Pep440Version(epoch, release, pre, post, dev, local);
        return true;
    }

    private static string NormalizeLocalPart(string part) =>
        part.All(char.IsAsciiDigit) && TryNumber(part, out var n) ? n.ToString(CultureInfo.InvariantCulture) : part;

    private static bool TryNumber(string digits, out long value) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryOptionalNumber(Group group, out long value)
    {
        value = 0;
        return !group.Success || group.Value.Length == 0 || TryNumber(group.Value, out value);
    }

    private static PreReleaseKind PreKind(string label) => label.ToLowerInvariant() switch
    {
        "a" or "alpha" => PreReleaseKind.Alpha,
        "b" or "beta" => PreReleaseKind.Beta,
        _ => PreReleaseKind.ReleaseCandidate, // rc, c, pre, preview
    };

    /// <summary>The normalised form, e.g. "1.0a1", "1!2.0.post1.dev3+ubuntu.1".</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Epoch != 0)
        {
            text.Append(Epoch.ToString(CultureInfo.InvariantCulture)).Append('!');
        }

        text.AppendJoin('.', Release.Select(r => r.ToString(CultureInfo.InvariantCulture)));
        if (Pre is { } p)
        {
            text.Append(p.Kind switch { PreReleaseKind.Alpha => "a", PreReleaseKind.Beta => "b", _ => "rc" })
                .Append(p.Number.ToString(CultureInfo.InvariantCulture));
        }

        if (Post is { } post)
        {
            text.Append(".post").Append(post.ToString(CultureInfo.InvariantCulture));
        }

        if (Dev is { } dev)
        {
            text.Append(".dev").Append(dev.ToString(CultureInfo.InvariantCulture));
        }

        if (HasLocal)
        {
            text.Append('+').AppendJoin('.', Local);
        }

        return text.ToString();
    }

    public int CompareTo(Pep440Version? other)
    {
        if (other is null)
        {
            return 1;
        }

        var result = Epoch.CompareTo(other.Epoch);
        if (result != 0)
        {
            return result;
        }

        result = CompareRelease(Release, other.Release);
        if (result != 0)
        {
            return result;
        }

        result = PreRank().CompareTo(other.PreRank());
        if (result != 0)
        {
            return result;
        }

        result = (Post ?? -1).CompareTo(other.Post ?? -1);
        if (result != 0)
        {
            return result;
        }

        result = (Dev ?? long.MaxValue).CompareTo(other.Dev ?? long.MaxValue);
        return result != 0 ? result : CompareLocal(Local, other.Local);
    }

    /// <summary>
    /// Where the pre-release segment puts a version among its release: a dev release of the plain release
    /// (1.0.dev1) sorts before any pre-release of it, and the final release after all of them.
    /// </summary>
    private (int Tier, int Kind, long Number) PreRank()
    {
        if (Pre is { } pre)
        {
            return (1, (int)pre.Kind, pre.Number);
        }

        return Post is null && Dev is not null ? (0, 0, 0) : (2, 0, 0);
    }

    internal static int CompareRelease(IReadOnlyList<long> left, IReadOnlyList<long> right)
    {
        var length = Math.Max(left.Count, right.Count);
        for (var i = 0; i < length; i++)
        {
            var result = (i < left.Count ? left[i] : 0).CompareTo(i < right.Count ? right[i] : 0);
            if (result != 0)
            {
                return result;
            }
        }

        return 0;
    }

    /// <summary>Local labels: none sorts first; numeric segments beat alphanumeric ones; longer wins ties.</summary>
    private static int CompareLocal(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            var leftIsNumber = long.TryParse(left[i], NumberStyles.None, CultureInfo.InvariantCulture, out var l);
            var rightIsNumber = long.TryParse(right[i], NumberStyles.None, CultureInfo.InvariantCulture, out var r);
            var result = (leftIsNumber, rightIsNumber) switch
            {
                (true, true) => l.CompareTo(r),
                (true, false) => 1,
                (false, true) => -1,
                _ => string.CompareOrdinal(left[i], right[i]),
            };
            if (result != 0)
            {
                return result;
            }
        }

        return left.Count.CompareTo(right.Count);
    }

    public bool Equals(Pep440Version? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is Pep440Version other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Epoch);
        var significant = Release.Count;
        while (significant > 1 && Release[significant - 1] == 0)
        {
            significant--;
        }

        for (var i = 0; i < significant; i++)
        {
            hash.Add(Release[i]);
        }

        hash.Add(Pre);
        hash.Add(Post);
        hash.Add(Dev);
        foreach (var part in Local)
        {
            hash.Add(part);
        }

        return hash.ToHashCode();
    }

    public static bool operator <(Pep440Version left, Pep440Version right) => left.CompareTo(right) < 0;
    public static bool operator >(Pep440Version left, Pep440Version right) => left.CompareTo(right) > 0;
    public static bool operator <=(Pep440Version left, Pep440Version right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Pep440Version left, Pep440Version right) => left.CompareTo(right) >= 0;

    // Our transcription of the grammar in PEP 440's appendix (with its permitted alternate spellings).
    [GeneratedRegex(
        @"^v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\.[0-9]+)*)" +
        @"(?:[-_.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pre_n>[0-9]+)?)?" +
        @"(?:-(?<post_n1>[0-9]+)|[-_.]?(?<post_l>post|rev|r)[-_.]?(?<post_n2>[0-9]+)?)?" +
        @"(?:[-_.]?(?<dev_l>dev)[-_.]?(?<dev_n>[0-9]+)?)?" +
        @"(?:\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
