using System.Text;
using GilScan.Syntax.Ast;

namespace GilScan.Syntax.Building;

/// <summary>
/// Turns the string tokens of one string expression ("a" f"b{x}" 'c') into CPython's node:
/// a Constant, a JoinedStr or a TemplateStr. Measured against CPython 3.13: adjacent literal parts
/// (plain tokens and f-string text alike) merge into one Constant spanning the first to the last
/// part and taking the first part's kind; a merged run whose text is empty is dropped; a plain token
/// inside an f-string expression keeps its whole range (prefix and quotes); a '=' debug field adds
/// its source text as a literal part before the FormattedValue, whose conversion then defaults to
/// 'r' unless a format spec is given.
/// </summary>
internal static class StringConcatenation
{
    private const int NoConversion = -1;

    public static Expr Build(IReadOnlyList<StringPiece> pieces)
    {
        var range = SourceRange.Cover(pieces[0].Range, pieces[^1].Range);
        var hasTemplate = false;
        var hasFormatted = false;
        var hasBytes = false;
        var hasText = false;
        foreach (var piece in pieces)
        {
            switch (piece)
            {
                case FormattedStringPiece { IsTemplate: true }: hasTemplate = true; hasText = true; break;
                case FormattedStringPiece: hasFormatted = true; hasText = true; break;
                case PlainStringPiece { IsBytes: true }: hasBytes = true; break;
                default: hasText = true; break;
            }
        }
        if (hasBytes && hasText)
            throw new PythonSyntaxException("cannot mix bytes and nonbytes literals", range);
        if (hasTemplate && (hasFormatted || pieces.Any(p => p is PlainStringPiece)))
            throw new PythonSyntaxException("cannot mix t-string literals with string or bytes literals", range);

        if (!hasFormatted && !hasTemplate)
            return ConcatenatePlain(pieces, range);

        var parts = new List<Expr>();
        var run = new LiteralRun();
        foreach (var piece in pieces)
        {
            if (piece is PlainStringPiece plain)
                run.Add((string)plain.Value, plain.HasUPrefix ? "u" : null, plain.Range);
            else
                AppendElements(((FormattedStringPiece)piece).Elements, hasTemplate, parts, run);
        }
        run.FlushInto(parts);
        return hasTemplate ? new TemplateStr(parts, range) : new JoinedStr(parts, range);
    }

    private static Constant ConcatenatePlain(IReadOnlyList<StringPiece> pieces, SourceRange range)
    {
        var first = (PlainStringPiece)pieces[0];
        var kind = first.HasUPrefix ? "u" : null;
        if (pieces.Count == 1) return new Constant(first.Value, kind, range);
        if (first.IsBytes)
        {
            var bytes = new List<byte>();
            foreach (var piece in pieces) bytes.AddRange((byte[])((PlainStringPiece)piece).Value);
            return new Constant(bytes.ToArray(), kind, range);
        }
        var text = new StringBuilder();
        foreach (var piece in pieces) text.Append((string)((PlainStringPiece)piece).Value);
        return new Constant(text.ToString(), kind, range);
    }

    private static void AppendElements(IReadOnlyList<FormattedElement> elements, bool template, List<Expr> parts, LiteralRun run)
    {
        foreach (var element in elements)
        {
            switch (element)
            {
                case LiteralElement literal:
                    run.Add(literal.Value, null, literal.Range);
                    break;
                case FieldElement field:
                    if (field.DebugText is not null) run.Add(field.DebugText, null, field.DebugRange);
                    run.FlushInto(parts);
                    parts.Add(BuildField(field, template));
                    break;
            }
        }
    }

    private static Expr BuildField(FieldElement field, bool template)
    {
        var conversion = field.Conversion is char c ? c : NoConversion;
        if (field.DebugText is not null && conversion == NoConversion && field.FormatSpec is null)
            conversion = 'r';
        Expr? spec = field.FormatSpec is null ? null : BuildFormatSpec(field.FormatSpec);
        return template
            ? new Interpolation(field.Expression, field.ExpressionText, conversion, spec, field.Range)
            : new FormattedValue(field.Expression, conversion, spec, field.Range);
    }

    private static Expr BuildFormatSpec(FormatSpecElement spec)
    {
        var parts = new List<Expr>();
        var run = new LiteralRun();
        // A t-string's format spec is still a JoinedStr in CPython 3.14's AST, and the fields nested
        // in it are FormattedValues: its grammar builds them with _PyPegen_formatted_value.
        AppendElements(spec.Elements, template: false, parts, run);
        run.FlushInto(parts);
        return new JoinedStr(parts, spec.Range);
    }

    /// <summary>Adjacent literal parts waiting to become one Constant.</summary>
    private sealed class LiteralRun
    {
        private readonly StringBuilder _text = new();
        private string? _kind;
        private SourceRange _first;
        private SourceRange _last;
        private bool _any;

        public void Add(string value, string? kind, SourceRange range)
        {
            if (!_any)
            {
                _any = true;
                _kind = kind;
                _first = range;
            }
            _text.Append(value);
            _last = range;
        }

        public void FlushInto(List<Expr> parts)
        {
            if (_any && _text.Length > 0)
                parts.Add(new Constant(_text.ToString(), _kind, SourceRange.Cover(_first, _last)));
            _text.Clear();
            _any = false;
            _kind = null;
        }
    }
}
