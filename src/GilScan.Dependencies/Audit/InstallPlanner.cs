using GilScan.Dependencies.Markers;
using GilScan.Dependencies.Model;

namespace GilScan.Dependencies.Audit;

/// <summary>
/// Whether an input's entry is installed on the target, and how it is reached. <see cref="Path"/> names
/// the packages from the direct dependency down to the entry's parent (empty for a direct dependency);
/// <see cref="Activation"/> is how the direct dependency is declared ("group:dev", "extra:email", or
/// null for a main dependency); <see cref="Reason"/> says why an entry is not installed.
/// </summary>
public sealed record Placement(bool OnTarget, IReadOnlyList<string> Path, string? Activation, string? Reason)
{
    public static Placement Direct { get; } = new(true, [], null, null);

    public bool IsDirect => OnTarget && Path.Count == 0;
}

/// <summary>
/// Decides which entries of one scope's inputs the target would install, from the environment markers
/// the inputs record. With a dependency graph (uv.lock; poetry.lock and pdm.lock with the project's own
/// declarations) it walks the graph from the project: every extra and dependency group of the project,
/// the extras each dependency asks of the next, and every link whose marker can hold on the target, so a
/// package required only for <c>python_full_version &lt; '3.11'</c> or <c>sys_platform == 'win32'</c> is
/// not installed. Without a graph (requirements files, Pipfile.lock, pylock.toml, a pyproject alone)
/// each entry's own marker decides, and pip-compile's "# via" comments give the path. Markers that read
/// something the target does not fix keep the entry (see <see cref="MarkerEnvironment"/>).
/// </summary>
public sealed class InstallPlanner
{
    private readonly MarkerEnvironment _environment;
    private readonly Dictionary<string, Marker?> _markers = new(StringComparer.Ordinal);
    private readonly List<DependencyDiagnostic> _diagnostics = [];

    public InstallPlanner(FreeThreadedTarget target) => _environment = MarkerEnvironment.For(target);

    /// <summary>Markers that could not be parsed (their entries are kept), one diagnostic per marker and file.</summary>
    public IReadOnlyList<DependencyDiagnostic> Diagnostics => _diagnostics;

    /// <summary>The placement of every entry of every file of a scope.</summary>
    public Dictionary<DependencyEntry, Placement> Plan(IReadOnlyList<DependencyFile> files)
    {
        var placements = new Dictionary<DependencyEntry, Placement>(ReferenceEqualityComparer.Instance);
        var declarations = files.Where(f => f.Kind == InputKind.PyprojectToml).SelectMany(f => f.Entries).ToList();
        foreach (var file in files)
        {
            var plan = file.Kind switch
            {
                InputKind.UvLock when RootsOfMembers(file) is { Count: > 0 } roots => WalkGraph(file, roots),
                InputKind.PoetryLock or InputKind.PdmLock when declarations.Count > 0 && file.Entries.Any(e => e.Links.Count > 0)
                    => WalkGraph(file, RootsOfDeclarations(file, declarations)),
                InputKind.RequirementsTxt => ByViaComments(file),
                _ => ByOwnMarkers(file),
            };
            foreach (var (entry, placement) in plan)
            {
                placements[entry] = placement;
            }
        }

        return placements;
    }

    /// <summary>Whether a marker can hold on the target (true when there is none, or when it cannot be parsed).</summary>
    public bool MayHold(string? marker, SourceAnchor where) => Evaluate(marker, where) != false;

    private bool? Evaluate(string? marker, SourceAnchor where, MarkerEnvironment? environment = null)
    {
        if (string.IsNullOrWhiteSpace(marker))
        {
            return true;
        }

        if (!_markers.TryGetValue(marker, out var parsed))
        {
            parsed = MarkerParser.TryParse(marker, out var result, out var error) ? result : null;
            _markers[marker] = parsed;
            if (parsed is null)
            {
                _diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Warning, $"{error}; the package is kept", where));
            }
        }

        return parsed?.Evaluate(environment ?? _environment);
    }

    private sealed record Root(DependencyEntry? Entry, IReadOnlyList<DependencyLink> Links);

    /// <summary>uv: the workspace members, with all their extras and groups, and the requirements of the workspace itself.</summary>
    private static List<Root> RootsOfMembers(DependencyFile file)
    {
        var members = file.Members.Select(DistributionName.Normalize).ToHashSet(StringComparer.Ordinal);
        List<Root> roots = [.. file.Entries.Where(e => members.Contains(e.NormalizedName)).Select(e => new Root(e, e.Links))];
        if (file.ManifestLinks.Count > 0)
        {
            roots.Add(new Root(null, file.ManifestLinks));
        }

        return roots;
    }

    /// <summary>Poetry and PDM lock no project package: the project's pyproject.toml declarations are the roots.</summary>
    private static List<Root> RootsOfDeclarations(DependencyFile file, List<DependencyEntry> declarations) =>
        [new Root(null, [.. declarations.Select(d => new DependencyLink(d.Name, null, d.Marker, d.Requirement?.Extras ?? [], d.Groups.FirstOrDefault() is { } g && g != "main" ? g : null))])];

    private Dictionary<DependencyEntry, Placement> WalkGraph(DependencyFile file, List<Root> roots)
    {
        var byName = file.Entries.GroupBy(e => e.NormalizedName).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var placements = new Dictionary<DependencyEntry, Placement>(ReferenceEqualityComparer.Instance);
        var extrasOf = new Dictionary<DependencyEntry, HashSet<string>>(ReferenceEqualityComparer.Instance);
        var skipped = new Dictionary<DependencyEntry, string>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<(DependencyEntry Entry, IReadOnlyList<DependencyLink> Links, bool IsRoot)>();
        var rootEntries = roots.Select(r => r.Entry).OfType<DependencyEntry>().ToHashSet(ReferenceEqualityComparer.Instance);

        foreach (var root in roots)
        {
            if (root.Entry is { } entry)
            {
                placements[entry] = Placement.Direct;
            }

            Follow(root.Entry, root.Links, isRoot: true, placement: Placement.Direct);
        }

        while (queue.Count > 0)
        {
            var (entry, links, isRoot) = queue.Dequeue();
            Follow(entry, links, isRoot, placements[entry]);
        }

        foreach (var entry in file.Entries.Where(e => !placements.ContainsKey(e)))
        {
            if (!skipped.ContainsKey(entry) && !RequiredByAny(file, entry))
            {
                // Nothing in the lock requires it: a root this reader does not know of. Keep it rather than guess it away.
                placements[entry] = Placement.Direct;
                continue;
            }

            var reason = skipped.GetValueOrDefault(entry) ?? WhyNotReached(file, entry, placements);
            placements[entry] = new Placement(false, [], null, reason);
        }

        // Poetry 2 records where the lock installs each package at all; a package no group installs here is not installed.
        foreach (var entry in file.Entries.Where(e => e.PackageMarkers.Count > 0 && placements[e].OnTarget))
        {
            if (entry.PackageMarkers.Values.All(m => Evaluate(m, entry.Anchor) == false))
            {
                placements[entry] = new Placement(false, [], null, $"{System.IO.Path.GetFileName(file.Path)} installs it only where '{entry.PackageMarkers.Values.First()}'");
            }
        }

        return placements;

        void Follow(DependencyEntry? parent, IReadOnlyList<DependencyLink> links, bool isRoot, Placement placement)
        {
            var active = parent is null ? null : extrasOf.GetValueOrDefault(parent);
            foreach (var link in links)
            {
                if (!IsActive(link, isRoot, active))
                {
                    continue;
                }

                var targets = Resolve(byName, link);
                var where = parent?.Anchor ?? targets.FirstOrDefault()?.Anchor ?? SourceAnchor.File(file.Path);
                // Below the project, the extras asked of the parent decide markers on "extra" (Poetry writes them).
                var environment = !isRoot && active is { Count: > 0 } ? _environment.WithExtras(active) : null;
                if (Evaluate(link.Marker, where, environment) == false)
                {
                    foreach (var target in targets)
                    {
                        skipped.TryAdd(target, parent is null
                            ? $"the project requires it only where '{link.Marker}'"
                            : $"'{parent.Name}' requires it only where '{link.Marker}'");
                    }

                    continue;
                }

                foreach (var target in targets)
                {
                    var extrasAdded = false;
                    if (link.Extras.Count > 0)
                    {
                        if (!extrasOf.TryGetValue(target, out var set))
                        {
                            extrasOf[target] = set = new HashSet<string>(StringComparer.Ordinal);
                        }

                        foreach (var extra in link.Extras)
                        {
                            extrasAdded |= set.Add(DistributionName.Normalize(extra));
                        }
                    }

                    var isMember = rootEntries.Contains(target);
                    if (!placements.ContainsKey(target))
                    {
                        placements[target] = isMember ? Placement.Direct
                            : isRoot ? new Placement(true, [], link.Activation, null)
                            : new Placement(true, [.. placement.Path, parent!.Name], placement.Activation, null);
                        queue.Enqueue((target, target.Links, isMember));
                    }
                    else if (extrasAdded)
                    {
                        queue.Enqueue((target, target.Links, isMember));
                    }
                }
            }
        }
    }

    private static bool IsActive(DependencyLink link, bool isRoot, HashSet<string>? extras) => link.Activation switch
    {
        null => true,
        // A project installs with any of its extras and groups; what a user installs is theirs to choose.
        _ when isRoot => true,
        var activation when activation.StartsWith("extra:", StringComparison.Ordinal) =>
            extras?.Contains(DistributionName.Normalize(activation["extra:".Length..])) == true,
        _ => false,
    };

    private static List<DependencyEntry> Resolve(Dictionary<string, List<DependencyEntry>> byName, DependencyLink link)
    {
        if (!byName.TryGetValue(link.NormalizedName, out var candidates))
        {
            return [];
        }

        if (link.Version is { } version && candidates.Count > 1)
        {
            var exact = candidates.Where(c => c.VersionText == version).ToList();
            return exact.Count > 0 ? exact : candidates;
        }

        return candidates;
    }

    private static bool RequiredByAny(DependencyFile file, DependencyEntry entry) =>
        file.Entries.Any(e => e.Links.Any(l => l.NormalizedName == entry.NormalizedName && (l.Version is null || l.Version == entry.VersionText)));

    /// <summary>Why no walk reached an entry: its parents are not installed, or they require it only through an extra nobody asks for.</summary>
    private static string WhyNotReached(DependencyFile file, DependencyEntry entry, Dictionary<DependencyEntry, Placement> placements)
    {
        var requiring = file.Entries
            .SelectMany(e => e.Links.Where(l => l.NormalizedName == entry.NormalizedName && (l.Version is null || l.Version == entry.VersionText)).Select(l => (Parent: e, Link: l)))
            .ToList();
        if (requiring.FirstOrDefault(r => placements.TryGetValue(r.Parent, out var p) && p.OnTarget) is { Parent: not null } installedParent)
        {
            var activation = installedParent.Link.Activation ?? "";
            if (activation.StartsWith("extra:", StringComparison.Ordinal))
            {
                return $"only '{installedParent.Parent.Name}[{activation["extra:".Length..]}]' requires it, and nothing installed asks for that extra";
            }

            if (activation.StartsWith("group:", StringComparison.Ordinal))
            {
                return $"only the '{activation["group:".Length..]}' group of '{installedParent.Parent.Name}' requires it";
            }
        }

        return requiring.Count > 0
            ? $"only '{requiring[0].Parent.Name}' requires it, and that is not installed on this target"
            : "nothing the project installs requires it";
    }

    /// <summary>Requirements files: each pin's own marker; pip-compile's "# via" comments give the path to a direct requirement.</summary>
    private Dictionary<DependencyEntry, Placement> ByViaComments(DependencyFile file)
    {
        var placements = ByOwnMarkers(file);
        var byName = file.Entries.GroupBy(e => e.NormalizedName).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var entry in file.Entries.Where(e => placements[e].OnTarget && e.RequiredBy.Count > 0))
        {
            if (PathFromDirect(entry, byName) is { } path)
            {
                placements[entry] = placements[entry] with { Path = path };
            }
        }

        return placements;
    }

    /// <summary>Breadth-first up the "# via" names to a pin that a requirement file declares; null when the pin is itself declared.</summary>
    private static IReadOnlyList<string>? PathFromDirect(DependencyEntry entry, Dictionary<string, DependencyEntry> byName)
    {
        if (IsDeclaredDirectly(entry, byName))
        {
            return null;
        }

        var parentOf = new Dictionary<string, string>(StringComparer.Ordinal) { [entry.NormalizedName] = "" };
        var queue = new Queue<DependencyEntry>([entry]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var item in current.RequiredBy)
            {
                if (!byName.TryGetValue(DistributionName.Normalize(item.Split(' ')[0]), out var parent) || parentOf.ContainsKey(parent.NormalizedName))
                {
                    continue;
                }

                parentOf[parent.NormalizedName] = current.NormalizedName;
                if (IsDeclaredDirectly(parent, byName))
                {
                    var path = new List<string>();
                    for (var name = parent.NormalizedName; name != entry.NormalizedName; name = parentOf[name])
                    {
                        path.Add(byName[name].Name);
                    }

                    return path;
                }

                queue.Enqueue(parent);
            }
        }

        return null;
    }

    // "-r requirements/base.in", "-c constraints.txt", "my-project (pyproject.toml)", or a name that is no pin here (the project itself).
    private static bool IsDeclaredDirectly(DependencyEntry entry, Dictionary<string, DependencyEntry> byName) =>
        entry.RequiredBy.Count == 0 || entry.RequiredBy.Any(item => item.StartsWith('-') || item.Contains('(', StringComparison.Ordinal)
                                                                     || !byName.ContainsKey(DistributionName.Normalize(item.Split(' ')[0])));

    private Dictionary<DependencyEntry, Placement> ByOwnMarkers(DependencyFile file)
    {
        var placements = new Dictionary<DependencyEntry, Placement>(ReferenceEqualityComparer.Instance);
        foreach (var entry in file.Entries)
        {
            var marker = entry.Marker ?? entry.PackageMarkers.Values.FirstOrDefault();
            placements[entry] = Evaluate(marker, entry.Anchor) == false
                ? new Placement(false, [], null, $"{System.IO.Path.GetFileName(entry.Anchor.Path)} installs it only where '{marker}'")
                : Placement.Direct with { Activation = entry.Groups.FirstOrDefault(g => g.StartsWith("group:", StringComparison.Ordinal) || g.StartsWith("extra:", StringComparison.Ordinal)) };
        }

        return placements;
    }
}
