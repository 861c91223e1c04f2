using GilScan.Analysis.Diagnostics;
using Microsoft.CodeAnalysis.Sarif;

namespace GilScan.Sarif;

/// <summary>
/// Builds a SARIF <c>reportingDescriptor</c> from a rule's descriptor and its page in rules/docs:
/// every field GitHub and VS Code read (SARIF-CHECKLIST.md §4.1 rows 9-19).
/// </summary>
internal static class RuleMetadata
{
    public static ReportingDescriptor Build(RuleDescriptor rule, RuleDoc doc)
    {
        var descriptor = new ReportingDescriptor
        {
            Id = rule.Id,
            Name = rule.Name,
            ShortDescription = new MultiformatMessageString { Text = doc.ShortDescription },
            FullDescription = new MultiformatMessageString { Text = doc.FullDescriptionText, Markdown = doc.FullDescriptionMarkdown },
            Help = new MultiformatMessageString { Text = doc.HelpText, Markdown = doc.HelpMarkdown },
            HelpUri = rule.HelpUri,
            DefaultConfiguration = new ReportingConfiguration
            {
                Level = SarifLevels.ToFailureLevel(rule.DefaultLevel),
                Enabled = rule.IsEnabledByDefault,
            },
        };

        // Insertion order is output order: keep it fixed for byte-stable files.
        descriptor.SetProperty("precision", SarifLevels.Precision(rule.Precision));
        descriptor.SetProperty("problem.severity", SarifLevels.ProblemSeverity(rule.DefaultLevel));
        descriptor.SetProperty("tags", rule.Tags.ToArray());
        return descriptor;
    }
}
