using System.Text;
using GilScan.Sarif.Fingerprints;

namespace GilScan.Sarif.Tests;

/// <summary>The published test vectors of GitHub's line hash (SARIF-CHECKLIST.md), and the rules behind them.</summary>
public sealed class PrimaryLocationLineHashTests
{
    [Fact]
    public void Empty_file_has_one_line_with_the_published_hash()
    {
        PrimaryLocationLineHash.ForText("").ShouldBe(["c129715d7a2bc9a3:1"]);
    }

    [Fact]
    public void Published_four_line_vector_matches()
    {
        PrimaryLocationLineHash.ForText(" a\nb\n  \t\tc\n d")
            .ShouldBe(["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"]);
    }

    [Fact]
    public void Crlf_and_cr_line_ends_hash_like_lf()
    {
        var lf = PrimaryLocationLineHash.ForText(" a\nb\n  \t\tc\n d");

        PrimaryLocationLineHash.ForText(" a\r\nb\r\n  \t\tc\r\n d").ShouldBe(lf);
        PrimaryLocationLineHash.ForText(" a\rb\r  \t\tc\r d").ShouldBe(lf);
    }

    [Fact]
    public void Indentation_does_not_change_a_hash()
    {
        PrimaryLocationLineHash.ForText("x = 1\ny = 2").ShouldBe(PrimaryLocationLineHash.ForText("    x = 1\n\t\ty = 2"));
    }

    [Fact]
    public void Identical_lines_are_told_apart_by_their_occurrence_count()
    {
        // The same 100-unit window (through the end-of-file padding) gives the same hash.
        var hashes = PrimaryLocationLineHash.ForText("pass\npass\npass\n");

        hashes.Count.ShouldBe(4);
        hashes.Select(h => h[..h.IndexOf(':')]).Distinct().Count().ShouldBe(4);
        var repeated = PrimaryLocationLineHash.ForText(string.Concat(Enumerable.Repeat("x = compute()\n", 20)));
        repeated[0].ShouldEndWith(":1");
        repeated[0][..repeated[0].IndexOf(':')].ShouldBe(repeated[1][..repeated[1].IndexOf(':')]);
        repeated[1].ShouldEndWith(":2");
        repeated[2].ShouldEndWith(":3");
    }

    [Fact]
    public void Bytes_are_read_as_utf8_with_the_bom_counted_as_text()
    {
        var text = "é = 1\n";
        PrimaryLocationLineHash.ForFile(Encoding.UTF8.GetBytes(text)).ShouldBe(PrimaryLocationLineHash.ForText(text));
        PrimaryLocationLineHash.ForFile([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]).ShouldBe(PrimaryLocationLineHash.ForText("\uFEFF" + text));
    }
}
