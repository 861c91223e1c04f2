using GilScan.Analysis.Diagnostics;

namespace GilScan.Sarif;

/// <summary>Who wrote the SARIF file: <c>tool.driver</c>'s name, version and home page.</summary>
public sealed record ToolIdentity(string Name, string SemanticVersion, Uri InformationUri)
{
    /// <summary>gilscan itself at <paramref name="semanticVersion"/>.</summary>
    public static ToolIdentity Gilscan(string semanticVersion) =>
        new("gilscan", semanticVersion, new Uri(RuleHelpLinks.ProjectHome));
}
