using System.Text;

namespace GilScan.Sarif;

/// <summary>
/// URIs as SARIF and GitHub want them: result paths relative to SRCROOT with '/' separators and
/// every byte outside RFC 3986's unreserved set percent-encoded (upper-case hex, from UTF-8), and
/// SRCROOT itself as an absolute <c>file:</c> URI ending with '/'.
/// </summary>
public static class SarifUris
{
    /// <summary>The id SARIF results use for the project root (<c>uriBaseId</c>).</summary>
    public const string SourceRootId = "SRCROOT";

    /// <summary>Percent-encodes a project-relative path segment by segment (<c>src/my file.py</c> -> <c>src/my%20file.py</c>).</summary>
    public static Uri Relative(string projectRelativePath) =>
        new(string.Join('/', projectRelativePath.Split('/').Select(EncodeSegment)), UriKind.Relative);

    /// <summary>The <c>file:</c> URI of an absolute directory, with a trailing slash.</summary>
    public static Uri SourceRoot(string absoluteDirectory)
    {
        if (!Path.IsPathFullyQualified(absoluteDirectory))
        {
            throw new ArgumentException($"The source root '{absoluteDirectory}' must be an absolute path.", nameof(absoluteDirectory));
        }

        var segments = Path.GetFullPath(absoluteDirectory).Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var encoded = segments.Select((segment, i) => i == 0 && IsDriveLetter(segment) ? segment : EncodeSegment(segment));
        return new Uri("file:///" + string.Join('/', encoded) + (segments.Length > 0 ? "/" : string.Empty), UriKind.Absolute);
    }

    /// <summary>Undoes <see cref="Relative"/>: the project-relative path of a relative URI.</summary>
    public static string PathOf(Uri relative) => Uri.UnescapeDataString(relative.OriginalString);

    private static bool IsDriveLetter(string segment) => segment.Length == 2 && char.IsAsciiLetter(segment[0]) && segment[1] == ':';

    private static string EncodeSegment(string segment)
    {
        var output = new StringBuilder(segment.Length);
        foreach (var b in Encoding.UTF8.GetBytes(segment))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                output.Append((char)b);
            }
            else
            {
                output.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return output.ToString();
    }
}
