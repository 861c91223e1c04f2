using GilScan.Syntax.Literals;
using GilScan.Syntax.Text;

namespace GilScan.Syntax.Tests.Literals;

public sealed class FStringPartTests
{
    private static string Decode(string raw, bool isRaw = false)
    {
        var result = StringLiteral.DecodeFStringPart(raw, isRaw);
        result.Error.ShouldBeNull();
        return result.Value!;
    }

    [Fact]
    public void Doubled_braces_become_single()
    {
        Decode("a{{b}}c").ShouldBe("a{b}c");
        Decode("{{}}", isRaw: true).ShouldBe("{}");
    }

    [Fact]
    public void Named_escapes_keep_their_braces_out_of_brace_doubling()
    {
        Decode(@"\N{EM DASH}").ShouldBe("—");
        Decode(@"{{\N{EM DASH}}}").ShouldBe("{—}");
        Decode(@"a\N{EM DASH}b").ShouldBe("a—b");
    }

    [Fact]
    public void Raw_parts_keep_backslashes()
    {
        Decode(@"\n\d{{", isRaw: true).ShouldBe(@"\n\d{");
    }

    [Fact]
    public void Backslash_before_a_doubled_brace_is_an_invalid_escape_kept_verbatim()
    {
        Decode(@"\{{").ShouldBe(@"\{");
    }

    [Fact]
    public void Escape_errors_are_positioned_within_the_piece_cpython_decodes()
    {
        // CPython splits the part after "a{" and decodes "\x" alone.
        var result = StringLiteral.DecodeFStringPart(@"a{{\x", isRaw: false);
        result.Error.ShouldBe(new LiteralError(@"(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: truncated \xXX escape", 3));
        StringLiteral.DecodeFStringPart(@"é\x", isRaw: false).Error!.Message
            .ShouldBe(@"(unicode error) 'unicodeescape' codec can't decode bytes in position 10-11: truncated \xXX escape");
    }

    [Fact]
    public void Single_closing_brace_is_an_error()
    {
        StringLiteral.DecodeFStringPart("a}b", isRaw: false).Error.ShouldBe(new LiteralError("f-string: single '}' is not allowed", 1));
    }

    [Fact]
    public void Undecodable_byte_without_backslash_gives_the_bare_codec_message()
    {
        string f6 = char.ConvertFromUtf32(UndecodableBytes.MarkerFor(0xF6));
        StringLiteral.DecodeFStringPart($"abc{f6}", isRaw: false, hasUndecodableByteMarkers: true).Error!.Message
            .ShouldBe("'utf-8' codec can't decode byte 0xf6 in position 3: invalid start byte");
    }

    [Fact]
    public void Line_endings_are_translated()
    {
        Decode("a\r\nb\rc").ShouldBe("a\nb\nc");
    }
}
