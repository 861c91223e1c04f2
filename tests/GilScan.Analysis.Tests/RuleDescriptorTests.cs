using GilScan.Analysis.Diagnostics;

namespace GilScan.Analysis.Tests;

public sealed class RuleDescriptorTests
{
    private static RuleDescriptor Valid(
        string id = "GIL101", string name = "CpuBoundThreadTarget", string title = "CPU-bound work on a thread",
        string message = "'{0}' runs pure-Python CPU work on a thread; under the GIL it can't use a second core.",
        RuleCategory category = RuleCategory.Threads, IEnumerable<string>? tags = null) =>
        RuleDescriptor.Create(id, name, title, message, category, RuleLevel.Warning, tags: tags);

    [Fact]
    public void Help_link_is_derived_from_the_id()
    {
        Valid().HelpUri.AbsoluteUri.ShouldBe("https://github.com/gilscan/gilscan/blob/main/rules/docs/GIL101.md");
    }

    [Fact]
    public void Category_tag_comes_first_and_duplicates_are_dropped()
    {
        Valid(tags: ["concurrency", "threads", "performance"]).Tags.ShouldBe(["threads", "concurrency", "performance"]);
    }

    [Fact]
    public void Message_is_formatted_with_invariant_culture_and_one_line_arguments()
    {
        var descriptor = RuleDescriptor.Create(
            "GIL301", "LargeObjectPickledPerTask", "Large object pickled per task",
            "'{0}' pickles about '{1:N0}' bytes per task.", RuleCategory.Processes, RuleLevel.Warning);

        descriptor.MessageArgumentCount.ShouldBe(2);
        descriptor.FormatMessage("pool.map(f,\n df)", 1234567).ShouldBe("'pool.map(f,  df)' pickles about '1,234,567' bytes per task.");
    }

    [Fact]
    public void Wrong_number_of_message_arguments_is_rejected()
    {
        Should.Throw<ArgumentException>(() => Valid().FormatMessage())
            .Message.ShouldStartWith("GIL101 takes 1 message argument(s), got 0.");
    }

    [Theory]
    [InlineData("GIL1011", RuleCategory.Threads, "id 'GIL1011' must be 'GIL' followed by three digits")]
    [InlineData("gil101", RuleCategory.Threads, "id 'gil101' must be 'GIL' followed by three digits")]
    [InlineData("GIL201", RuleCategory.Threads, "id 'GIL201' is outside the Threads range GIL100-GIL199")]
    [InlineData("GIL000", RuleCategory.Tool, "id 'GIL000' is outside the Tool range GIL001-GIL099")]
    [InlineData("GIL599", RuleCategory.Dependencies, "id 'GIL599' is outside the Dependencies range GIL400-GIL499")]
    public void Id_must_be_GIL_and_three_digits_in_the_category_range(string id, RuleCategory category, string expected)
    {
        Should.Throw<ArgumentException>(() => Valid(id: id, category: category))
            .Message.ShouldBe($"Rule descriptor {id} breaks the conventions: {expected}.");
    }

    [Theory]
    [InlineData("cpu-bound-thread-target")]
    [InlineData("Cpu_Bound")]
    public void Name_must_be_PascalCase(string name)
    {
        Should.Throw<ArgumentException>(() => Valid(name: name))
            .Message.ShouldBe($"Rule descriptor GIL101 breaks the conventions: name '{name}' must be PascalCase letters and digits.");
    }

    [Theory]
    [InlineData("CPU-bound work on a thread.", "title 'CPU-bound work on a thread.' must be one line without a final period")]
    [InlineData("cpu-bound work", "title 'cpu-bound work' must start with a capital letter")]
    [InlineData(" CPU-bound work", "title ' CPU-bound work' must be non-empty without surrounding spaces")]
    public void Title_is_a_capitalised_phrase_without_a_period(string title, string expected)
    {
        Should.Throw<ArgumentException>(() => Valid(title: title))
            .Message.ShouldBe($"Rule descriptor GIL101 breaks the conventions: {expected}.");
    }

    [Theory]
    [InlineData("'{0}' runs on a thread", "must end with a period")]
    [InlineData("{0} runs on a thread.", "must start with a capital letter or a quoted part")]
    [InlineData("Work '{0}' runs on {1}.", "must quote its dynamic part '{1}' in single quotes")]
    [InlineData("Work '{0}' runs on a thread. It is slow.", "must be a single sentence")]
    [InlineData("Work '{1}' runs on a thread.", "must number its placeholders 0..n-1 without gaps")]
    public void Message_is_one_sentence_with_quoted_placeholders(string message, string problem)
    {
        Should.Throw<ArgumentException>(() => Valid(message: message))
            .Message.ShouldBe($"Rule descriptor GIL101 breaks the conventions: message '{message}' {problem}.");
    }

    [Theory]
    [InlineData("'{0}.{1}' can't run here; it's slow.")]
    [InlineData("Calls to 'time.sleep' and '{0}' block the loop.")]
    [InlineData("Value '{0}' (e.g '3.5. x') is fine.")]
    public void Apostrophes_and_periods_inside_quotes_are_allowed(string message)
    {
        Should.NotThrow(() => Valid(message: message));
    }

    [Fact]
    public void Every_broken_convention_is_named_at_once()
    {
        Should.Throw<ArgumentException>(() => RuleDescriptor.Create(
                "GIL901", "bad name", "bad title.", "no period", RuleCategory.Asyncio, RuleLevel.Note, tags: ["Not Kebab"]))
            .Message.ShouldBe(
                "Rule descriptor GIL901 breaks the conventions: id 'GIL901' is outside the Asyncio range GIL200-GIL299; "
                + "name 'bad name' must be PascalCase letters and digits; title 'bad title.' must start with a capital letter; "
                + "message 'no period' must start with a capital letter or a quoted part; tag 'Not Kebab' must be lowercase kebab-case.");
    }

    [Fact]
    public void More_than_ten_tags_are_rejected()
    {
        var tags = Enumerable.Range(1, 10).Select(i => $"tag{i}");
        Should.Throw<ArgumentException>(() => Valid(tags: tags))
            .Message.ShouldBe("Rule descriptor GIL101 breaks the conventions: at most 10 tags are allowed.");
    }
}
