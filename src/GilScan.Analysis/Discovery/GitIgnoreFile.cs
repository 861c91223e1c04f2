using GilScan.Syntax.Text;
using System.Text;
using System.Text.RegularExpressions;

namespace GilScan.Analysis.Discovery;

/// <summary>
/// The patterns of one .gitignore (or .git/info/exclude), with git's semantics (gitignore(5)):
/// blank lines and <c>#</c> comments are skipped; <c>!</c> re-includes; a trailing <c>/</c> matches
/// directories only; a pattern with a <c>/</c> elsewhere is relative to the file's folder, one
/// without matches a name at any depth; <c>*</c>, <c>?</c>, <c>[…]</c> stay within a name and
/// <c>**</c> spans folders; <c>\</c> escapes. Within one file the last matching pattern decides.
/// </summary>
public sealed class GitIgnoreFile
{
    private readonly List<Pattern> _patterns;

    private GitIgnoreFile(string baseDirectory, List<Pattern> patterns)
    {
        BaseDirectory = baseDirectory;
        _patterns = patterns;
    }

    /// <summary>The folder the patterns are relative to.</summary>
    public string BaseDirectory { get; }

    public int Count => _patterns.Count;

    public static GitIgnoreFile Parse(string baseDirectory, string text)
    {
        var patterns = new List<Pattern>();
        foreach (var raw in text.Split('\n'))
        {
            if (ParseLine(raw.TrimEnd('\r')) is { } pattern)
            {
                patterns.Add(pattern);
            }
        }

        return new GitIgnoreFile(baseDirectory, patterns);
    }

    /// <summary>The file's patterns, or null when it does not exist or cannot be read.</summary>
    public static GitIgnoreFile? TryLoad(string baseDirectory, string file)
    {
        try
        {
            // Git reads only regular files as ignore files; a named pipe here would block the walk forever.
            return File.Exists(file) && FileKinds.Of(file) == FileKind.Regular ? Parse(baseDirectory, File.ReadAllText(file)) : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True (ignored), false (re-included by a '!' pattern) or null (no pattern matches).</summary>
    /// <param name="relativePath">The path relative to <see cref="BaseDirectory"/>, '/' separators.</param>
    public bool? Decide(string relativePath, bool isDirectory)
    {
        for (var i = _patterns.Count - 1; i >= 0; i--)
        {
            var pattern = _patterns[i];
            if ((!pattern.DirectoryOnly || isDirectory) && pattern.Regex.IsMatch(relativePath))
            {
                return !pattern.Negated;
            }
        }

        return null;
    }

    private static Pattern? ParseLine(string line)
    {
        line = TrimUnescapedTrailingSpaces(line);
        if (line.Length == 0 || line[0] == '#')
        {
            return null;
        }

        var negated = line[0] == '!';
        if (negated)
        {
            line = line[1..];
        }
        else if (line.StartsWith("\\!", StringComparison.Ordinal) || line.StartsWith("\\#", StringComparison.Ordinal))
        {
            line = line[1..];
        }

        var directoryOnly = line.EndsWith('/') && !line.EndsWith("\\/", StringComparison.Ordinal);
        line = line.TrimEnd('/');
        if (line.Length == 0)
        {
            return null;
        }

        var anchored = line.Contains('/');
        line = line.TrimStart('/');
        var body = Translate(line);
        var regex = new Regex(anchored ? $"^{body}$" : $"^(?:.*/)?{body}$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
        return new Pattern(regex, negated, directoryOnly);
    }

    private static string TrimUnescapedTrailingSpaces(string line)
    {
        var end = line.Length;
        while (end > 0 && line[end - 1] == ' ' && !(end > 1 && line[end - 2] == '\\'))
        {
            end--;
        }

        return line[..end];
    }

    // gitignore glob -> .NET regex body (without anchors).
    private static string Translate(string glob)
    {
        var regex = new StringBuilder();
        var i = 0;
        if (glob.StartsWith("**/", StringComparison.Ordinal))
        {
            regex.Append("(?:.*/)?");
            i = 3;
        }

        while (i < glob.Length)
        {
            var c = glob[i];
            if (c == '/' && string.CompareOrdinal(glob, i, "/**/", 0, 4) == 0)
            {
                regex.Append("/(?:.*/)?");
                i += 4;
            }
            else if (c == '/' && i + 3 == glob.Length && string.CompareOrdinal(glob, i, "/**", 0, 3) == 0)
            {
                regex.Append("/.*");
                i += 3;
            }
            else if (c == '*')
            {
                while (i < glob.Length && glob[i] == '*')
                {
                    i++;
                }

                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
                i++;
            }
            else if (c == '[' && CharacterClass(glob, i) is { } characterClass)
            {
                regex.Append(characterClass.Regex);
                i = characterClass.End;
            }
            else if (c == '\\' && i + 1 < glob.Length)
            {
                regex.Append(Regex.Escape(glob[i + 1].ToString()));
                i += 2;
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
                i++;
            }
        }

        return regex.ToString();
    }

    // "[abc]", "[!a-z]", "[^0-9]" starting at `start`; null when there is no closing bracket.
    private static (string Regex, int End)? CharacterClass(string glob, int start)
    {
        var i = start + 1;
        var negated = i < glob.Length && glob[i] is '!' or '^';
        if (negated)
        {
            i++;
        }

        var members = new StringBuilder();
        var first = true;
        while (i < glob.Length && (glob[i] != ']' || first))
        {
            var c = glob[i];
            if (c == '\\' && i + 1 < glob.Length)
            {
                members.Append(Regex.Escape(glob[i + 1].ToString()));
                i += 2;
            }
            else
            {
                members.Append(c == '-' ? "-" : Regex.Escape(c.ToString()).Replace("]", "\\]", StringComparison.Ordinal));
                i++;
            }

            first = false;
        }

        if (i >= glob.Length)
        {
            return null;
        }

        return ($"(?!/)[{(negated ? "^" : string.Empty)}{members}]", i + 1);
    }

    private sealed record Pattern(Regex Regex, bool Negated, bool DirectoryOnly);
}
