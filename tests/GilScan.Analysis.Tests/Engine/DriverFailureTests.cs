using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Engine;
using GilScan.Analysis.Tests.TestRules;
using GilScan.Testing;

namespace GilScan.Analysis.Tests.Engine;

/// <summary>Files that do not parse or read, and rules that misbehave: reported, and the run goes on.</summary>
public sealed class DriverFailureTests
{
    [Fact]
    public void A_file_that_does_not_parse_is_one_GIL001_at_the_error_and_a_notification_while_other_files_are_analysed()
    {
        var result = Verifier.Default.Run([new ReportsEveryCall()], [("bad.py", "x = 1\ndef f(:\n    pass\n"), ("good.py", "g()\n")]);

        result.Diagnostics.Select(d => $"{d.Location} {d.RuleId} {d.Message}").ShouldBe(
        [
            "bad.py:2:6-2:6 (utf8 6-6) GIL001 This file does not parse as Python and was not analysed: 'invalid syntax'.",
            "good.py:1:0-1:3 (utf8 0-3) GIL190 Call to 'g'.",
        ]);
        var notification = result.Notifications.ShouldHaveSingleItem();
        notification.Message.ShouldBe("bad.py was not analysed (GIL001): invalid syntax");
        notification.Path.ShouldBe("bad.py");
        notification.Rule.ShouldBe(ToolRules.SyntaxError);
        notification.Level.ShouldBe(RuleLevel.Error);
        result.ExecutionSuccessful.ShouldBeTrue();
    }

    [Fact]
    public void A_syntax_error_after_non_ascii_text_is_placed_in_utf16_and_utf8_columns()
    {
        var result = Verifier.Default.Run([], [("bad.py", "s = 'é😀' +\n")]);

        var span = result.Diagnostics.ShouldHaveSingleItem().Location.Span;
        (span.StartLine, span.StartColumnUtf16, span.StartColumnUtf8).ShouldBe((1, 11, 14));
    }

    [Fact]
    public void Latin1_bytes_without_a_coding_comment_are_one_GIL002_where_CPython_reports_them()
    {
        var latin1 = new byte[] { (byte)'x', (byte)' ', (byte)'=', (byte)' ', (byte)'"', 0xE9, (byte)'"', (byte)'\n' };

        var result = new AnalysisDriver([]).Run([SourceDocument.FromBytes("latin1.py", latin1)]);

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.RuleId.ShouldBe("GIL002");
        diagnostic.Message.ShouldBe("This file could not be read or decoded and was not analysed: '(unicode error) 'utf-8' codec can't decode byte 0xe9 in position 0: unexpected end of data'.");
        (diagnostic.Location.Span.StartLine, diagnostic.Location.Span.StartColumnUtf16).ShouldBe((1, 4));
        result.Notifications.ShouldHaveSingleItem().Rule.ShouldBe(ToolRules.UnreadableFile);
    }

    [Fact]
    public void Undecodable_bytes_in_code_are_a_GIL002_and_a_bad_escape_beside_them_a_GIL001()
    {
        byte[] inCode = [.. "x = 1 "u8, 0xFE, (byte)'\n'];
        byte[] badEscape = [.. "# "u8, 0xFE, .. "\ns = '\\N{no such name}'\n"u8];

        var result = new AnalysisDriver([]).Run([SourceDocument.FromBytes("a.py", inCode), SourceDocument.FromBytes("b.py", badEscape)]);

        result.Diagnostics.Select(d => $"{d.Location.Path} {d.RuleId} {d.Message}").ShouldBe(
        [
            "a.py GIL002 This file could not be read or decoded and was not analysed: '(unicode error) 'utf-8' codec can't decode byte 0xfe in position 0: invalid start byte'.",
            "b.py GIL001 This file does not parse as Python and was not analysed: '(unicode error) 'unicodeescape' codec can't decode bytes in position 0-15: unknown Unicode character name'.",
        ]);
    }

    [Fact]
    public void An_unknown_coding_cookie_is_a_GIL002_at_the_start_of_the_file()
    {
        var result = Verifier.Default.Run([], [("cookie.py", "# -*- coding: uft-8 -*-\nx = 1\n")]);

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Message.ShouldBe("This file could not be read or decoded and was not analysed: 'unknown encoding: uft-8'.");
        diagnostic.Location.ShouldBe(Location.StartOf("cookie.py"));
    }

    [Fact]
    public void An_indentation_error_before_undecodable_bytes_is_a_GIL001_on_cpythons_line_and_the_other_files_are_analysed()
    {
        // The reported crash: 0xFE 0xFF after a bad dedent. Importing the module (and ast.parse)
        // raises the IndentationError on line 3, offset 3, before the bytes are decoded: a syntax error.
        byte[] broken = [.. "if a:\n    x\n  "u8, 0xFE, 0xFF, (byte)'\n'];

        var result = new AnalysisDriver([new ReportsEveryCall()]).Run([SourceDocument.FromBytes("broken.py", broken), SourceDocument.FromText("good.py", "g()\n")]);

        result.Diagnostics.Select(d => $"{d.Location} {d.RuleId} {d.Message}").ShouldBe(
        [
            "broken.py:3:2-3:2 (utf8 2-2) GIL001 This file does not parse as Python and was not analysed: 'unindent does not match any outer indentation level'.",
            "good.py:1:0-1:3 (utf8 0-3) GIL190 Call to 'g'.",
        ]);
        result.ExecutionSuccessful.ShouldBeTrue();
    }

    [Fact]
    public void A_null_byte_is_a_GIL002_on_the_line_that_holds_it()
    {
        var result = new AnalysisDriver([]).Run([SourceDocument.FromText("nul.py", "x = 1\ny = 'é'\0\n")]);

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Message.ShouldBe("This file could not be read or decoded and was not analysed: 'source code string cannot contain null bytes'.");
        var span = diagnostic.Location.Span;
        (span.StartLine, span.StartColumnUtf8, span.StartColumnUtf16).ShouldBe((2, 8, 7));
    }

    [UnixFact]
    public void A_named_pipe_is_read_as_an_unreadable_document_without_opening_it()
    {
        using var temp = new TempDirectory();
        var pipe = SpecialFiles.MakeNamedPipe(temp.Combine("p.py"));

        var document = SpecialFiles.WithinSeconds(30, () => SourceDocument.Read("p.py", pipe));

        document.Content.ShouldBeNull();
        document.ReadError.ShouldBe("a named pipe (FIFO), not a regular file: skipped without opening it");
    }

    [Fact]
    public void An_unreadable_file_is_a_GIL002_with_the_reason()
    {
        var result = new AnalysisDriver([]).Run([SourceDocument.Unreadable("gone.py", "cannot read file: permission denied")]);

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Message.ShouldBe("This file could not be read or decoded and was not analysed: 'cannot read file: permission denied'.");
        diagnostic.Location.ShouldBe(Location.StartOf("gone.py"));
    }

    [Fact]
    public void A_rule_that_throws_is_reported_and_skipped_for_the_rest_of_that_file_while_other_files_and_rules_go_on()
    {
        var result = Verifier.Default.Run(
            [new ThrowsOnBoom(), new ReportsEveryCall()],
            [("a.py", "first()\nboom()\nlater()\n"), ("b.py", "other()\n")]);

        result.ExecutionSuccessful.ShouldBeFalse();
        result.Diagnostics.Select(d => $"{d.Location.Path}:{d.Location.Span.StartLine} {d.RuleId} {d.Message}").ShouldBe(
        [
            "a.py:1 GIL190 Call to 'first'.",
            "a.py:1 GIL192 Call to 'first'.",
            "a.py:2 GIL190 Call to 'boom'.",
            "a.py:3 GIL190 Call to 'later'.",
            "b.py:1 GIL190 Call to 'other'.",
            "b.py:1 GIL192 Call to 'other'.",
        ]);
        var failure = result.Notifications.ShouldHaveSingleItem();
        failure.Message.ShouldBe("Rule GIL192 failed on a.py and its results there are incomplete: InvalidOperationException: boom was called");
        failure.Rule.ShouldBe(ThrowsOnBoom.Descriptor);
    }

    [Fact]
    public void A_rule_may_not_report_another_rules_descriptor()
    {
        var result = Verifier.Default.Run([new ReportsForeignDescriptor()], [("a.py", "f()\n")]);

        result.Diagnostics.ShouldBeEmpty();
        result.Notifications.ShouldHaveSingleItem().Message.ShouldBe(
            "Rule GIL193 failed on a.py and its results there are incomplete: InvalidOperationException: Rule GIL193 reported a GIL190 diagnostic; a rule reports only its own descriptor.");
    }

    [Fact]
    public void A_file_action_may_not_report_in_another_file()
    {
        var result = Verifier.Default.Run([new ReportsInOtherFile()], [("a.py", "f()\n")]);

        result.Diagnostics.ShouldBeEmpty();
        result.Notifications.ShouldHaveSingleItem().Message.ShouldEndWith(
            "Rule GIL194 reported in somewhere/else.py from a file action on a.py; findings in other files need a project action.");
    }
}
