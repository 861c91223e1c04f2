using System.Reflection;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Cli.Tests.Support;
using GilScan.Rules;
using GilScan.Testing;

namespace GilScan.Cli.Tests;

/// <summary>
/// Guards the whole rule set the tool ships (STYLE.md): ids unique and in their category's range,
/// each rule documented in rules/docs with the skeleton and the same title, help links conventional,
/// titles without periods, rule classes sealed and without mutable state.
/// </summary>
public sealed class RuleCatalogMetaTests
{
    private static readonly RuleCatalog Catalog = ShippedRuleSet.Catalog;
    private static readonly string DocsDirectory = RepositoryRoot.Combine("rules", "docs");

    public static TheoryData<string> RuleIds() => [.. Catalog.Descriptors.Select(d => d.Id)];

    [Fact]
    public void Ids_are_unique()
    {
        Catalog.Descriptors.Select(d => d.Id).ShouldBeUnique();
        Catalog.Descriptors.Select(d => d.Name).ShouldBeUnique();
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Each_rule_follows_the_conventions_and_has_its_page(string id)
    {
        var rule = Catalog.Find(id).ShouldNotBeNull();
        rule.Category.Contains(RuleConventions.NumberOf(id)).ShouldBeTrue($"{id} is outside the {rule.Category} range");
        rule.Title.ShouldNotEndWith(".");
        RuleConventions.CheckTitle(rule.Title).ShouldBeNull();
        RuleConventions.CheckMessage(rule.MessageFormat).ShouldBeNull();
        rule.HelpUri.ShouldBe(new Uri($"https://github.com/gilscan/gilscan/blob/main/rules/docs/{id}.md"));

        var page = Path.Combine(DocsDirectory, id + ".md");
        File.Exists(page).ShouldBeTrue($"rules/docs/{id}.md is missing");
        var doc = RuleDocs.FromPages([(id + ".md", page, File.ReadAllText(page))])[id];
        doc.Title.ShouldBe(rule.Title);
        doc.Sections.Take(3).ShouldBe([RuleDocParser.WhatItDoes, RuleDocParser.WhyIsThisBad, RuleDocParser.Example]);
        CliRun.Shipped.Docs.TryGet(id, out _).ShouldBeTrue($"{id}'s page is not embedded in the tool");
    }

    /// <summary>
    /// Rules that are defined, documented and tested in rules/GilScan.Rules but not yet run by
    /// `gilscan check`. A rule moves from here into the shipped catalog when it is wired in; the list
    /// must then shrink. Empty since GIL401-403 ship.
    /// </summary>
    private static readonly IReadOnlyList<string> DefinedButNotYetShipped = [];

    [Fact]
    public void The_dependency_rules_ship_as_rule_classes()
    {
        Catalog.Rules.Select(rule => rule.Id).Where(id => id.StartsWith("GIL4", StringComparison.Ordinal)).ShouldBe(["GIL401", "GIL402", "GIL403"]);
        GilScan.Rules.Dependencies.DependencyRules.All.ShouldAllBe(descriptor => Catalog.Rules.Any(rule => ReferenceEquals(rule.Definition, descriptor)));
    }

    [Fact]
    public void Every_page_in_rules_docs_belongs_to_a_defined_rule()
    {
        var pages = Directory.EnumerateFiles(DocsDirectory, "*.md").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);

        pages.ShouldBe(Catalog.Descriptors.Select(d => d.Id).Concat(DefinedButNotYetShipped).Order(StringComparer.Ordinal));
        DefinedButNotYetShipped.Intersect(Catalog.Descriptors.Select(d => d.Id)).ShouldBeEmpty();
    }

    [Fact]
    public void Rule_classes_are_sealed_and_keep_no_mutable_state()
    {
        foreach (var rule in Catalog.Rules)
        {
            var type = rule.GetType();
            type.IsSealed.ShouldBeTrue($"{type.Name} must be sealed");
            var mutable = type.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(field => !field.IsInitOnly && !field.IsLiteral)
                .Select(field => field.Name)
                .ToList();
            mutable.ShouldBeEmpty($"{type.Name} has mutable fields");
        }
    }
}
