using System.Text;
using System.Text.RegularExpressions;
using GilScan.Dependencies.Model;

namespace GilScan.Dependencies.Inputs;

/// <summary>
/// Finds a project's dependency inputs and reads each with the right parser. Reading never throws: an
/// unreadable or undecodable file becomes a <see cref="DependencyFile"/> with one error diagnostic.
/// </summary>
public static partial class DependencyInputReader
{
    /// <summary>The input kind a file name stands for, or null when it is not a dependency input.</summary>
    public static InputKind? KindOf(string path)
    {
        var name = Path.GetFileName(path);
        return name switch
        {
            "pyproject.toml" => InputKind.PyprojectToml,
            "uv.lock" => InputKind.UvLock,
            "poetry.lock" => InputKind.PoetryLock,
            "pdm.lock" => InputKind.PdmLock,
            "Pipfile.lock" => InputKind.PipfileLock,
            _ when PylockName().IsMatch(name) => InputKind.PylockToml,
            _ when RequirementsName().IsMatch(name) => InputKind.RequirementsTxt,
            _ when InRequirementsFolder(path) && RequirementsFolderFile().IsMatch(name) => InputKind.RequirementsTxt,
            _ => null,
        };
    }

    // pip-tools layouts keep "requirements/base.in", "requirements/base.txt", "requirements/test-ft.txt".
    private static bool InRequirementsFolder(string path) =>
        Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) is "requirements" or "reqs";

    /// <summary>
    /// The inputs in a project root, in a fixed order: pyproject.toml, lockfiles, then requirements files
    /// (root and a <c>requirements/</c> directory). Included requirement files are read through their includer.
    /// </summary>
    public static IReadOnlyList<string> Discover(string projectRoot)
    {
        if (!Directory.Exists(projectRoot))
        {
            return [];
        }

        var found = Directory.EnumerateFiles(projectRoot)
            .Concat(Directory.Exists(Path.Combine(projectRoot, "requirements"))
                ? Directory.EnumerateFiles(Path.Combine(projectRoot, "requirements"))
                : [])
            .Where(p => KindOf(p) is not null)
            .OrderBy(p => KindOf(p)!.Value)
            .ThenBy(p => p, StringComparer.Ordinal)
            .ToList();
        return found;
    }

    public static DependencyFile Read(string path)
    {
        var kind = KindOf(path);
        if (kind is null)
        {
            return Failed(path, InputKind.RequirementsTxt, $"'{Path.GetFileName(path)}' is not a known dependency input");
        }

        string text;
        try
        {
            var bytes = File.ReadAllBytes(path);
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Failed(path, kind.Value, "the file is not valid UTF-8");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Failed(path, kind.Value, $"cannot read the file: {exception.Message}");
        }

        return Parse(text, path, kind.Value);
    }

    public static DependencyFile Parse(string text, string path, InputKind kind)
    {
        text = text.StartsWith('\uFEFF') ? text[1..] : text;
        try
        {
            return ParseKnownKind(text, path, kind);
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or StackOverflowException))
        {
            // The parsers report problems as diagnostics; this is the net for a case they did not foresee.
            return Failed(path, kind, $"internal error while reading the file ({exception.GetType().Name}: {exception.Message}); please report it");
        }
    }

    private static DependencyFile ParseKnownKind(string text, string path, InputKind kind)
    {
        return kind switch
        {
            InputKind.PyprojectToml => PyprojectParser.Parse(text, path),
            InputKind.UvLock => UvLockParser.Parse(text, path),
            InputKind.PoetryLock => PoetryLockParser.Parse(text, path),
            InputKind.PdmLock => PdmLockParser.Parse(text, path),
            InputKind.PylockToml => PylockParser.Parse(text, path),
            InputKind.PipfileLock => PipfileLockParser.Parse(text, path),
            InputKind.RequirementsTxt => new RequirementsTxtParser().Parse(text, path),
            _ => Failed(path, kind, $"{kind} is not a text input"),
        };
    }

    private static DependencyFile Failed(string path, InputKind kind, string message) =>
        new(path, kind, [], [new DependencyDiagnostic(DiagnosticSeverity.Error, message, SourceAnchor.File(path))]);

    [GeneratedRegex(@"^pylock(\.[^.]+)?\.toml$")]
    private static partial Regex PylockName();

    [GeneratedRegex(@"^[^.].*\.(txt|in)$")]
    private static partial Regex RequirementsFolderFile();

    [GeneratedRegex(@"^requirements.*\.(txt|in)$|.*requirements\.txt$")]
    private static partial Regex RequirementsName();
}
