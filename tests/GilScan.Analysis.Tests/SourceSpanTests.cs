using GilScan.Analysis.Diagnostics;

namespace GilScan.Analysis.Tests;

public sealed class SourceSpanTests
{
    // "é" is 2 UTF-8 bytes and 1 UTF-16 unit, "中" 3 bytes and 1 unit, "😀" 4 bytes and 2 units.
    private const string Line = "s = 'é中😀' + x";

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 5)]   // just after the opening quote
    [InlineData(6, 7)]   // after é
    [InlineData(7, 10)]  // after 中
    [InlineData(9, 14)]  // after 😀 (two UTF-16 units)
    [InlineData(10, 15)] // after the closing quote
    [InlineData(14, 19)] // end of line
    public void Utf16_and_utf8_columns_convert_both_ways(int utf16, int utf8)
    {
        LineColumns.Utf16ToUtf8(Line, utf16).ShouldBe(utf8);
        LineColumns.Utf8ToUtf16(Line, utf8).ShouldBe(utf16);
    }

    [Fact]
    public void A_column_inside_a_character_is_rejected()
    {
        Should.Throw<ArgumentException>(() => LineColumns.Utf16ToUtf8(Line, 8)).Message.ShouldStartWith("Column 8 splits a surrogate pair.");
        Should.Throw<ArgumentException>(() => LineColumns.Utf8ToUtf16(Line, 6)).Message.ShouldStartWith("Byte column 6 falls inside a UTF-8 sequence.");
    }

    [Fact]
    public void Span_from_utf16_positions_computes_the_cpython_byte_columns()
    {
        var text = "import x\r\n" + Line + "\n";

        var span = SourceSpan.FromUtf16(text, 2, 4, 2, 10);

        span.ShouldBe(new SourceSpan(2, 4, 4, 2, 15, 10));
        span.ToString().ShouldBe("2:4-2:10 (utf8 4-15)");
    }

    [Fact]
    public void Lines_are_split_like_python_at_crlf_lf_and_cr()
    {
        SourceLines.Split("a\r\nb\rc\n\nd").ShouldBe(["a", "b", "c", "", "d"]);
        SourceLines.Split("a\n").ShouldBe(["a", ""]);
        SourceLines.Split("").ShouldBe([""]);
    }

    [Fact]
    public void Invalid_spans_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new SourceSpan(0, 0, 0, 1, 0, 0));
        Should.Throw<ArgumentOutOfRangeException>(() => new SourceSpan(1, -1, 0, 1, 0, 0));
        Should.Throw<ArgumentException>(() => new SourceSpan(2, 0, 0, 1, 0, 0)).Message.ShouldStartWith("A span must not end before it starts");
        Should.Throw<ArgumentException>(() => new SourceSpan(1, 3, 3, 1, 2, 2)).Message.ShouldStartWith("A span must not end before it starts");
        Should.Throw<ArgumentException>(() => new SourceSpan(1, 1, 2, 1, 3, 3)).Message.ShouldStartWith("A UTF-8 byte column cannot be smaller");
    }

    [Fact]
    public void Start_of_file_is_an_empty_span_on_line_one()
    {
        SourceSpan.StartOfFile.ShouldBe(new SourceSpan(1, 0, 0, 1, 0, 0));
        SourceSpan.StartOfFile.IsEmpty.ShouldBeTrue();
    }
}
