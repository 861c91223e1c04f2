using System.Text.RegularExpressions;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Wheels;

namespace GilScan.Dependencies.Inputs;

/// <summary>
/// Reads pip requirements files the way pip does: backslash continuations are joined first, then
/// comments ("#" at the start or after whitespace) are dropped; "-r"/"-c" include other files relative
/// to the including one; per-requirement options ("--hash=sha256:…") follow the requirement; direct
/// references may be "name @ url", a bare wheel URL or path, or a VCS URL with "#egg=name".
/// </summary>
public sealed partial class RequirementsTxtParser
{
    private readonly Func<string, string?> _readFile;

    /// <param name="readFile">Returns a file's text, or null when it cannot be read (injected for tests).</param>
    public RequirementsTxtParser(Func<string, string?>? readFile = null) =>
        _readFile = readFile ?? (path => File.Exists(path) ? File.ReadAllText(path) : null);

    public DependencyFile ParseFile(string path)
    {
        var text = _readFile(path);
        if (text is null)
        {
            return new DependencyFile(path, InputKind.RequirementsTxt, [],
                [new DependencyDiagnostic(DiagnosticSeverity.Error, $"cannot read requirements file '{path}'", SourceAnchor.File(path))]);
        }

        return Parse(text, path);
    }

    public DependencyFile Parse(string text, string path)
    {
        var state = new ParseState();
        state.Visiting.Add(Path.GetFullPath(path));
        ParseInto(text, path, isConstraint: false, state);
        return new DependencyFile(path, InputKind.RequirementsTxt, state.Entries, state.Diagnostics,
            IncludedFiles: state.Included);
    }

    private sealed class ParseState
    {
        public List<DependencyEntry> Entries { get; } = [];
        public List<DependencyDiagnostic> Diagnostics { get; } = [];
        public List<string> Included { get; } = [];
        public HashSet<string> Visiting { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>A logical line: its text and, for every character, the offset it came from in the file.</summary>
    private sealed record LogicalLine(string Text, int[] SourceOffsets);

    private void ParseInto(string text, string path, bool isConstraint, ParseState state)
    {
        var lines = new Text.LineMap(text);
        var via = new ViaComments();
        foreach (var line in JoinContinuations(text))
        {
            var content = CommentPattern().Replace(line.Text, "");
            var leading = content.Length - content.TrimStart().Length;
            var trimmed = content.Trim();
            if (trimmed.Length == 0)
            {
                via.Read(line.Text, state.Entries);
                continue;
            }

            via.End();

            SourceAnchor AnchorAt(int start, int length)
            {
                var from = line.SourceOffsets[Math.Min(start, line.SourceOffsets.Length - 1)];
                var to = line.SourceOffsets[Math.Min(start + Math.Max(length, 1), line.SourceOffsets.Length) - 1] + 1;
                return lines.Anchor(path, from, to - from);
            }

            var lineAnchor = AnchorAt(leading, trimmed.Length);
            if (trimmed.StartsWith('-'))
            {
                HandleOption(trimmed, path, lineAnchor, isConstraint, state, leading, AnchorAt);
                continue;
            }

            var tokens = Tokens(trimmed);
            var requirementTokens = tokens.TakeWhile(t => !t.Text.StartsWith('-')).ToList();
            var optionTokens = tokens.Skip(requirementTokens.Count).ToList();
            var requirementText = trimmed[..(requirementTokens.Count == 0 ? 0 : requirementTokens[^1].End)];
            var anchor = AnchorAt(leading, requirementText.Length);
            var hashes = ReadHashes(optionTokens, anchor, state);
            var entry = ReadRequirement(requirementText, anchor, hashes, isConstraint, state);
            if (entry is not null)
            {
                // pip-compile --annotation-style=line: "pkg==1.0  # via a, b" on the pin's own line.
                var inline = InlineVia().Match(line.Text);
                state.Entries.Add(inline.Success
                    ? entry with { RequiredBy = [.. inline.Groups["items"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] }
                    : entry);
                via.Start(state.Entries.Count - 1);
            }
        }
    }

    /// <summary>
    /// pip-compile's and uv's "# via" comments under a pin: "    # via aiohttp", or "    # via" followed by
    /// "    #   -r requirements/base.in" and "    #   aiohttp" lines. They are kept on the pin they follow
    /// (<see cref="DependencyEntry.RequiredBy"/>), so the audit can say which direct requirement pulled it in.
    /// </summary>
    private sealed partial class ViaComments
    {
        private int? _entry;
        private bool _inBlock;

        public void Start(int entryIndex)
        {
            _entry = entryIndex;
            _inBlock = false;
        }

        public void End()
        {
            _entry = null;
            _inBlock = false;
        }

        public void Read(string line, List<DependencyEntry> entries)
        {
            if (_entry is not { } index)
            {
                return;
            }

            var match = ViaLine().Match(line);
            if (match.Success)
            {
                var rest = match.Groups["rest"].Value.Trim();
                _inBlock = rest.Length == 0;
                if (rest.Length > 0)
                {
                    entries[index] = entries[index] with { RequiredBy = [.. entries[index].RequiredBy, rest] };
                }

                return;
            }

            var item = ViaItem().Match(line);
            if (_inBlock && item.Success)
            {
                entries[index] = entries[index] with { RequiredBy = [.. entries[index].RequiredBy, item.Groups["item"].Value.Trim()] };
                return;
            }

            End();
        }

        [GeneratedRegex(@"^\s+#\s*via\b(?<rest>.*)$")]
        private static partial Regex ViaLine();

        [GeneratedRegex(@"^\s+#\s{2,}(?<item>\S.*)$")]
        private static partial Regex ViaItem();
    }

    private static IEnumerable<LogicalLine> JoinContinuations(string text)
    {
        var builder = new System.Text.StringBuilder();
        var offsets = new List<int>();
        var position = 0;
        while (position <= text.Length)
        {
            var end = text.IndexOfAny(['\r', '\n'], position);
            var lineEnd = end < 0 ? text.Length : end;
            var physical = text[position..lineEnd];
            var next = end < 0 ? text.Length + 1 : end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);
            var continues = physical.EndsWith('\\') && !CommentLinePattern().IsMatch(physical);
            var keep = continues ? physical.Length - 1 : physical.Length;
            builder.Append(physical, 0, keep);
            for (var i = 0; i < keep; i++)
            {
                offsets.Add(position + i);
            }

            if (!continues || end < 0)
            {
                if (builder.Length > 0)
                {
                    yield return new LogicalLine(builder.ToString(), offsets.ToArray());
                }

                builder.Clear();
                offsets.Clear();
            }

            position = next;
        }
    }

    private void HandleOption(
        string trimmed, string path, SourceAnchor lineAnchor, bool isConstraint, ParseState state, int leading,
        Func<int, int, SourceAnchor> anchorAt)
    {
        var match = OptionPattern().Match(trimmed);
        var option = match.Groups["option"].Value;
        var value = match.Groups["value"].Value.Trim();
        switch (option)
        {
            case "-r" or "--requirement" or "-c" or "--constraint":
                if (value.Length == 0)
                {
                    Report(state, lineAnchor, $"'{option}' needs a file name");
                    return;
                }

                Include(value, path, lineAnchor, option is "-c" or "--constraint" || isConstraint, state);
                return;
            case "-e" or "--editable":
                var valueStart = trimmed.Length - match.Groups["value"].Value.TrimStart().Length;
                var anchor = anchorAt(leading + valueStart, value.Length);
                state.Entries.Add(DirectReference(value, anchor, [], isConstraint, editable: true, state) ?? Unnamed(value, anchor));
                return;
            case "-i" or "--index-url" or "--extra-index-url" or "-f" or "--find-links" or "--no-index" or "--pre"
                or "--prefer-binary" or "--only-binary" or "--no-binary" or "--require-hashes" or "--trusted-host"
                or "--use-feature" or "--progress-bar" or "--config-settings" or "-C" or "--global-option"
                or "--no-deps" or "--upgrade-strategy":
                return;
            default:
                state.Diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Warning,
                    $"unknown requirements-file option '{option}' ignored", lineAnchor));
                return;
        }

        static DependencyEntry Unnamed(string value, SourceAnchor anchor) =>
            new(value, null, null, null, InputKind.RequirementsTxt, PinSourceKind.Editable, value, [], [], [], null, anchor);
    }

    private void Include(string target, string fromPath, SourceAnchor anchor, bool isConstraint, ParseState state)
    {
        if (target.Contains("://", StringComparison.Ordinal))
        {
            Report(state, anchor, $"included file '{target}' is a URL; the audit reads local files only", DiagnosticSeverity.Warning);
            return;
        }

        var directory = Path.GetDirectoryName(fromPath);
        var resolved = Path.IsPathRooted(target) || string.IsNullOrEmpty(directory) ? target : Path.Combine(directory, target);
        var key = Path.GetFullPath(resolved);
        if (!state.Visiting.Add(key))
        {
            Report(state, anchor, $"'{target}' is included again (include cycle); skipped", DiagnosticSeverity.Warning);
            return;
        }

        var text = _readFile(resolved);
        if (text is null)
        {
            Report(state, anchor, $"included file '{target}' not found (looked for '{resolved}')");
            return;
        }

        state.Included.Add(resolved);
        ParseInto(text, resolved, isConstraint, state);
    }

    private static IReadOnlyList<string> ReadHashes(List<Token> options, SourceAnchor anchor, ParseState state)
    {
        var hashes = new List<string>();
        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i].Text;
            if (option.StartsWith("--hash=", StringComparison.Ordinal))
            {
                hashes.Add(option["--hash=".Length..]);
            }
            else if (option == "--hash" && i + 1 < options.Count)
            {
                hashes.Add(options[++i].Text);
            }
            else if (option.StartsWith("--config-settings", StringComparison.Ordinal) || option.StartsWith("--global-option", StringComparison.Ordinal)
                     || option == "-C")
            {
                if (!option.Contains('=', StringComparison.Ordinal))
                {
                    i++;
                }
            }
            else
            {
                state.Diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Warning,
                    $"unknown per-requirement option '{option}' ignored", anchor));
            }
        }

        foreach (var hash in hashes.Where(h => !h.Contains(':', StringComparison.Ordinal)))
        {
            Report(state, anchor, $"hash '{hash}' has no algorithm prefix (expected e.g. 'sha256:…')", DiagnosticSeverity.Warning);
        }

        return hashes;
    }

    private static DependencyEntry? ReadRequirement(
        string text, SourceAnchor anchor, IReadOnlyList<string> hashes, bool isConstraint, ParseState state)
    {
        if (LooksLikeDirectReference(text))
        {
            return DirectReference(text, anchor, hashes, isConstraint, editable: false, state);
        }

        if (!Pep508Parser.TryParse(text, out var requirement, out var error))
        {
            Report(state, anchor, $"invalid requirement: {error}");
            return null;
        }

        var artifacts = requirement.Url is { } url ? ArtifactFromUrl(url, anchor) : [];
        var pinned = requirement.PinnedVersion ?? artifacts.Select(a => a.Wheel?.Version).FirstOrDefault(v => v is not null);
        return new DependencyEntry(
            requirement.Name, pinned?.ToString(), pinned, requirement, InputKind.RequirementsTxt,
            requirement.Url is null ? PinSourceKind.Registry : UrlKind(requirement.Url), requirement.Url, artifacts, hashes,
            isConstraint ? ["constraint"] : [], requirement.Marker, anchor);
    }

    /// <summary>A bare URL or path line, or "-e" target: the name comes from "#egg=" or the wheel file name.</summary>
    private static DependencyEntry? DirectReference(
        string text, SourceAnchor anchor, IReadOnlyList<string> hashes, bool isConstraint, bool editable, ParseState state)
    {
        var (location, marker) = SplitUrlMarker(text);
        var artifacts = ArtifactFromUrl(location, anchor);
        var wheel = artifacts.FirstOrDefault()?.Wheel;
        var egg = EggPattern().Match(location);
        var name = egg.Success ? egg.Groups["name"].Value : wheel?.Distribution;
        if (name is null)
        {
            if (!editable)
            {
                Report(state, anchor, $"cannot tell the project name of '{location}' (add '#egg=name' or use 'name @ url')",
                    DiagnosticSeverity.Warning);
                return null;
            }

            name = Path.GetFileName(location.TrimEnd('/', '\\'));
        }

        return new DependencyEntry(
            name, wheel?.VersionText, wheel?.Version, null, InputKind.RequirementsTxt,
            editable ? PinSourceKind.Editable : UrlKind(location), location, artifacts, hashes,
            isConstraint ? ["constraint"] : [], marker, anchor);
    }

    private static (string Location, string? Marker) SplitUrlMarker(string text)
    {
        var markerStart = text.IndexOf(" ;", StringComparison.Ordinal);
        if (markerStart < 0)
        {
            markerStart = text.IndexOf("\t;", StringComparison.Ordinal);
        }

        return markerStart < 0 ? (text.Trim(), null) : (text[..markerStart].Trim(), text[(markerStart + 2)..].Trim());
    }

    internal static IReadOnlyList<ArtifactReference> ArtifactFromUrl(string url, SourceAnchor? anchor)
    {
        var withoutFragment = url.Split('#')[0].Split('?')[0];
        var fileName = Uri.UnescapeDataString(withoutFragment.Replace('\\', '/').Split('/')[^1]);
        if (fileName.Length == 0)
        {
            return [];
        }

        var wheel = WheelFilename.TryParse(fileName);
        var isArchive = wheel is not null || fileName.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
                        || fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
        return isArchive ? [new ArtifactReference(fileName, url, null, wheel, anchor)] : [];
    }

    private static PinSourceKind UrlKind(string url) =>
        url.StartsWith("git+", StringComparison.OrdinalIgnoreCase) ? PinSourceKind.Git
        : url.Contains("://", StringComparison.Ordinal) && !url.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? PinSourceKind.Url
        : PinSourceKind.Path;

    private static bool LooksLikeDirectReference(string text)
    {
        var first = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0];
        if (first.Contains('@', StringComparison.Ordinal) && !first.Contains("://", StringComparison.Ordinal))
        {
            return false; // "name@url" without spaces is still PEP 508
        }

        return first.Contains("://", StringComparison.Ordinal) || first.StartsWith('.') || first.StartsWith('/')
               || first.EndsWith(".whl", StringComparison.OrdinalIgnoreCase)
               || first.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
               || first.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
    }

    private sealed record Token(string Text, int Start, int End);

    private static List<Token> Tokens(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var start = i;
            char? quote = null;
            while (i < text.Length && (quote is not null || !char.IsWhiteSpace(text[i])))
            {
                if (quote is null && text[i] is '"' or '\'')
                {
                    quote = text[i];
                }
                else if (quote == text[i])
                {
                    quote = null;
                }

                i++;
            }

            if (i > start)
            {
                tokens.Add(new Token(text[start..i], start, i));
            }
        }

        return tokens;
    }

    private static void Report(ParseState state, SourceAnchor anchor, string message,
        DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        state.Diagnostics.Add(new DependencyDiagnostic(severity, message, anchor));

    [GeneratedRegex(@"(^|\s+)#.*$")]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"^\s*#")]
    private static partial Regex CommentLinePattern();

    [GeneratedRegex(@"^(?<option>--?[A-Za-z][A-Za-z0-9-]*)(?:=|\s+|$)(?<value>.*)$")]
    private static partial Regex OptionPattern();

    [GeneratedRegex(@"\s#\s*via\s+(?<items>\S.*)$")]
    private static partial Regex InlineVia();

    [GeneratedRegex(@"[#&]egg=(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)")]
    private static partial Regex EggPattern();
}
