using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Rules.Shared;
using GilScan.Semantics;
using GilScan.Semantics.Effects;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Asyncio;

/// <summary>
/// GIL202: a coroutine reaches blocking synchronous I/O (the call catalog's <c>blocking-io</c>:
/// <c>time.sleep</c>, <c>requests</c>, <c>open</c> and file reads, <c>subprocess.run</c>, sockets,
/// waiting on threads and futures), directly or through synchronous calls across modules. Reported at
/// the call in the coroutine's own code. See rules/docs/GIL202.md.
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

    /// <summary>File-system metadata calls: they block, but usually for microseconds on a local disk.</summary>
    private static readonly string[] MetadataCalls =
    [
        "pathlib.Path.exists", "pathlib.Path.is_file", "pathlib.Path.is_dir", "pathlib.Path.stat", "pathlib.Path.resolve",
        "pathlib.Path.mkdir", "pathlib.Path.touch", "os.stat", "os.mkdir", "os.makedirs",
    ];

    /// <summary>
    /// The deepest chain of synchronous calls followed from the coroutine to a blocking call. Helpers
    /// a few calls deep are the point of the rule; beyond that, chains run through incidental paths
    /// (a warning that reads a source line for its message, a logging handler) that a reader would
    /// not defend as "this coroutine blocks".
    /// </summary>
    public const int MaxChainDepth = 3;

    /// <summary>Metadata calls are brief: reported only in the coroutine or one helper below it.</summary>
    private const int MaxMetadataChainDepth = 1;

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
        var paths = new FindingPaths(model);
        model.Effects.Prepare(model.Functions.Where(f => f.IsCoroutine));
        foreach (var coroutine in model.Functions)
        {
            if (!coroutine.IsCoroutine)
            {
                continue;
            }

            var sites = model.Effects.SummaryOf(coroutine).BlockingIo;
            var opensFiles = sites.Any(s => s.Chain.IsEmpty && s.Name is "builtins.open" or "io.open" or "pathlib.Path.open");
            var reportedAt = new HashSet<Node>(ReferenceEqualityComparer.Instance);
            foreach (var site in sites)
            {
                if (site.Chain.Length > (MetadataCalls.Contains(site.Name) ? MaxMetadataChainDepth : MaxChainDepth) ||
                    CoroutinePaths.EntersAnotherCoroutine(paths, site.Chain, site.Node) ||
                    !paths.IsFeasible([], site.Chain, site.Node) ||
                    (opensFiles && site.Chain.IsEmpty && IsFileObjectMethod(site.Name)))
                {
                    continue;
                }

                var reported = CoroutinePaths.ReportedNode(site.Chain, site.Node);
                if (!reportedAt.Add(reported))
                {
                    continue;
                }

                project.Report(Report(paths, coroutine.DisplayName, site, reported));
            }
        }
    });

    private static Diagnostic Report(FindingPaths paths, string coroutine, EffectSite site, Node reported)
    {
        var holder = paths.Entered(site.Chain, site.Chain.Length - 1, site.Node).DisplayName;
        var (related, flow) = CoroutinePaths.Path(paths, reported, $"{coroutine} calls this without awaiting",
            site.Chain, site.Node, $"blocking call: {site.Name}");
        var metadata = MetadataCalls.Contains(site.Name) || DescriptorCalls.Contains(site.Name);
        return new Diagnostic(Descriptor, paths.LocationOf(reported), coroutine, site.Name, holder)
        {
            // Error paths (a retry's sleep in an except handler), metadata calls and raw descriptor I/O
            // block too, but less often, more briefly, or not at all on a non-blocking descriptor.
            Confidence = site.OnErrorPath || metadata ? Confidence.Medium : Confidence.High,
            RelatedLocations = related,
            CodeFlow = flow,
            Properties = ImmutableProperties.Of(
                ("blocking-call", site.Name),
                ("in-loop", site.InLoop),
                ("on-error-path", site.OnErrorPath),
                ("catalog-reason", site.Entry.Reason ?? site.Entry.Source ?? "")),
            FingerprintKey = $"{coroutine}|{site.Name}|{holder}",
        };
    }

    private static bool IsFileObjectMethod(string name) =>
        name.StartsWith("io.TextIOWrapper.", StringComparison.Ordinal) || name.StartsWith("io.Buffered", StringComparison.Ordinal) ||
        name.StartsWith("io.FileIO.", StringComparison.Ordinal);
}
