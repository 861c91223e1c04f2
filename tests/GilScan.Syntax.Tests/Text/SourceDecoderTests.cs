using System.Text;
using GilScan.Syntax.Text;

namespace GilScan.Syntax.Tests.Text;

public sealed class SourceDecoderTests
{
    private static DecodeResult Decode(string latin1Bytes) => SourceDecoder.Decode(Encoding.Latin1.GetBytes(latin1Bytes));

    private static void ShouldFail(DecodeResult result, string message, int? line, int? column)
    {
        result.IsSuccess.ShouldBeFalse();
        result.Text.ShouldBeNull();
        result.Error.ShouldBe(new DecodeError(message, line, column));
    }

    [Fact]
    public void Plain_utf8_decodes_with_line_endings_kept()
    {
        var result = SourceDecoder.Decode("x = 'é'\r\ny = 1\rz\n"u8);
        result.IsSuccess.ShouldBeTrue();
        result.Text.ShouldBe("x = 'é'\r\ny = 1\rz\n");
        result.EncodingName.ShouldBe("utf-8");
        result.DeclaredEncoding.ShouldBeNull();
        result.HasByteOrderMark.ShouldBeFalse();
        result.HasUndecodableBytes.ShouldBeFalse();
    }

    [Fact]
    public void Utf8_bom_is_stripped_and_only_the_first_one()
    {
        var result = Decode("\xEF\xBB\xBF\xEF\xBB\xBFx=1\n");
        result.Text.ShouldBe("\uFEFFx=1\n");
        result.HasByteOrderMark.ShouldBeTrue();
    }

    [Fact]
    public void Null_byte_anywhere_is_refused_without_a_location()
    {
        ShouldFail(Decode("a=1\n#\0\n"), "source code string cannot contain null bytes", null, null);
    }

    [Fact]
    public void Binary_files_give_a_clean_error()
    {
        ShouldFail(Decode("\x89PNG\r\n\x1A\n\0\0\0\rIHDR"), "source code string cannot contain null bytes", null, null);
        ShouldFail(Decode("\x7F" + "ELF\x02\x01\x01\0"), "source code string cannot contain null bytes", null, null);
    }

    [Fact]
    public void Latin1_cookie_decodes_high_bytes()
    {
        var result = Decode("# -*- coding: latin-1 -*-\nx = '\xF6'\n");
        result.Text.ShouldBe("# -*- coding: latin-1 -*-\nx = 'ö'\n");
        result.EncodingName.ShouldBe("iso8859-1");
        result.DeclaredEncoding.ShouldBe("iso-8859-1");
    }

    [Fact]
    public void Cookie_on_line_two_counts_after_a_comment_or_blank_line()
    {
        Decode("#!/usr/bin/env python\n# vim: set fileencoding=koi8-r :\nx = '\xC1'\n").Text.ShouldBe("#!/usr/bin/env python\n# vim: set fileencoding=koi8-r :\nx = 'а'\n");
        Decode("\n# coding: cp1252\nx = '\x80'\n").Text.ShouldBe("\n# coding: cp1252\nx = '€'\n");
        ShouldFail(Decode("   \n# coding: uft-8\n"), "unknown encoding: uft-8", 0, -1);
        ShouldFail(Decode("\r# coding: uft-8\n"), "unknown encoding: uft-8", 0, -1);
    }

    [Fact]
    public void Cookie_is_ignored_after_code_or_on_line_three()
    {
        Decode("x = 1\n# coding: uft-8\n").IsSuccess.ShouldBeTrue();
        Decode("#\n#\n# coding: uft-8\n").IsSuccess.ShouldBeTrue();
        Decode("x = 1  # coding: uft-8\n").IsSuccess.ShouldBeTrue();
        Decode("# coding = uft-8\n").IsSuccess.ShouldBeTrue();
        Decode("# codingX: uft-8\n").IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void Cookie_takes_the_first_coding_followed_by_a_name()
    {
        ShouldFail(Decode("# coding: ! coding: uft-8\n"), "unknown encoding: uft-8", 0, -1);
        ShouldFail(Decode("# encoding=uft-8.x_y-z\n"), "unknown encoding: uft-8.x_y-z", 0, -1);
        ShouldFail(Decode("\f\t # coding: UFT-8\n"), "unknown encoding: UFT-8", 0, -1);
    }

    [Fact]
    public void Bom_with_a_cookie_other_than_utf8_is_an_encoding_problem()
    {
        ShouldFail(Decode("\xEF\xBB\xBF#coding: utf8\nprint('x')\n"), "encoding problem: utf8 with BOM", 0, -1);
        ShouldFail(Decode("\xEF\xBB\xBF# coding: latin-1\n"), "encoding problem: iso-8859-1 with BOM", 0, -1);
        Decode("\xEF\xBB\xBF# coding: UTF-8\n").IsSuccess.ShouldBeTrue();
        Decode("\xEF\xBB\xBF# coding: utf_8_sig\n").IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void Codec_errors_report_positions_after_newline_translation()
    {
        ShouldFail(Decode("# coding: ascii\r\n\r\n x=\"\xF6\""), "'ascii' codec can't decode byte 0xf6 in position 21: ordinal not in range(128)", 0, -1);
        ShouldFail(Decode("# coding: cp1252\nx=\"\x81\"\n"), "'charmap' codec can't decode byte 0x81 in position 20: character maps to <undefined>", 0, -1);
        ShouldFail(Decode("# coding: utf8\n# \xF6\n"), "'utf-8' codec can't decode byte 0xf6 in position 17: invalid start byte", 0, -1);
    }

    [Fact]
    public void Non_text_and_undefined_codecs_are_refused_as_cpython_does()
    {
        ShouldFail(Decode("# coding: base64\nx=1\n"), "'base64' is not a text encoding; use codecs.decode() to handle arbitrary codecs", 0, -1);
        ShouldFail(Decode("# coding: undefined\n"), "undefined encoding", 0, -1);
        ShouldFail(Decode("# coding: mbcs\n"), "unknown encoding: mbcs", 0, -1);
    }

    [Fact]
    public void Aliases_resolve_like_python_codecs_lookup()
    {
        Decode("# coding: L1\nx='\xE9'\n").EncodingName.ShouldBe("iso8859-1");
        Decode("# coding: ANSI_X3.4-1968\n").EncodingName.ShouldBe("ascii");
        Decode("# coding: u8\n").EncodingName.ShouldBe("utf-8");
        Decode("# coding: latin\n").EncodingName.ShouldBe("iso8859-1");
        Decode("# coding: iso-8859-15\nx='\xA4'\n").Text.ShouldBe("# coding: iso-8859-15\nx='€'\n");
        Decode("# coding: mac-roman\n").EncodingName.ShouldBe("mac-roman");
    }

    [Fact]
    public void Cjk_codecs_decode_through_code_pages()
    {
        Decode("# coding: euc-jp\nx=\"\xA4\xA2\"\n").Text.ShouldBe("# coding: euc-jp\nx=\"あ\"\n");
        Decode("# coding: big5\nx=\"\xA4\x40\"\n").Text.ShouldBe("# coding: big5\nx=\"一\"\n");
        Decode("# coding: gbk\nx=\"\xC4\xE3\"\n").Text.ShouldBe("# coding: gbk\nx=\"你\"\n");
    }

    [Fact]
    public void Invalid_utf8_is_kept_as_markers_for_the_parser_to_judge()
    {
        var result = Decode("# \xF6\nx = 'a\xE4\xBD'\n");
        result.IsSuccess.ShouldBeTrue();
        result.HasUndecodableBytes.ShouldBeTrue();
        result.Text.ShouldBe("# " + char.ConvertFromUtf32(0x10FFF6) + "\nx = 'a" + char.ConvertFromUtf32(0x10FFE4) + char.ConvertFromUtf32(0x10FFBD) + "'\n");
        UndecodableBytes.ToSourceBytes(result.Text!).ShouldBe(Encoding.Latin1.GetBytes("# \xF6\nx = 'a\xE4\xBD'\n"));
    }

    [Fact]
    public void Identifier_with_undecodable_byte_gets_cpythons_message_and_column()
    {
        string identifier = "x" + char.ConvertFromUtf32(UndecodableBytes.MarkerFor(0xF6)) + "y";
        UndecodableBytes.DescribeIdentifier(identifier).ShouldBe(new IdentifierDecodeError(
            "(unicode error) 'utf-8' codec can't decode byte 0xf6 in position 1: invalid start byte", 3));
        UndecodableBytes.DescribeIdentifier("plain").ShouldBeNull();
    }
}
