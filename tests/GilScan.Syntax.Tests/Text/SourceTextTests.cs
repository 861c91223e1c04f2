using System.Text;
using GilScan.Syntax.Text;

namespace GilScan.Syntax.Tests.Text;

public sealed class SourceTextTests
{
    [Fact]
    public void Lf_crlf_and_cr_each_end_one_line()
    {
        var text = new SourceText("a\nbc\r\nd\re");
        text.LineCount.ShouldBe(4);
        text.CodePointLength.ShouldBe(9);
        text.GetPosition(0).ShouldBe(new SourcePosition(1, 0, 0));
        text.GetPosition(3).ShouldBe(new SourcePosition(2, 1, 1));
        text.GetPosition(4).ShouldBe(new SourcePosition(2, 2, 2));
        text.GetPosition(6).ShouldBe(new SourcePosition(3, 0, 0));
        text.GetPosition(8).ShouldBe(new SourcePosition(4, 0, 0));
        text.GetPosition(9).ShouldBe(new SourcePosition(4, 1, 1));
        text.GetLineText(2).ShouldBe("bc");
        text.GetLineText(3).ShouldBe("d");
    }

    [Fact]
    public void Other_unicode_line_separators_do_not_end_lines()
    {
        var text = new SourceText("a\u2028b\fc\vd\u0085e\n");
        text.LineCount.ShouldBe(2);
        text.GetPosition(8).ShouldBe(new SourcePosition(1, 11, 8));
    }

    [Fact]
    public void Columns_count_utf8_bytes_and_utf16_units_of_code_points()
    {
        // é is 2 UTF-8 bytes / 1 UTF-16 unit; 😀 is 4 bytes / 2 units but one code point.
        var text = new SourceText("x = 'é😀' + y\n");
        text.CodePointLength.ShouldBe(13);
        text.GetPosition(5).ShouldBe(new SourcePosition(1, 5, 5));
        text.GetPosition(6).ShouldBe(new SourcePosition(1, 7, 6));
        text.GetPosition(7).ShouldBe(new SourcePosition(1, 11, 8));
        text.GetPosition(12).ShouldBe(new SourcePosition(1, 16, 13));
        text.GetCodePointIndex(1, 11).ShouldBe(7);
        text.GetCodePointIndex(1, 7).ShouldBe(6);
        text.GetUtf16Index(7).ShouldBe(8);
        text.GetText(4, 8).ShouldBe("'é😀'");
    }

    [Fact]
    public void End_of_text_after_a_final_newline_is_on_an_empty_last_line()
    {
        var text = new SourceText("pass\n");
        text.LineCount.ShouldBe(2);
        text.GetPosition(5).ShouldBe(new SourcePosition(2, 0, 0));
        text.GetLineText(2).ShouldBe("");
    }

    [Fact]
    public void Column_past_line_content_lands_on_the_line_break()
    {
        var text = new SourceText("ab\r\ncd");
        text.GetCodePointIndex(1, 99).ShouldBe(2);
        text.GetCodePointIndex(2, 1).ShouldBe(5);
    }

    [Fact]
    public void Undecodable_byte_markers_count_as_one_byte_and_one_utf16_unit_when_declared()
    {
        // One unit, as the U+FFFD an editor shows for the byte: a UTF-8 column never falls below its UTF-16 column.
        string marker = char.ConvertFromUtf32(UndecodableBytes.MarkerFor(0xF6));
        var declared = new SourceText("#" + marker + "x", hasUndecodableByteMarkers: true);
        declared.GetPosition(2).ShouldBe(new SourcePosition(1, 2, 2));
        declared.GetUtf16Index(2).ShouldBe(3);
        new SourceText("#" + marker + "x").GetPosition(2).ShouldBe(new SourcePosition(1, 5, 3));
    }

    [Fact]
    public void Long_non_ascii_line_converts_correctly_through_checkpoints()
    {
        var builder = new StringBuilder("a\n");
        for (int i = 0; i < 3000; i++)
        {
            builder.Append(i % 3 == 0 ? "é" : i % 3 == 1 ? "😀" : "z");
        }
        var text = new SourceText(builder.ToString());
        // Code point 2 + k on line 2: k/3 full groups of (2 + 4 + 1) bytes and (1 + 2 + 1) units, plus the partial group.
        foreach (int k in new[] { 0, 1, 2, 255, 256, 257, 511, 512, 1000, 2999, 3000 })
        {
            int groups = k / 3, rest = k % 3;
            int utf8 = groups * 7 + (rest >= 1 ? 2 : 0) + (rest >= 2 ? 4 : 0);
            int utf16 = groups * 4 + (rest >= 1 ? 1 : 0) + (rest >= 2 ? 2 : 0);
            text.GetPosition(2 + k).ShouldBe(new SourcePosition(2, utf8, utf16), $"code point {k} of line 2");
            text.GetCodePointIndex(2, utf8).ShouldBe(2 + k);
        }
    }

    [Fact]
    public void Fifty_megabytes_of_ascii_convert_positions_on_every_line()
    {
        // Correctness only: speed is measured by bench/GilScan.RulesBench, never by a timed test.
        string line = new string('x', 49) + "\n";
        string source = string.Concat(Enumerable.Repeat(line, 1_000_000));
        var text = new SourceText(source);
        for (int i = 0; i < 1_000_000; i += 7)
        {
            text.GetPosition(i * 50 + 3).ShouldBe(new SourcePosition(i + 1, 3, 3));
        }
        text.LineCount.ShouldBe(1_000_001);
    }

    [Fact]
    public void Readers_on_many_threads_agree()
    {
        var text = new SourceText(string.Concat(Enumerable.Repeat("é😀 abc\n", 2000)));
        Parallel.For(0, 2000, i => text.GetPosition(i * 7 + 2).ShouldBe(new SourcePosition(i + 1, 6, 3)));
    }
}
