using GilScan.Analysis.Suppressions;
using GilScan.Analysis.Tests.TestRules;
using GilScan.Syntax;
using GilScan.Testing;

namespace GilScan.Analysis.Tests.Suppressions;

/// <summary><c># noqa</c> and <c># gilscan: ignore[…]</c>, read from real comment tokens.</summary>
public sealed class SuppressionCommentTests
{
    [Theory]
    [InlineData("# noqa", "")]
    [InlineData("# NOQA", "")]
    [InlineData("#noqa:GIL101", "GIL101")]
    [InlineData("# noqa: GIL101, GIL102", "GIL101,GIL102")]
    [InlineData("# noqa: GIL101 GIL102 because the loop is tiny", "GIL101,GIL102")]
    [InlineData("# noqa:", "")]
    [InlineData("# type: ignore  # noqa: GIL201", "GIL201")]
    [InlineData("# gilscan: ignore[GIL101]", "GIL101")]
    [InlineData("# gilscan: ignore[GIL101, GIL202]", "GIL101,GIL202")]
    [InlineData("# gilscan: ignore", "")]
    public void Directives_name_the_codes_they_cover(string comment, string codes)
    {
        var directive = SuppressionComments.Parse(comment).ShouldHaveSingleItem();

        string.Join(',', directive.Codes).ShouldBe(codes);
    }

    [Theory]
    [InlineData("# not a noqa here")]
    [InlineData("# noqafoo")]
    [InlineData("# gilscan: ignored")]
    [InlineData("# gilscan: ignore[]")]
    [InlineData("# gilscan:ignore[GIL101")]
    [InlineData("# pylint: disable=noqa-ish")]
    public void Other_comments_are_not_directives(string comment) =>
        SuppressionComments.Parse(comment).ShouldBeEmpty();

    [Fact]
    public void A_noqa_for_another_tools_code_covers_only_that_code() =>
        SuppressionComments.Parse("# noqa: E501").ShouldHaveSingleItem().Covers("GIL190").ShouldBeFalse();

    [Fact]
    public Task A_bare_noqa_suppresses_every_finding_on_its_line_and_only_there() => Verify<ReportsEveryCall>.Diagnostics(
        """
        f()  # noqa
        {|GIL190:g()|}
        """);

    [Fact]
    public Task A_noqa_with_codes_suppresses_only_those_rules() => Verify<ReportsEveryCall>.Diagnostics(
        """
        f()  # noqa: GIL190
        {|GIL190:g()|}  # noqa: GIL101
        h()  # gilscan: ignore[GIL190]
        {|GIL190:i()|}  # gilscan: ignore[GIL201]
        """);

    [Fact]
    public Task A_noqa_inside_a_string_is_not_a_comment() => Verify<ReportsEveryCall>.Diagnostics(
        """
        {|GIL190:f("# noqa")|}
        {|GIL190:g('''
        # noqa: GIL190
        ''')|}
        """);

    [Fact]
    public Task A_directive_applies_to_the_line_where_a_finding_starts() => Verify<ReportsEveryCall>.Diagnostics(
        """
        f(  # noqa: GIL190
            1,
        )
        {|GIL190:g(
            2,
        )|}  # noqa: GIL190
        """);

    [Fact]
    public void Suppressed_findings_are_kept_with_the_directive_as_justification()
    {
        var result = Verifier.Default.Run([new ReportsEveryCall()], [("a.py", "f()  # noqa: GIL190 -- tiny\n")]);

        var suppression = result.Diagnostics.ShouldHaveSingleItem().Suppression.ShouldNotBeNull();
        suppression.Kind.ShouldBe(Diagnostics.SuppressionKind.InSource);
        suppression.Justification.ShouldBe("# noqa: GIL190");
    }

    [Fact]
    public void The_syntax_tree_exposes_every_comment_token_with_its_line()
    {
        var tree = SyntaxTree.ParseText("t.py", "x = '#no'  # one\n\n# two\ns = '''\n# not\n'''\n").Tree.ShouldNotBeNull();

        tree.Comments.ShouldBe([new SyntaxComment(1, "# one"), new SyntaxComment(3, "# two")]);
    }
}
