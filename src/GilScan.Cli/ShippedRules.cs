using GilScan.Analysis.Rules;
using GilScan.Rules;

namespace GilScan.Cli;

/// <summary>The rules and shared models of this build: rules/GilScan.Rules' <see cref="ShippedRuleSet"/>.</summary>
internal static class ShippedRules
{
    public static RuleCatalog Catalog => ShippedRuleSet.Catalog;

    public static ProjectModelRegistry Models => ShippedRuleSet.Models;
}
