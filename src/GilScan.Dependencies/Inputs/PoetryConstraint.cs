using GilScan.Dependencies.Versions;

namespace GilScan.Dependencies.Inputs;

/// <summary>
/// Translates Poetry's version constraints into PEP 440 specifier sets: "^1.2.3" (&gt;=1.2.3,&lt;2.0.0;
/// the first non-zero part is kept), "~1.2.3" (&gt;=1.2.3,&lt;1.3.0), "1.2.*", "*", a bare version (exact),
/// and comma- or space-separated PEP 440 clauses. Unions ("||") cannot be one set and are refused.
/// </summary>
public static class PoetryConstraint
{
    public static bool TryConvert(string text, out VersionSpecifierSet set)
    {
        set = VersionSpecifierSet.Any;
        var trimmed = text.Trim();
        if (trimmed is "" or "*")
        {
            return true;
        }

        if (trimmed.Contains("||", StringComparison.Ordinal))
        {
            return false;
        }

        var clauses = new List<string>();
        foreach (var raw in trimmed.Replace(",", " ", StringComparison.Ordinal)
                     .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw.StartsWith('^') && Pep440Version.TryParse(raw[1..], out var caret))
            {
                clauses.Add(">=" + caret);
                clauses.Add("<" + CaretUpper(caret.Release));
            }
            else if (raw.StartsWith('~') && !raw.StartsWith("~=", StringComparison.Ordinal) && Pep440Version.TryParse(raw[1..], out var tilde))
            {
                clauses.Add(">=" + tilde);
                clauses.Add("<" + TildeUpper(tilde.Release));
            }
            else if (raw.Length > 0 && (char.IsAsciiDigit(raw[0]) || raw[0] == 'v'))
            {
                clauses.Add("==" + raw);
            }
            else
            {
                clauses.Add(raw);
            }
        }

        return VersionSpecifierSet.TryParse(string.Join(",", clauses), out set, out _);
    }

    private static string CaretUpper(IReadOnlyList<long> release)
    {
        var firstNonZero = 0;
        while (firstNonZero < release.Count - 1 && release[firstNonZero] == 0)
        {
            firstNonZero++;
        }

        var upper = release.Take(firstNonZero + 1).ToArray();
        upper[^1]++;
        return string.Join('.', upper.Concat(Enumerable.Repeat(0L, Math.Max(0, release.Count - upper.Length))));
    }

    private static string TildeUpper(IReadOnlyList<long> release)
    {
        var keep = release.Count == 1 ? 1 : 2;
        var upper = release.Take(keep).ToArray();
        upper[^1]++;
        return string.Join('.', upper) + (keep == 2 ? ".0" : "");
    }

    /// <summary>
    /// A Poetry <c>python = "…"</c> constraint as an environment marker on <c>python_full_version</c>
    /// ("&gt;=3.8,&lt;3.10" gives <c>python_full_version &gt;= '3.8' and python_full_version &lt; '3.10'</c>;
    /// "||" alternatives become <c>or</c>), or null when a part is not understood (the dependency is then kept).
    /// </summary>
    public static string? ToPythonMarker(string constraint)
    {
        var alternatives = new List<string>();
        foreach (var part in constraint.Split("||", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryConvert(part, out var set))
            {
                return null;
            }

            if (set.Clauses.Count == 0)
            {
                return null; // "*": every Python
            }

            alternatives.Add(string.Join(" and ", set.Clauses.Select(c => $"python_full_version {c.Operator} '{c.VersionText}'")));
        }

        return alternatives.Count switch
        {
            0 => null,
            1 => alternatives[0],
            _ => string.Join(" or ", alternatives.Select(a => $"({a})")),
        };
    }
}
