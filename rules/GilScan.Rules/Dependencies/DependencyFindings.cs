using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;

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
    /// The GIL401/GIL402 diagnostic of a blocker, at the first of its anchors under the project root
    /// (else at <paramref name="fallback"/>); null when it is no blocker or has no place to stand.
    /// </summary>
    public static Diagnostic? ForVerdict(
        DistributionVerdict verdict, ProjectLocations locations, IReadOnlyList<ImportSite> importSites, Location? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentNullException.ThrowIfNull(importSites);
        var descriptor = DescriptorOf(verdict);
        if (descriptor is null)
        {
            return null;
        }

        var anchors = new[] { verdict.Anchor }.Concat(verdict.OtherAnchors).Select(locations.Of).OfType<Location>().Distinct().ToList();
        var primary = anchors.Count > 0 ? anchors[0] : fallback;
        if (primary is null)
        {
            return null;
        }

        var related = new List<RelatedLocation>();
        var seen = new HashSet<Location> { primary };
        foreach (var other in anchors.Skip(1).Where(seen.Add))
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

        foreach (var site in importSites.Take(MaxImportSitesLinked))
        {
            related.Add(new RelatedLocation(site.Location, $"'{site.Module}' is imported here"));
        }

        var properties = CommonProperties(verdict);
        properties["evidence"] = PropertyValue.List(verdict.Evidence.Select(e => DescribeEvidence(e, locations)));
        properties["import-sites"] = importSites.Count;
        if (verdict.Modules.Where(m => m.NeedsGil).Select(m => m.ModuleName).ToList() is { Count: > 0 } needing)
        {
            properties["modules-needing-gil"] = PropertyValue.List(needing);
        }

        return new Diagnostic(descriptor, primary, VerdictWords.Display(verdict), verdict.Target.Name, locations.Relativize(verdict.Summary), VerdictWords.Fix(verdict))
        {
            Level = LevelOf(descriptor, verdict.Confidence, guarded: false),
            Confidence = VerdictWords.ToConfidence(verdict.Confidence),
            RelatedLocations = [.. related],
            Properties = properties.ToImmutableSortedDictionary(StringComparer.Ordinal),
            FingerprintKey = $"{verdict.NormalizedName}|{descriptor.Id}|{verdict.Target.Name}",
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
                : [new RelatedLocation(dependencyLocation, $"'{verdict.Name}' is pinned here ({dependencyRule.Id})")],
            Properties = properties.ToImmutableSortedDictionary(StringComparer.Ordinal),
            FingerprintKey = $"{verdict.NormalizedName}|{descriptor.Id}|{verdict.Target.Name}|{site.Module}",
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
            ["verdict"] = VerdictWords.Key(verdict.Verdict),
            ["fix"] = VerdictWords.Fix(verdict),
        };
        if (verdict.Version is { Length: > 0 } version)
        {
            properties["version"] = version;
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
