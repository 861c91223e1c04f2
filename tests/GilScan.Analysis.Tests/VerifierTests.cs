using GilScan.Analysis.Tests.TestRules;
using GilScan.Testing;

namespace GilScan.Analysis.Tests;

/// <summary>The markup verifier itself: marks parse to exact spans, and a mismatch explains itself.</summary>
public sealed class VerifierTests
{
    [Fact]
    public void Marks_are_removed_and_become_spans_in_the_clean_text()
    {
        var (text, spans) = Markup.Parse("a = {|GIL101:f(\n  [|g()|])|}\n", "m.py", "GIL190");

        text.ShouldBe("a = f(\n  g())\n");
        spans.Select(s => s.ToString()).ShouldBe(["GIL190 m.py:2:3-2:6", "GIL101 m.py:1:5-2:7"]);
    }

    [Theory]
    [InlineData("x = {|GIL101 f()", "'{|' at 1:5 needs a rule id and ':' (e.g. {|GIL101:...|}).")]
    [InlineData("x = f()|}", "'|}' at 1:8 closes no mark.")]
    [InlineData("x = [|f()", "A mark opened at 1:5 is never closed.")]
    public void Broken_markup_is_refused_with_its_position(string markup, string message) =>
        Should.Throw<FormatException>(() => Markup.Parse(markup, "m.py", "GIL190")).Message.ShouldBe(message);

    [Fact]
    public void A_mismatch_lists_expected_and_actual_findings_with_their_text()
    {
        var error = Should.Throw<VerificationException>(() => Verify<ReportsEveryCall>.Diagnostics("x = [|f|](1)\ny = g()\n"));

        error.Message.ShouldBe(
            """
            the findings differ from the marks.
            Expected 1:
              GIL190 test.py:1:5-1:6 `f`
            Actual 2:
              GIL190 test.py:1:5-1:9 `f(1)` "Call to 'f'."
              GIL190 test.py:2:5-2:8 `g()` "Call to 'g'."

            """,
            StringCompareShould.IgnoreLineEndings);
    }

    [Fact]
    public void Wrong_messages_are_reported_even_when_the_spans_match()
    {
        var error = Should.Throw<VerificationException>(() => Verify<ReportsEveryCall>.Diagnostics("[|f()|]\n", "Call to 'g'."));

        error.Message.ShouldStartWith("the messages differ.");
    }
}
