using System.Collections.Immutable;
using System.Text;
using GilScan.Analysis.Diagnostics;

namespace GilScan.Sarif.Tests;

/// <summary>
/// A hand-made set of findings over the files in Fixtures/sample-project: several rules, related
/// locations, a code flow, non-ASCII lines and paths (so UTF-16 and UTF-8 columns differ), a
/// suppressed result, a fix, and notifications for files that could not be parsed or decoded.
/// The GIL1xx-3xx descriptors here are test stand-ins with test pages (Fixtures/docs), not the
/// real rules.
/// </summary>
internal static class SampleProject
{
    /// <summary>A fixed SRCROOT, so golden files do not depend on where the repository is checked out.</summary>
    public const string StableRoot = "/home/runner/work/sample-project";

    public static readonly string Directory = RepositoryRoot.Combine("tests", "GilScan.Sarif.Tests", "Fixtures", "sample-project");

    public static readonly RuleDescriptor CpuBoundThreadTarget = RuleDescriptor.Create(
        "GIL101", "CpuBoundThreadTarget", "CPU-bound work on a thread",
        "'{0}' runs pure-Python CPU work on a thread; under the GIL it cannot use a second core.",
        RuleCategory.Threads, RuleLevel.Warning, RulePrecision.Medium, tags: ["concurrency", "performance"]);

    public static readonly RuleDescriptor BlockingLoopInCoroutine = RuleDescriptor.Create(
        "GIL201", "BlockingLoopInCoroutine", "CPU-bound loop in a coroutine",
        "A CPU-bound loop in coroutine '{0}' runs without an await and blocks the event loop.",
        RuleCategory.Asyncio, RuleLevel.Warning, RulePrecision.Medium, tags: ["concurrency"]);

    public static readonly RuleDescriptor PerItemProcessPoolMap = RuleDescriptor.Create(
        "GIL302", "PerItemProcessPoolMap", "Per-item IPC to a process pool",
        "'{0}' sends '{1}' items to worker processes one message each.",
        RuleCategory.Processes, RuleLevel.Note, RulePrecision.High, tags: ["performance"]);

    public static IReadOnlyList<RuleDescriptor> Rules { get; } =
        [.. ToolRules.All, CpuBoundThreadTarget, BlockingLoopInCoroutine, PerItemProcessPoolMap];

    public static RuleDocs Docs()
    {
        // The sample descriptors stand in for rules that may ship later; their own pages in Fixtures/docs
        // win over a shipped page of the same id, so the golden files do not change when the rule lands.
        var samplePages = System.IO.Directory.EnumerateFiles(RepositoryRoot.Combine("tests", "GilScan.Sarif.Tests", "Fixtures", "docs"), "*.md").ToList();
        var sampleNames = samplePages.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var pages = System.IO.Directory.EnumerateFiles(RepositoryRoot.Combine("rules", "docs"), "*.md")
            .Where(path => !sampleNames.Contains(Path.GetFileName(path)))
            .Concat(samplePages)
            .Select(path => (Path.GetFileName(path), path, File.ReadAllText(path)));
        return RuleDocs.FromPages(pages);
    }

    public static IReadOnlyList<Diagnostic> Diagnostics()
    {
        const string worker = "app/worker.py";
        const string views = "app/web handlers/vüews.py";

        var threadStart = At(worker, 16, "threading.Thread(target=работа, args=(10_000_000,))");
        var target = At(worker, 5, "работа");
        var loop = At(worker, 7, "for i in range(n):");
        var cpuOnThread = new Diagnostic(CpuBoundThreadTarget, threadStart, "работа")
        {
            Confidence = Confidence.Medium,
            FingerprintKey = "app.worker.работа",
            RelatedLocations =
            [
                new RelatedLocation(target, "'работа' is the thread's target"),
                new RelatedLocation(loop, "hot loop over 'range(n)'"),
            ],
            CodeFlow =
            [
                new CodeFlowStep(threadStart, "A thread starts with target 'работа'.", 0),
                new CodeFlowStep(target, "'работа' runs on the new thread.", 1),
                new CodeFlowStep(loop, "The loop runs about 10,000,000 times in pure Python.", 1),
            ],
            Properties = new Dictionary<string, PropertyValue>
            {
                ["callChain"] = PropertyValue.List("app.worker", "app.worker.работа"),
                ["estimatedWork"] = 10_000_000L,
                ["argumentEvidence"] = PropertyValue.Dictionary([new("source", "constant"), new("bytes", 28), new("exact", true)]),
                ["shareOfRun"] = 0.875,
            }.ToImmutableSortedDictionary(),
        };

        var mapCall = At(worker, 20, "pool.map(score, range(1_000_000))");
        var mapClose = At(worker, 20, ")", occurrence: 1);
        var perItem = new Diagnostic(PerItemProcessPoolMap, mapCall, "pool.map", "1,000,000")
        {
            RelatedLocations = [new RelatedLocation(At(worker, 12, "def score(item):"), "'score' does little work per item")],
            Fix = new Fix(
                "Send items in chunks of 10,000",
                [new TextReplacement(new Location(worker, Point(mapClose)), ", chunksize=10_000")]),
        };

        var blocking = new Diagnostic(BlockingLoopInCoroutine, At(views, 4, "for value in data[0:1_000_000]:"), "report")
        {
            RelatedLocations = [new RelatedLocation(At(views, 1, "async def report(request):"), "coroutine 'report' [an aiohttp handler]")],
            Suppression = new Suppression(SuppressionKind.InSource, "# noqa: GIL201"),
        };

        var syntaxError = new Diagnostic(ToolRules.SyntaxError, At("app/broken.py", 1, "("), "'(' was never closed");
        var undecodable = new Diagnostic(
            ToolRules.UnreadableFile, Location.StartOf("app/latin1.py"),
            "'utf-8' codec can't decode byte 0xe9 in position 56: invalid continuation byte");
        var badConfig = new Diagnostic(ToolRules.InvalidConfiguration, At("pyproject.toml", 5, "ignroe"), "tool.gilscan.ignroe", "unknown key");

        return [cpuOnThread, perItem, blocking, syntaxError, undecodable, badConfig];
    }

    public static IReadOnlyList<ToolNotification> Notifications() =>
    [
        new ToolNotification(RuleLevel.Error, "app/latin1.py could not be decoded as UTF-8 and was skipped.")
        {
            Path = "app/latin1.py",
            Rule = ToolRules.UnreadableFile,
        },
        new ToolNotification(RuleLevel.Error, "app/broken.py does not parse and was skipped: '(' was never closed.")
        {
            Path = "app/broken.py",
            Span = At("app/broken.py", 1, "(").Span,
            Rule = ToolRules.SyntaxError,
        },
    ];

    public static SarifRunInput Input(SarifProfile profile = SarifProfile.Ide, Baseline? baseline = null) => new()
    {
        Tool = ToolIdentity.Gilscan("0.1.0"),
        Rules = Rules,
        Docs = Docs(),
        Diagnostics = Diagnostics(),
        Notifications = Notifications(),
        SourceRoot = StableRoot,
        Sources = new FileSystemSourceReader(Directory),
        Profile = profile,
        Baseline = baseline,
    };

    /// <summary>The <paramref name="occurrence"/>-th (0-based) place of <paramref name="snippet"/> on a line of a fixture file.</summary>
    public static Location At(string path, int line, string snippet, int occurrence = 0)
    {
        var text = ReadText(path);
        var lineText = SourceLines.Split(text)[line - 1];
        var column = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            column = lineText.IndexOf(snippet, column + 1, StringComparison.Ordinal);
            column.ShouldBeGreaterThanOrEqualTo(0, $"'{snippet}' #{occurrence} is not on line {line} of {path}");
        }

        return new Location(path, SourceSpan.FromUtf16(text, line, column, line, column + snippet.Length));
    }

    private static SourceSpan Point(Location location)
    {
        var span = location.Span;
        return new SourceSpan(span.StartLine, span.StartColumnUtf8, span.StartColumnUtf16, span.StartLine, span.StartColumnUtf8, span.StartColumnUtf16);
    }

    // Latin-1 decoding keeps every byte, so a file that is not UTF-8 still has lines to point at.
    private static string ReadText(string path)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Directory, path));
        return IsUtf8(bytes) ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
