using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Rules.Shared;
using GilScan.Semantics;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Effects;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Asyncio;

/// <summary>
/// GIL202: a coroutine reaches blocking synchronous I/O (the call catalog's <c>blocking-io</c>:
/// <c>time.sleep</c>, <c>requests</c>, <c>open</c> and file reads, <c>subprocess.run</c>, sockets,
/// waiting on threads and futures), directly or through synchronous calls across modules, on a path the
/// arguments allow (branches a caller's values rule out are not followed). One finding per blocking
/// call per coroutine, at the first call in the coroutine's own code that reaches it (the line to
/// change); the coroutine's other calls reaching it are related locations. File-system metadata calls
/// (a <c>stat</c>, an <c>exists</c>, a <c>mkdir</c>) take microseconds and are reported only in loops
/// of serving code (not in tests or start-up code). Test code and start-up code are notes of medium
/// confidence, their context in the properties; test coroutines of one module blocking on the same call
/// share one note (the others are related locations).
/// See rules/docs/GIL202.md.
/// </summary>
public sealed class BlockingIoInCoroutine : Rule
{
    public new const string Id = "GIL202";

    /// <summary>Arguments: the coroutine, the blocking call, the function that makes it.</summary>
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        Id, name: "BlockingIoInCoroutine", title: "Blocking synchronous I/O reachable from a coroutine",
        message: "Coroutine '{0}' blocks the event loop on '{1}' (called in '{2}'); use an asynchronous API or 'await asyncio.to_thread(...)'.",
        category: RuleCategory.Asyncio, level: RuleLevel.Warning,
        tags: ["performance", "asyncio", "latency", "io"]);

    /// <summary>File-system metadata calls: they block, but for microseconds on a local disk.</summary>
    private static readonly HashSet<string> MetadataCalls = new(StringComparer.Ordinal)
    {
        "pathlib.Path.exists", "pathlib.Path.is_file", "pathlib.Path.is_dir", "pathlib.Path.is_symlink", "pathlib.Path.stat",
        "pathlib.Path.lstat", "pathlib.Path.resolve", "pathlib.Path.absolute", "pathlib.Path.mkdir", "pathlib.Path.touch",
        "pathlib.Path.unlink", "pathlib.Path.rmdir", "pathlib.Path.rename", "pathlib.Path.replace", "pathlib.Path.chmod",
        "pathlib.Path.samefile", "pathlib.Path.expanduser", "pathlib.Path.home", "pathlib.Path.cwd",
        "os.stat", "os.lstat", "os.mkdir", "os.makedirs", "os.remove", "os.unlink", "os.rmdir", "os.rename", "os.replace",
        "os.chmod", "os.chown", "os.access", "os.getcwd", "os.utime", "os.symlink", "os.link", "os.readlink",
        "os.path.exists", "os.path.isfile", "os.path.isdir", "os.path.islink", "os.path.getsize", "os.path.getmtime",
        "os.path.getctime", "os.path.getatime", "os.path.realpath", "os.path.samefile", "os.path.lexists",
    };

    /// <summary>
    /// The deepest chain of synchronous calls followed from the coroutine to a blocking call. Helpers
    /// a few calls deep are the point of the rule; beyond that, chains run through incidental paths
    /// (a warning that reads a source line for its message, a logging handler) that a reader would
    /// not defend as "this coroutine blocks".
    /// </summary>
    public const int MaxChainDepth = 3;

    /// <summary>Raw file-descriptor I/O: async frameworks call these on non-blocking descriptors (trio's
    /// pipes, asyncio's transports), where they return at once; whether the descriptor blocks is not
    /// visible statically.</summary>
    private static readonly string[] DescriptorCalls = ["os.read", "os.write"];

    public BlockingIoInCoroutine()
        : base(Descriptor)
    {
    }

    public override void Initialize(RuleRegistrar on) => on.ProjectEnd(project =>
    {
        var model = project.GetModel<ProjectModel>();
        SemanticModelBuilder.NotifyNotes(project, model);
        var paths = new FindingPaths(model);
        var contexts = new CoroutineContexts(model);
        // Async generators run on the event loop as coroutines do: `async for` resumes them there.
        model.Effects.Prepare(model.OwnFunctions.Where(f => f.IsAsync));
        // Test coroutines of one module that block on the same call (each test writing its temporary
        // file) make one note, at the first, with the others as related locations.
        var testGroups = new Dictionary<(string Module, string Call), List<Blocking>>();
        var testGroupOrder = new List<(string Module, string Call)>();
        foreach (var coroutine in model.OwnFunctions)
        {
            if (!coroutine.IsAsync)
            {
                continue;
            }

            var context = contexts.Of(coroutine);
            var sites = model.Effects.SummaryOf(coroutine).BlockingIo;
            var opensFiles = sites.Any(s => s.Chain.IsEmpty && s.Name is "builtins.open" or "io.open" or "pathlib.Path.open" or "os.open");

            // One finding per blocking call: the first call of the coroutine that reaches it, the others related.
            var byCause = new Dictionary<Node, (EffectSite First, Node Reported, List<Node> Others)>(ReferenceEqualityComparer.Instance);
            var order = new List<Node>();
            foreach (var site in sites)
            {
                var metadata = MetadataCalls.Contains(site.Name);
                if (site.Chain.Length > MaxChainDepth ||
                    (metadata && (!site.InLoop || context != CoroutineContext.Serving)) ||
                    CoroutinePaths.EntersAnotherCoroutine(paths, site.Chain, site.Node) ||
                    !paths.IsFeasible([], site.Chain, site.Node) ||
                    (opensFiles && site.Chain.IsEmpty && IsFileObjectMethod(site.Name)))
                {
                    continue;
                }

                var reported = CoroutinePaths.ReportedNode(site.Chain, site.Node);
                if (site.Chain.IsEmpty && site.Entry.LocalFile && OpeningWith(site.Node) is { } block)
                {
                    // `with open(path) as f: data = json.load(f)`: the block opens, reads and closes the
                    // file, all of it blocking; the finding covers the block.
                    reported = block;
                }

                if (byCause.TryGetValue(site.Node, out var cause))
                {
                    if (!ReferenceEquals(cause.Reported, reported) && !cause.Others.Contains(reported))
                    {
                        cause.Others.Add(reported);
                    }

                    continue;
                }

                byCause[site.Node] = (site, reported, []);
                order.Add(site.Node);
            }

            var reportedAt = new HashSet<Node>(ReferenceEqualityComparer.Instance);
            foreach (var node in order)
            {
                var (site, reported, others) = byCause[node];
                if (!reportedAt.Add(reported))
                {
                    continue;
                }

                var blocking = new Blocking(coroutine, site, reported, others, context);
                if (context != CoroutineContext.Test)
                {
                    project.Report(Report(paths, blocking, []));
                    continue;
                }

                var key = (coroutine.Module.Entry.RelativePath, site.Name);
                if (!testGroups.TryGetValue(key, out var group))
                {
                    testGroups[key] = group = [];
                    testGroupOrder.Add(key);
                }

                group.Add(blocking);
            }
        }

        foreach (var key in testGroupOrder)
        {
            var group = testGroups[key];
            project.Report(Report(paths, group[0], group.Skip(1).ToList()));
        }
    });

    /// <summary>One blocking call reached by one coroutine, as found.</summary>
    private sealed record Blocking(ProjectFunction Coroutine, EffectSite Site, Node Reported, List<Node> Others, CoroutineContext Context);

    /// <summary>Most tests named one by one in a note about a blocking call they share.</summary>
    private const int MaxSharingTestsListed = 50;

    private static Diagnostic Report(FindingPaths paths, Blocking blocking, List<Blocking> sharing)
    {
        var (function, site, reported, others, context) = blocking;
        var coroutine = function.DisplayName;
        var holder = paths.Entered(site.Chain, site.Chain.Length - 1, site.Node).DisplayName;
        var (related, flow) = CoroutinePaths.Path(paths, reported, $"{coroutine} calls this without awaiting",
            site.Chain, site.Node, $"blocking call: {site.Name}");
        if (others.Count > 0)
        {
            related = related.AddRange(others.Select(n => new RelatedLocation(paths.LocationOf(n), $"{coroutine} reaches {site.Name} here too")));
        }

        if (sharing.Count > 0)
        {
            related = related.AddRange(sharing.Take(MaxSharingTestsListed).Select(other => new RelatedLocation(
                paths.LocationOf(other.Reported), $"{other.Coroutine.DisplayName} blocks on {site.Name} here too")));
        }

        var brief = MetadataCalls.Contains(site.Name) || DescriptorCalls.Contains(site.Name);
        // "Coroutine 'test_a', like 4 other test coroutines of 'tests.test_files' blocks ..."
        var named = sharing.Count == 0 ? coroutine : $"{coroutine}', like {sharing.Count} other test coroutine{(sharing.Count == 1 ? "" : "s")} of '{function.Module.Name}";
        return new Diagnostic(Descriptor, paths.LocationOf(reported), named, site.Name, holder)
        {
            // Error paths (a retry's sleep in an except handler), metadata calls, raw descriptor I/O, test
            // code and start-up code block too, but less often, more briefly, once, or harmlessly.
            Confidence = site.OnErrorPath || brief || context != CoroutineContext.Serving ? Confidence.Medium : Confidence.High,
            // Blocking once at start-up, or in a test, is not blocking a service: a hint, not a warning.
            Level = context == CoroutineContext.Serving ? Descriptor.DefaultLevel : RuleLevel.Note,
            RelatedLocations = related,
            CodeFlow = flow,
            Properties = ImmutableProperties.Of(
                ("blocking-call", site.Name),
                ("in-loop", site.InLoop),
                ("on-error-path", site.OnErrorPath),
                ("context", CoroutineContexts.Describe(context)),
                ("catalog-reason", site.Entry.Reason ?? site.Entry.Source ?? ""),
                ("sharing-tests", sharing.Count)),
            // A note shared by tests is the module's: which test comes first may change.
            FingerprintKey = sharing.Count > 0 ? $"tests|{function.Module.Name}|{site.Name}" : $"{coroutine}|{site.Name}|{holder}",
        };
    }

    /// <summary>The <c>with</c> statement whose context expression is <paramref name="call"/>.</summary>
    private static With? OpeningWith(Node call) =>
        call.Parent is WithItem item && ReferenceEquals(item.ContextExpr, call) && item.Parent is With block ? block : null;

    private static bool IsFileObjectMethod(string name) =>
        name.StartsWith("io.TextIOWrapper.", StringComparison.Ordinal) || name.StartsWith("io.Buffered", StringComparison.Ordinal) ||
        name.StartsWith("io.FileIO.", StringComparison.Ordinal);
}
