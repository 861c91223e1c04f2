using GilScan.Syntax.Ast;

namespace GilScan.Syntax.Building;

/// <summary>One string token of an implicitly concatenated string expression, already decoded.</summary>
internal abstract record StringPiece(SourceRange Range);

/// <summary>A plain str or bytes literal token; <see cref="Value"/> is a string or a byte[].</summary>
internal sealed record PlainStringPiece(object Value, bool HasUPrefix, SourceRange Range) : StringPiece(Range)
{
    public bool IsBytes => Value is byte[];
}

/// <summary>An f-string (or, with <see cref="IsTemplate"/>, a t-string) token sequence.</summary>
internal sealed record FormattedStringPiece(bool IsTemplate, IReadOnlyList<FormattedElement> Elements, SourceRange Range)
    : StringPiece(Range);

/// <summary>A part of an f-string or format spec: literal text or a replacement field.</summary>
internal abstract record FormattedElement(SourceRange Range);

/// <summary>Literal text between replacement fields, decoded ({{ -> {, escapes processed).</summary>
internal sealed record LiteralElement(string Value, SourceRange Range) : FormattedElement(Range);

/// <summary>
/// A replacement field <c>{expression=!r:spec}</c>. <see cref="Range"/> runs from '{' to '}'.
/// <see cref="DebugText"/> is the source from after '{' to before '!', ':' or '}' when the field has a
/// '=' debug specifier; <see cref="ExpressionText"/> is a t-string's Interpolation.str (that text less
/// trailing whitespace and '=').
/// <see cref="FormatSpec"/> covers ':' up to the closing '}'.
/// </summary>
internal sealed record FieldElement(
    Expr Expression,
    string ExpressionText,
    string? DebugText,
    SourceRange DebugRange,
    char? Conversion,
    FormatSpecElement? FormatSpec,
    SourceRange Range) : FormattedElement(Range);

/// <summary>The format spec of a field: its own literal text and nested fields.</summary>
internal sealed record FormatSpecElement(IReadOnlyList<FormattedElement> Elements, SourceRange Range);
