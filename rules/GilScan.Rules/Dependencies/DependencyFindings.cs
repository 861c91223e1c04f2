using System.Collections.Immutable;
using GilScan.Analysis.Confirmation;
using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Model;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// Maps the audit's blocker verdicts to GIL401/GIL402 diagnostics on the lockfile or manifest line,
/// and resolved imports to GIL403 diagnostics on the import. The level follows the verdict's
/// confidence (low confidence is a note), the fingerprint follows the distribution, rule and target
/// (not the line: re-locking moves the line, not the finding).
/// </summary>
public static class DependencyFindings
{
    /// <summary>Related locations per finding stay few enough to read (SARIF allows 1,000).</summary>
    public const int MaxImportSitesLinked = 10;

    /// <summary>
    /// The GIL401/GIL402 diagnostic of a blocker: at the line the user edits (the declaration in
    /// pyproject.toml or a requirements file; the lockfile pin for a transitive dependency), with the
    /// lockfile pin, the other declarations and, for a transitive dependency, the declaration of the
    /// direct dependency that pulls it in as related locations; else at <paramref name="fallback"/>.
    /// Null when it is no blocker or has no place to stand.
    /// </summary>
    public static Diagnostic? ForVerdict(
        DistributionVerdict verdict, ProjectLocations locations, VerdictContext context, Location? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentNullException.ThrowIfNull(context);
        var descriptor = DescriptorOf(verdict);
        if (descriptor is null)
        {
            return null;
        }

        var declarations = verdict.Declarations.Select(locations.Of).OfType<Location>().Distinct().ToList();
        var pins = verdict.Pins.Select(locations.Of).OfType<Location>().Distinct().ToList();
        var others = new[] { verdict.Anchor }.Concat(verdict.OtherAnchors).Select(locations.Of).OfType<Location>().Distinct().ToList();
        var primary = declarations.FirstOrDefault() ?? pins.FirstOrDefault() ?? others.FirstOrDefault() ?? fallback;
        if (primary is null)
        {
            return null;
        }

        var related = new List<RelatedLocation>();
        var seen = new HashSet<Location> { primary };
        foreach (var pin in pins.Where(seen.Add))
        {
            related.Add(new RelatedLocation(pin, $"'{VerdictWords.Display(verdict)}' is pinned here"));
        }

        foreach (var declaration in declarations.Where(seen.Add))
        {
            related.Add(new RelatedLocation(declaration, $"'{verdict.Name}' is also declared here"));
        }

        if (context.DirectDeclaration is { } direct && locations.Of(direct.Anchor) is { } directPlace && seen.Add(directPlace))
        {
            related.Add(new RelatedLocation(directPlace, $"'{direct.Name}', which pulls in '{verdict.Name}', is declared here"));
        }

        foreach (var other in others.Where(seen.Add))
        {
            related.Add(new RelatedLocation(other, $"'{verdict.Name}' is also named here"));
        }

        foreach (var evidence in verdict.Evidence)
        {
            if (evidence.Location is { } anchor && locations.Of(anchor) is { } place && seen.Add(place))
            {
                related.Add(new RelatedLocation(place, $"evidence: {VerdictWords.Phrase(evidence.Kind)}"));
            }
        }

        foreach (var site in context.ImportSites.Take(MaxImportSitesLinked))
        {
            related.Add(new RelatedLocation(site.Location, $"'{site.Module}' is imported here"));
        }

        var properties = CommonProperties(verdict);
        properties["evidence"] = PropertyValue.List(verdict.Evidence.Select(e => DescribeEvidence(e, locations)));
        if (verdict.Evidence.SelectMany(e => e.Links).Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } links)
        {
            properties["evidence-links"] = PropertyValue.List(links);
        }

        properties["action"] = VerdictWords.Action(verdict.Fix?.MinimumVersion?.ToString(), verdict.Fix?.Alternative);
        properties["import-sites"] = context.ImportSites.Count;
        var needing = verdict.Modules.Where(m => m.NeedsGil).Select(m => m.ModuleName).ToList();
        if (needing.Count > 0)
        {
            properties["modules-needing-gil"] = PropertyValue.List(needing);
        }

        var scope = verdict.Scope.Length == 0 ? "" : verdict.Scope + "|";
        var version = context.SeveralVersions ? "|" + verdict.Version : "";
        return new Diagnostic(descriptor, primary, VerdictWords.Display(verdict), VerdictWords.Route(verdict), verdict.Target.Name,
            locations.Relativize(verdict.Summary), VerdictWords.Fix(verdict))
        {
            Level = LevelOf(descriptor, verdict.Confidence, guarded: false),
            Confidence = VerdictWords.ToConfidence(verdict.Confidence),
            RelatedLocations = [.. related],
            Properties = properties.ToImmutableSortedDictionary(StringComparer.Ordinal),
            FingerprintKey = $"{scope}{verdict.NormalizedName}|{descriptor.Id}|{verdict.Target.Name}{version}",
            // A package that turns the GIL back on is confirmed by importing one of its modules that does so
            // (the first by name, so the probe does not depend on the scan's order); a wheel that is missing
            // has nothing to import.
            Confirmation = descriptor == GilReenablingDependency.Descriptor
                ? new ImportProbeRequest { Module = needing.Order(StringComparer.Ordinal).FirstOrDefault(), Distribution = verdict.Name }
                : null,
        };
    }

    /// <summary>
    /// The GIL403 diagnostic of an import of a blocker's module, linked to the dependency finding at
    /// <paramref name="dependencyLocation"/> when it has one.
    /// </summary>
    public static Diagnostic ForImport(ImportSite site, DistributionVerdict verdict, Location? dependencyLocation)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(verdict);
        var dependencyRule = DescriptorOf(verdict)
            ?? throw new ArgumentException($"{verdict.Name} is not a blocker ({verdict.Verdict}); GIL403 links only blockers.", nameof(verdict));
        var descriptor = BlockingDependencyImport.Descriptor;
        var properties = CommonProperties(verdict);
        properties["module"] = site.Module;
        properties["dependency-rule"] = dependencyRule.Id;
        properties["guarded"] = site.IsGuarded;
        return new Diagnostic(descriptor, site.Location, site.Module, VerdictWords.Display(verdict), verdict.Target.Name, VerdictWords.WhyItBlocks(verdict))
        {
            Level = LevelOf(descriptor, verdict.Confidence, site.IsGuarded),
            Confidence = VerdictWords.ToConfidence(verdict.Confidence),
            RelatedLocations = dependencyLocation is null
                ? []
                : [new RelatedLocation(dependencyLocation, $"'{verdict.Name}' is reported here ({dependencyRule.Id})")],
            Properties = properties.ToImmutableSortedDictionary(StringComparer.Ordinal),
            FingerprintKey = $"{(verdict.Scope.Length == 0 ? "" : verdict.Scope + "|")}{verdict.NormalizedName}|{descriptor.Id}|{verdict.Target.Name}|{site.Module}",
            Confirmation = new ImportProbeRequest { Module = site.Module, Distribution = verdict.Name },
        };
    }

    /// <summary>The rule that reports a verdict: GIL401, GIL402, or null when it blocks nothing.</summary>
    public static RuleDescriptor? DescriptorOf(DistributionVerdict verdict) => verdict.RuleId switch
    {
        GilReenablingDependency.Id => GilReenablingDependency.Descriptor,
        CompiledDependencyWithoutFreeThreadedWheel.Id => CompiledDependencyWithoutFreeThreadedWheel.Descriptor,
        null => null,
        var other => throw new InvalidOperationException($"The audit produced rule id {other}, which no dependency rule has."),
    };

    /// <summary>"wheel-tags: 3 cp314t wheel(s), … (uv.lock)": kind, summary and source, one line, paths relative to the root.</summary>
    public static string DescribeEvidence(Evidence evidence, ProjectLocations locations) =>
        $"{VerdictWords.Key(evidence.Kind)}: {locations.Relativize(evidence.Summary)} ({locations.Relativize(evidence.Source)})";

    // Low confidence, or an import with a fallback, is worth a look, not a gate.
    private static RuleLevel LevelOf(RuleDescriptor descriptor, VerdictConfidence confidence, bool guarded) =>
        confidence == VerdictConfidence.Low || guarded ? RuleLevel.Note : descriptor.DefaultLevel;

    private static Dictionary<string, PropertyValue> CommonProperties(DistributionVerdict verdict)
    {
        var properties = new Dictionary<string, PropertyValue>(StringComparer.Ordinal)
        {
            ["distribution"] = verdict.Name,
            ["target"] = verdict.Target.Name,
            ["platform"] = verdict.Target.Platform.Name,
            ["direct"] = verdict.IsDirect,
            ["verdict"] = VerdictWords.Key(verdict.Verdict),
            ["fix"] = VerdictWords.Fix(verdict),
        };
        if (verdict.Version is { Length: > 0 } version)
        {
            properties["version"] = version;
        }

        if (!verdict.IsDirect)
        {
            properties["pulled-in-by"] = PropertyValue.List(verdict.PulledInBy);
        }

        if (verdict.DeclaredAs is { } declaredAs)
        {
            properties["declared-as"] = declaredAs;
        }

        if (verdict.Scope.Length > 0)
        {
            properties["project"] = verdict.Scope;
        }

        if (verdict.Fix?.MinimumVersion is { } minimum)
        {
            properties["fix-version"] = minimum.ToString();
        }

        if (verdict.Fix?.Alternative is { } alternative)
        {
            properties["alternative"] = alternative;
        }

        return properties;
    }
}

/// <summary>
/// What a dependency finding needs besides its verdict: the project's imports of it, where the direct
/// dependency that pulls it in is declared (for a transitive one), and whether its project pins several
/// versions of it (then each version is its own finding).
/// </summary>
public sealed record VerdictContext(IReadOnlyList<ImportSite> ImportSites, (string Name, SourceAnchor Anchor)? DirectDeclaration = null, bool SeveralVersions = false);
