using GilScan.Dependencies.Model;
using GilScan.Dependencies.Versions;

namespace GilScan.Dependencies.Inputs;

/// <summary>
/// Reads PEP 508 dependency specifiers ("requests[socks]>=2.31; python_version >= '3.8'",
/// "pkg @ https://host/pkg-1.0-py3-none-any.whl ; sys_platform == 'linux'"). Markers are kept as text:
/// the audit reports every pin whatever platform it is for.
/// </summary>
public static class Pep508Parser
{
    public static bool TryParse(string text, out Requirement requirement, out string? error)
    {
        requirement = null!;
        error = null;
        var s = text.Trim();
        var i = 0;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '-' or '_' or '.'))
        {
            i++;
        }

        var name = s[..i];
        if (name.Length == 0 || !DistributionName.IsValid(name))
        {
            error = name.Length == 0 ? $"'{s}' does not start with a project name" : $"'{name}' is not a valid project name";
            return false;
        }

        SkipSpaces(s, ref i);
        var extras = new List<string>();
        if (i < s.Length && s[i] == '[')
        {
            var close = s.IndexOf(']', i);
            if (close < 0)
            {
                error = $"unclosed '[' in the extras of '{name}'";
                return false;
            }

            extras.AddRange(s[(i + 1)..close].Split(',').Select(e => e.Trim()).Where(e => e.Length > 0));
            i = close + 1;
            SkipSpaces(s, ref i);
        }

        string? url = null;
        var specifierText = "";
        string? marker = null;
        if (i < s.Length && s[i] == '@')
        {
            i++;
            SkipSpaces(s, ref i);
            var urlStart = i;
            // A URL ends at whitespace; a marker after a URL must be preceded by whitespace (PEP 508).
            while (i < s.Length && !char.IsWhiteSpace(s[i]))
            {
                i++;
            }

            url = s[urlStart..i];
            if (url.Length == 0)
            {
                error = $"'{name} @' is not followed by a URL";
                return false;
            }

            SkipSpaces(s, ref i);
        }
        else
        {
            var markerStart = s.IndexOf(';', i);
            var specEnd = markerStart < 0 ? s.Length : markerStart;
            specifierText = s[i..specEnd].Trim();
            if (specifierText.StartsWith('(') && specifierText.EndsWith(')'))
            {
                specifierText = specifierText[1..^1].Trim();
            }

            i = specEnd;
        }

        if (i < s.Length)
        {
            if (s[i] != ';')
            {
                error = $"unexpected '{s[i..]}' after the requirement '{name}'";
                return false;
            }

            marker = s[(i + 1)..].Trim();
            if (marker.Length == 0)
            {
                error = $"empty environment marker after ';' in '{name}'";
                return false;
            }
        }

        if (!VersionSpecifierSet.TryParse(specifierText, out var specifier, out var specifierError))
        {
            error = $"{specifierError} (in the requirement '{name}')";
            return false;
        }

        requirement = new Requirement(name, extras, specifier, url, marker);
        return true;
    }

    private static void SkipSpaces(string s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }
    }
}
