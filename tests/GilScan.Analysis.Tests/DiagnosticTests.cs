using System.Collections.Immutable;
using GilScan.Analysis.Diagnostics;

namespace GilScan.Analysis.Tests;

public sealed class DiagnosticTests
{
    private static readonly Location Site = new("app/worker.py", new SourceSpan(6, 0, 0, 6, 48, 48));

    [Fact]
    public void A_new_diagnostic_takes_the_rule_defaults()
    {
        var diagnostic = new Diagnostic(ToolRules.SyntaxError, Site, "invalid syntax");

        diagnostic.RuleId.ShouldBe("GIL001");
        diagnostic.Message.ShouldBe("This file does not parse as Python and was not analysed: 'invalid syntax'.");
        diagnostic.Level.ShouldBe(RuleLevel.Error);
        diagnostic.Confidence.ShouldBe(Confidence.High);
        diagnostic.RelatedLocations.ShouldBeEmpty();
        diagnostic.CodeFlow.ShouldBeEmpty();
        diagnostic.Properties.ShouldBeEmpty();
        diagnostic.IsSuppressed.ShouldBeFalse();
        diagnostic.Fix.ShouldBeNull();
        diagnostic.FingerprintKey.ShouldBeNull();
    }

    [Fact]
    public void Later_stages_derive_a_suppressed_copy_with_another_level()
    {
        var original = new Diagnostic(ToolRules.SyntaxError, Site, "invalid syntax");

        var changed = original with { Suppression = new Suppression(SuppressionKind.InSource, "# noqa: GIL001"), Level = RuleLevel.Note };

        changed.IsSuppressed.ShouldBeTrue();
        changed.Suppression!.Justification.ShouldBe("# noqa: GIL001");
        changed.Level.ShouldBe(RuleLevel.Note);
        changed.Message.ShouldBe(original.Message);
        original.IsSuppressed.ShouldBeFalse();
    }

    [Fact]
    public void Property_keys_are_kept_in_ordinal_order()
    {
        var diagnostic = new Diagnostic(ToolRules.SyntaxError, Site, "x")
        {
            Properties = new Dictionary<string, PropertyValue>
            {
                ["estimatedWork"] = 10_000_000L,
                ["callChain"] = PropertyValue.List("main", "work"),
                ["Zeta"] = true,
                ["confirmed"] = PropertyValue.Dictionary([new("speedup", 0.98), new("cores", 4)]),
            }.ToImmutableSortedDictionary(),
        };

        diagnostic.Properties.Keys.ShouldBe(["Zeta", "callChain", "confirmed", "estimatedWork"]);
        diagnostic.Properties["callChain"].ShouldBe(PropertyValue.List("main", "work"));
        ((PropertyValue.Map)diagnostic.Properties["confirmed"]).Entries.Keys.ShouldBe(["cores", "speedup"]);
    }

    [Fact]
    public void Item_lists_hold_any_property_values_and_compare_by_content()
    {
        var runs = PropertyValue.Items(
            PropertyValue.Dictionary([new("interpreter", "CPython 3.13.0"), new("threadSpeedup", 0.98)]),
            PropertyValue.Items(0, 1),
            "text");
        var same = PropertyValue.Items(
            PropertyValue.Dictionary([new("threadSpeedup", 0.98), new("interpreter", "CPython 3.13.0")]),
            PropertyValue.Items(0, 1),
            "text");

        var items = runs.ShouldBeOfType<PropertyValue.ItemList>().Values;
        items.Length.ShouldBe(3);
        items[1].ShouldBe(PropertyValue.Items(0L, 1L));
        runs.ShouldBe(same);
        runs.GetHashCode().ShouldBe(same.GetHashCode());
        runs.ShouldNotBe(PropertyValue.Items(PropertyValue.Items(0, 1), "text"));
        PropertyValue.Items("a", "b").ShouldNotBe(PropertyValue.List("a", "b"));
        Should.Throw<ArgumentException>(() => new PropertyValue.ItemList([null!]));
        Should.Throw<ArgumentException>(() => new PropertyValue.ItemList(default));
    }

    [Fact]
    public void Non_finite_numbers_cannot_enter_a_property_bag()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => (PropertyValue)double.NaN);
    }

    [Fact]
    public void Lists_of_a_diagnostic_may_not_hold_nulls()
    {
        Should.Throw<ArgumentException>(() => new Diagnostic(ToolRules.SyntaxError, Site, "x") { RelatedLocations = [null!] });
        Should.Throw<ArgumentException>(() => new Diagnostic(ToolRules.SyntaxError, Site, "x") { CodeFlow = default });
    }

    [Fact]
    public void Tool_rules_are_well_formed_and_in_id_order()
    {
        ToolRules.All.Select(r => r.Id).ShouldBe(["GIL001", "GIL002", "GIL003"]);
        ToolRules.All.ShouldAllBe(r => r.Category == RuleCategory.Tool && r.DefaultLevel == RuleLevel.Error);
        ToolRules.InvalidConfiguration.FormatMessage("ignroe", "unknown key")
            .ShouldBe("The gilscan setting 'ignroe' is invalid: 'unknown key'.");
    }
}
