using GilScan.Analysis.Diagnostics;

namespace GilScan.Analysis.Tests;

public sealed class RuleCategoryFactsTests
{
    [Theory]
    [InlineData(RuleCategory.Tool, 1, 99, "tool")]
    [InlineData(RuleCategory.Threads, 100, 199, "threads")]
    [InlineData(RuleCategory.Asyncio, 200, 299, "asyncio")]
    [InlineData(RuleCategory.Processes, 300, 399, "processes")]
    [InlineData(RuleCategory.Dependencies, 400, 499, "dependencies")]
    [InlineData(RuleCategory.FreeThreading, 500, 599, "free-threading")]
    public void Each_category_owns_one_hundred_ids_and_a_tag(RuleCategory category, int first, int last, string tag)
    {
        category.FirstNumber().ShouldBe(first);
        category.LastNumber().ShouldBe(last);
        category.Tag().ShouldBe(tag);
        category.Contains(first - 1).ShouldBeFalse();
        category.Contains(last + 1).ShouldBeFalse();
    }

    [Fact]
    public void Every_category_has_facts()
    {
        Enum.GetValues<RuleCategory>().Select(c => c.Tag()).ShouldBeUnique();
    }
}
