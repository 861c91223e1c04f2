using GilScan.Analysis.Diagnostics;
using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Toml;
using GilScan.Rules.Dependencies;
using GilScan.Rules.FreeThreading;

namespace GilScan.Reporting.Audit;

/// <summary>Builds the <see cref="AuditReport"/> from a dependency analysis and the code findings of the other rules.</summary>
public static class AuditReportBuilder
{
    /// <param name="analysis">The dependency analysis (verdicts, imports, GIL401-403).</param>
    /// <param name="codeFindings">Diagnostics of the other rules; GIL4xx among them are dropped, the analysis already has them.</param>
    /// <param name="codeRules">The other rules that ran (for SARIF's rule list), in addition to those of <paramref name="codeFindings"/>.</param>
    /// <param name="linkPrefix">What file links start with to reach the project root from where the report is written (see <see cref="AuditReport.LinkPrefix"/>).</param>
    /// <param name="freeThreading">What GIL501/GIL502 checked in the project's code, when they ran (see <see cref="AuditReport.FreeThreading"/>).</param>
    public static AuditReport Build(DependencyAuditOutcome analysis, IEnumerable<Diagnostic>? codeFindings = null, IEnumerable<RuleDescriptor>? codeRules = null, string linkPrefix = "", FreeThreadingCoverage? freeThreading = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var session = analysis.Dependencies;
        var locations = session.Locations;
        var importsByVerdict = analysis.Imports.ToLookup(i => i.Verdict, ReferenceEqualityComparer.Instance);
        var dependencyRuleIds = DependencyRules.All.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var findings = (codeFindings ?? []).Where(d => !dependencyRuleIds.Contains(d.RuleId)).Order(DiagnosticLocationOrder.Instance).ToList();
        var rules = DependencyRules.All.Concat(ToolRules.All).Concat(codeRules ?? []).Concat(findings.Select(d => d.Descriptor))
            .DistinctBy(r => r.Id, StringComparer.Ordinal).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();

        return new AuditReport
        {
            ProjectName = ProjectName(session),
            ProjectRoot = session.ProjectRoot,
            Target = session.Target,
            TargetReason = session.TargetChoice.Reason,
            LinkPrefix = linkPrefix,
            NotOnTarget = [.. session.Audit.NotOnTarget.Select(e => new ExcludedReportEntry(e.Name, e.Version, e.Scope, locations.Relativize(e.Reason), locations.Of(e.Anchor)))],
            Inputs = InputsOf(session),
            Dependencies = [.. session.Audit.Verdicts.Select(v => Entry(v, locations, importsByVerdict[v]))
                .OrderBy(e => e.Group).ThenBy(e => e.Verdict).ThenBy(e => e.NormalizedName, StringComparer.Ordinal)],
            DependencyDiagnostics = analysis.Diagnostics,
            CodeFindings = findings,
            FreeThreading = freeThreading,
            Notifications = analysis.Notifications,
            Rules = rules,
        };
    }

    /// <summary>
    /// What a link to a project file should start with when the report is written to <paramref name="outputFile"/>
    /// (null: standard output, links relative to the root): "../" for reports/audit.html, "" at the root.
    /// </summary>
    public static string LinkPrefixFor(string projectRoot, string? outputFile)
    {
        if (outputFile is null)
        {
            return string.Empty;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(outputFile)) ?? projectRoot;
        var relative = Path.GetRelativePath(folder, Path.GetFullPath(projectRoot)).Replace(Path.DirectorySeparatorChar, '/');
        return relative == "." ? string.Empty : relative.TrimEnd('/') + "/";
    }

    private static DependencyReportEntry Entry(DistributionVerdict verdict, ProjectLocations locations, IEnumerable<ResolvedImport> imports)
    {
        var anchors = new[] { verdict.Anchor }.Concat(verdict.OtherAnchors).Select(locations.Of).OfType<Location>().Distinct().ToList();
        var entry = new DependencyReportEntry(
            verdict.Name,
            verdict.NormalizedName,
            verdict.Version,
            verdict.Verdict,
            verdict.RuleId,
            VerdictWords.ToConfidence(verdict.Confidence),
            locations.Relativize(verdict.Summary),
            [.. verdict.Evidence.Select(e => new ReportedEvidence(e.Kind, locations.Relativize(e.Summary), locations.Relativize(e.Source))
            {
                Links = e.Links,
                Location = e.Location is { } anchor ? locations.Of(anchor) : null,
            })],
            verdict.IsBlocker || verdict.Fix is not null ? VerdictWords.Fix(verdict) : null,
            anchors.FirstOrDefault(),
            [.. anchors.Skip(1)],
            [.. imports.Select(i => new ImportReference(i.Site.Module, i.Site.Location, i.Site.IsGuarded))],
            [.. verdict.Modules.Where(m => m.NeedsGil).Select(m => m.ModuleName).Distinct(StringComparer.Ordinal)]);
        return entry with
        {
            Scope = verdict.Scope,
            DeclaredAt = [.. verdict.Declarations.Select(locations.Of).OfType<Location>().Distinct()],
            Pins = [.. verdict.Pins.Select(locations.Of).OfType<Location>().Distinct()],
            PulledInBy = verdict.PulledInBy,
            DeclaredAs = verdict.DeclaredAs,
            FixVersion = verdict.Fix?.MinimumVersion?.ToString(),
            Alternative = verdict.Fix?.Alternative,
        };
    }

    private static List<string> InputsOf(ProjectDependencyAudit session)
    {
        var locations = session.Locations;
        string Show(string path) => locations.RelativePath(path) ?? path;
        return
        [
            .. session.Inputs.Files.Select(f => Show(f.Path)),
            .. session.Inputs.Environments.Select(e => Show(e.Root)),
            .. session.Inputs.Wheels.Select(w => Show(w.Origin)),
        ];
    }

    private static string ProjectName(ProjectDependencyAudit session)
    {
        var pyproject = Path.Combine(session.ProjectRoot, "pyproject.toml");
        if (File.Exists(pyproject))
        {
            try
            {
                var root = TomlTreeBuilder.Parse(File.ReadAllText(pyproject), pyproject).Root;
                var name = root.GetTable("project")?.GetString("name") ?? root.GetTable("tool")?.GetTable("poetry")?.GetString("name");
                if (!string.IsNullOrWhiteSpace(name))
                {
                    return name.Trim();
                }
            }
            catch (IOException)
            {
                // Unreadable now: the directory name is a fine title.
            }
        }

        return Path.GetFileName(session.ProjectRoot.TrimEnd(Path.DirectorySeparatorChar)) is { Length: > 0 } directory ? directory : "project";
    }
}
