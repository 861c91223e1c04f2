using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using GilScan.Syntax.Ast;
using GilScan.Syntax.Literals;
using static GilScan.Syntax.Generated.PythonParser;

namespace GilScan.Syntax.Building;

internal sealed partial class AstBuilder
{
    /// <summary>One string expression: adjacent plain strings, f-strings and t-strings.</summary>
    private Expr Strings(ParserRuleContext strings)
    {
        var pieces = new List<StringPiece>(strings.ChildCount);
        for (var i = 0; i < strings.ChildCount; i++)
        {
            switch (strings.GetChild(i))
            {
                case ITerminalNode terminal: pieces.Add(PlainString(terminal.Symbol)); break;
                case FstringContext f:
                    pieces.Add(new FormattedStringPiece(false, FormattedElements(f.fstring_middle(), IsRawPrefix(f.Start.Text)), Range(f)));
                    break;
                case TstringContext t:
                    pieces.Add(new FormattedStringPiece(true, FormattedElements(t.fstring_middle(), IsRawPrefix(t.Start.Text)), Range(t)));
                    break;
            }
        }
        try
        {
            return StringConcatenation.Build(pieces);
        }
        catch (PythonSyntaxException mixed) when (mixed.Message == MixedBytesMessage && strings.Stop.TokenIndex + 1 < tokens.Count)
        {
            // CPython checks the run once it is built, at the last token its parser fetched: the one after the run.
            throw Error(mixed.Message, tokens[strings.Stop.TokenIndex + 1]);
        }
    }

    private const string MixedBytesMessage = "cannot mix bytes and nonbytes literals";

    private PlainStringPiece PlainString(IToken token)
    {
        var parsed = StringLiteral.Parse(token.Text, hasUndecodableByteMarkers);
        if (parsed.Error is { } error) throw Error(error.Message, token);
        var value = parsed.Value!;
        return new PlainStringPiece(value.Bytes is { } bytes ? bytes : value.Text!, value.Prefix.Kind == "u", Range(token, token));
    }

    private static bool IsRawPrefix(string startToken) => startToken.AsSpan().ContainsAny('r', 'R');

    private List<FormattedElement> FormattedElements(Fstring_middleContext[] middles, bool raw)
    {
        var elements = new List<FormattedElement>(middles.Length);
        foreach (var middle in middles)
        {
            if (middle.fstring_replacement_field() is { } field)
            {
                elements.Add(ReplacementField(field, raw));
                continue;
            }
            var token = middle.Start;
            var decoded = StringLiteral.DecodeFStringPart(token.Text, raw, hasUndecodableByteMarkers);
            if (decoded.Error is { } error) throw Error(error.Message, token);
            elements.Add(new LiteralElement(decoded.Value!, Range(token, token)));
        }
        return elements;
    }

    /// <summary>The source of a `{expression=}` field as f-strings print it: CPython leaves out the
    /// comments of a multi-line field but keeps the line breaks and spaces around them.</summary>
    private string DebugText(int start, int end)
    {
        var first = FirstCommentAtOrAfter(start);
        if (first >= comments.Count || comments[first].StartIndex >= end) return SourceBetween(start, end);
        var text = new System.Text.StringBuilder();
        var from = start;
        for (var i = first; i < comments.Count && comments[i].StartIndex < end; i++)
        {
            text.Append(SourceBetween(from, comments[i].StartIndex));
            from = comments[i].StopIndex + 1;
        }
        return text.Append(SourceBetween(from, end)).ToString();
    }

    private int FirstCommentAtOrAfter(int index)
    {
        int low = 0, high = comments.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (comments[middle].StartIndex < index) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private static string StripInterpolationText(string text)
    {
        var length = text.Length;
        while (length > 0 && (text[length - 1] == '=' || IsPythonWhitespace(text[length - 1]))) length--;
        return text[..length];
    }

    // Python's str.isspace: .NET's char.IsWhiteSpace and the four separators U+001C-U+001F.
    private static bool IsPythonWhitespace(char c) => char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f';

    private FieldElement ReplacementField(Fstring_replacement_fieldContext field, bool raw)
    {
        var open = field.LBRACE().Symbol;
        var close = field.RBRACE().Symbol;
        var expression = field.yield_expr() is { } yield ? YieldExpression(yield) : StarExpressions(field.star_expressions());
        var equal = field.EQUAL()?.Symbol;
        var exclamation = field.EXCLAMATION()?.Symbol;
        var colon = field.COLON()?.Symbol;
        var afterExpression = (exclamation ?? colon ?? close).StartIndex;
        // A t-string's Interpolation.str: CPython 3.14 takes the field's text up to '!', ':' or '}'
        // (as the '=' debug text, comments left out) and strips trailing whitespace and '=' from it
        // (_strip_interpolation_expr), so `{value = }` gives "value" and `{ x }` gives " x".
        var expressionText = StripInterpolationText(DebugText(open.StopIndex + 1, afterExpression));

        string? debugText = null;
        var debugRange = SourceRange.None;
        if (equal is not null)
        {
            debugText = DebugText(open.StopIndex + 1, afterExpression);
            debugRange = Span(source.GetPosition(open.StopIndex + 1), source.GetPosition(afterExpression));
        }

        char? conversion = null;
        if (exclamation is not null)
        {
            var name = field.name();
            var text = name.Start.Text;
            if (name.Start.StartIndex != exclamation.StopIndex + 1)
                throw Error("f-string: conversion type must come right after the exclamanation mark", name.Start);
            if (text is not ("s" or "r" or "a"))
                throw Error($"f-string: invalid conversion character '{text}': expected 's', 'r', or 'a'", name.Start);
            conversion = text[0];
        }

        FormatSpecElement? spec = null;
        if (colon is not null)
        {
            var specRange = Span(StartOf(colon), StartOf(close));
            spec = new FormatSpecElement(FormattedElements(field.fstring_middle(), raw), specRange);
        }
        return new FieldElement(expression, expressionText, debugText, debugRange, conversion, spec, Range(open, close));
    }
}
