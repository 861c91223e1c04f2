using System.Text;
using GilScan.Syntax.Literals;
using GilScan.Syntax.Text;

namespace GilScan.Syntax.Tests.Literals;

public sealed class StringLiteralTests
{
    private static string Text(string token)
    {
        var result = StringLiteral.Parse(token);
        result.Error.ShouldBeNull();
        return result.Value!.Text!;
    }

    private static byte[] Bytes(string token)
    {
        var result = StringLiteral.Parse(token);
        result.Error.ShouldBeNull();
        return result.Value!.Bytes!;
    }

    private static LiteralError Error(string token, bool markers = false)
    {
        var result = StringLiteral.Parse(token, markers);
        result.IsSuccess.ShouldBeFalse();
        return result.Error!;
    }

    [Fact]
    public void Simple_escapes_decode_to_their_characters()
    {
        Text(""" '\\ \' \" \a \b \f \n \r \t \v' """.Trim()).ShouldBe("\\ ' \" \a \b \f \n \r \t \v");
    }

    [Fact]
    public void Octal_escapes_take_up_to_three_digits()
    {
        Text(@"'\0'").ShouldBe("\0");
        Text(@"'\08'").ShouldBe("\08");
        Text(@"'\1234'").ShouldBe("S4");
        Text(@"'\777'").ShouldBe("\u01FF");
        Bytes(@"b'\777'").ShouldBe([0xFF]);
        Bytes(@"b'\400'").ShouldBe([0x00]);
    }

    [Fact]
    public void Octal_escape_above_0o377_warns()
    {
        StringLiteral.Parse(@"'a\777'").Value!.Warning.ShouldBe(new LiteralWarning(@"invalid octal escape sequence '\777'", 2));
        StringLiteral.Parse(@"b'\777'").Value!.Warning.ShouldBe(new LiteralWarning(@"invalid octal escape sequence '\777'", 2));
    }

    [Fact]
    public void Hex_and_unicode_escapes_decode()
    {
        Text(@"'\x41\u0042\U00000043\103'").ShouldBe("ABCC");
        Text(@"'\U0001F600'").ShouldBe("😀");
        Bytes(@"b'\x00\xfF'").ShouldBe([0x00, 0xFF]);
    }

    [Fact]
    public void Lone_surrogate_escape_stays_a_lone_surrogate()
    {
        var value = StringLiteral.Parse(@"'\ud800x'").Value!;
        value.Text.ShouldBe("\ud800x");
        value.HasSurrogateCodePoints.ShouldBeTrue();
        StringLiteral.Parse(@"'\U0001F600'").Value!.HasSurrogateCodePoints.ShouldBeFalse();
    }

    [Fact]
    public void Named_escapes_accept_names_aliases_and_algorithmic_names()
    {
        Text(@"'\N{EM DASH}'").ShouldBe("—");
        Text(@"'\N{latin small letter a}'").ShouldBe("a");
        Text(@"'\N{BOM}'").ShouldBe("\uFEFF");
        Text(@"'\N{CJK UNIFIED IDEOGRAPH-4E00}'").ShouldBe("一");
        Text(@"'\N{HANGUL SYLLABLE GAG}'").ShouldBe("각");
        Text(@"'\N{CJK COMPATIBILITY IDEOGRAPH-F900}'").ShouldBe("\uF900");
        Text(@"'\N{NUSHU CHARACTER-1B170}'").ShouldBe(char.ConvertFromUtf32(0x1B170));
    }

    [Fact]
    public void Unknown_or_malformed_names_fail_like_cpython()
    {
        Error(@"'\N{cjk unified ideograph-4e00}'").Message.ShouldBe(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-29: unknown Unicode character name");
        Error(@"'\N{LATIN CAPITAL LETTER A WITH MACRON AND GRAVE}'").Message.ShouldBe(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-47: unknown Unicode character name");
        Error(@"'\N{}'").Message.ShouldBe("(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: malformed \\N character escape");
        Error(@"'\N'").Message.ShouldBe("(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed \\N character escape");
        Error(@"'\N{dash'").Message.ShouldBe("(unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: malformed \\N character escape");
    }

    [Fact]
    public void Truncated_escapes_fail_with_positions_in_cpythons_rewritten_buffer()
    {
        Error(@"'\x'").ShouldBe(new LiteralError(@"(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: truncated \xXX escape", 1));
        Error(@"'\x4g'").Message.ShouldBe(@"(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \xXX escape");
        Error(@"'\u12'").Message.ShouldBe(@"(unicode error) 'unicodeescape' codec can't decode bytes in position 0-3: truncated \uXXXX escape");
        Error(@"'\U00110000'").Message.ShouldBe("(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character");
        // Each non-ASCII character counts as the 10 characters of a \UXXXXXXXX escape.
        Error(@"'é\x'").ShouldBe(new LiteralError(@"(unicode error) 'unicodeescape' codec can't decode bytes in position 10-11: truncated \xXX escape", 2));
        Error(@"b'\x4'").ShouldBe(new LiteralError(@"(value error) invalid \x escape at position 0", 2));
    }

    [Fact]
    public void Invalid_escapes_are_kept_and_the_first_warns()
    {
        var value = StringLiteral.Parse(@"'a\d\q'").Value!;
        value.Text.ShouldBe(@"a\d\q");
        value.Warning.ShouldBe(new LiteralWarning(@"invalid escape sequence '\d'", 2));
        Bytes(@"b'\d\N{DASH}\u1234'").ShouldBe(Encoding.ASCII.GetBytes(@"\d\N{DASH}\u1234"));
        StringLiteral.Parse(@"'\é'").Value!.Warning.ShouldBeNull();
        Text(@"'\é'").ShouldBe(@"\é");
    }

    [Fact]
    public void Backslash_newline_continues_the_line_for_every_line_ending()
    {
        Text("'a\\\nb'").ShouldBe("ab");
        Text("'a\\\r\nb'").ShouldBe("ab");
        Text("'a\\\rb'").ShouldBe("ab");
        Bytes("b'a\\\r\nb'").ShouldBe("ab"u8.ToArray());
        Text("r'a\\\nb'").ShouldBe("a\\\nb");
    }

    [Fact]
    public void Triple_quoted_line_endings_become_lf_as_cpython_translates_the_source()
    {
        Text("\"\"\"a\r\nb\rc\"\"\"").ShouldBe("a\nb\nc");
        Text("''''''").ShouldBe("");
        Text("'''a'b'''").ShouldBe("a'b");
    }

    [Fact]
    public void Prefixes_are_read_in_any_case_and_order()
    {
        var raw = StringLiteral.Parse(@"Rb'\d'").Value!;
        raw.Prefix.ShouldBe(new StringPrefix(IsBytes: true, IsRaw: true, HasUPrefix: false, IsFormatted: false, IsTemplate: false, StartsWithLowerU: false));
        raw.Bytes.ShouldBe(Encoding.ASCII.GetBytes(@"\d"));
        Bytes(@"bR'\d'").ShouldBe(Encoding.ASCII.GetBytes(@"\d"));
        Text(@"r'\d'").ShouldBe(@"\d");
    }

    [Fact]
    public void Only_a_lower_case_u_prefix_gives_kind_u()
    {
        StringLiteral.Parse("u'x'").Value!.Prefix.Kind.ShouldBe("u");
        StringLiteral.Parse("U'x'").Value!.Prefix.Kind.ShouldBeNull();
        StringLiteral.Parse("U'x'").Value!.Prefix.HasUPrefix.ShouldBeTrue();
        StringLiteral.Parse("'x'").Value!.Prefix.Kind.ShouldBeNull();
    }

    [Fact]
    public void Bytes_refuse_non_ascii_characters()
    {
        Error("b'é'").ShouldBe(new LiteralError("bytes can only contain ASCII literal characters", 0));
        Error("rb'é'").Message.ShouldBe("bytes can only contain ASCII literal characters");
    }

    [Fact]
    public void Undecodable_bytes_in_strings_give_cpythons_utf8_errors()
    {
        string f6 = char.ConvertFromUtf32(UndecodableBytes.MarkerFor(0xF6));
        string e4 = char.ConvertFromUtf32(UndecodableBytes.MarkerFor(0xE4)), bd = char.ConvertFromUtf32(UndecodableBytes.MarkerFor(0xBD));
        // Without a backslash the whole body is decoded at once; with one, each run of non-ASCII bytes.
        Error($"'abc{f6}'", markers: true).Message.ShouldBe("(unicode error) 'utf-8' codec can't decode byte 0xf6 in position 3: invalid start byte");
        Error($"'ab{e4}{bd}xyz'", markers: true).Message.ShouldBe("(unicode error) 'utf-8' codec can't decode bytes in position 2-3: invalid continuation byte");
        Error($"'a\\n{f6}'", markers: true).Message.ShouldBe("(unicode error) 'utf-8' codec can't decode byte 0xf6 in position 0: invalid start byte");
        Error($"'é{e4}'", markers: true).Message.ShouldBe("(unicode error) 'utf-8' codec can't decode byte 0xe4 in position 2: unexpected end of data");
        // Without the flag, the same code points are ordinary private-use characters.
        Text($"'abc{f6}'").ShouldBe($"abc{f6}");
    }

    [Fact]
    public void F_strings_are_refused_by_parse()
    {
        Should.Throw<ArgumentException>(() => StringLiteral.Parse("f'x'"));
        Should.Throw<ArgumentException>(() => StringLiteral.Parse("'x"));
        Should.Throw<ArgumentException>(() => StringLiteral.Parse("ub'x'"));
    }
}
