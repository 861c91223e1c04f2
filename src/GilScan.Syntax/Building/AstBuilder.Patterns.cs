using GilScan.Syntax.Ast;
using static GilScan.Syntax.Generated.PythonParser;
using AstContext = GilScan.Syntax.Ast.ExprContext;

namespace GilScan.Syntax.Building;

internal sealed partial class AstBuilder
{
    /// <summary>The pattern of a `case`: one pattern, or an open sequence (`case a, *b:`).</summary>
    private Pattern CasePatterns(PatternsContext patterns)
    {
        var items = patterns.maybe_star_pattern();
        if (items.Length == 1 && patterns.COMMA().Length == 0)
        {
            if (items[0] is StarPatternContext star) throw Error("invalid syntax", star);
            return MaybeStarPattern(items[0]);
        }
        return new MatchSequence(items.Select(MaybeStarPattern).ToList(), Range(patterns));
    }

    private Pattern MaybeStarPattern(Maybe_star_patternContext pattern) => pattern switch
    {
        StarPatternContext star => new MatchStar(CaptureName(star.name()), Range(star)),
        PlainPatternContext plain => Pattern(plain.pattern()),
        _ => throw Error("invalid syntax", pattern),
    };

    /// <summary>A capture target: `_` is the wildcard and binds nothing.</summary>
    private string? CaptureName(NameContext name)
    {
        var identifier = Identifier(name);
        return identifier == "_" ? null : identifier;
    }

    private Pattern Pattern(PatternContext pattern)
    {
        var alternatives = pattern.closed_pattern();
        var result = alternatives.Length == 1
            ? ClosedPattern(alternatives[0])
            : new MatchOr(alternatives.Select(ClosedPattern).ToList(), Range(alternatives[0].Start, alternatives[^1].Stop));
        if (pattern.AS() is null) return result;
        var name = pattern.name();
        if (Identifier(name) == "_") throw Error("cannot use '_' as a target", name);
        return new MatchAs(result, Identifier(name), Range(pattern));
    }

    private Pattern ClosedPattern(Closed_patternContext pattern)
    {
        var range = Range(pattern);
        switch (pattern)
        {
            case NumberPatternContext number:
                return new MatchValue(NumberPatternValue(number.signed_number(), number.NUMBER()?.Symbol, number.PLUS() is not null, range), range);
            case StringPatternContext text:
                var value = Strings(text.strings());
                if (value is not Constant) throw Error("patterns may only match literals and attribute lookups", value.Range);
                return new MatchValue(value, range);
            case SingletonPatternContext singleton:
                return new MatchSingleton(singleton.Start.Type switch { TRUE => true, FALSE => false, _ => null }, range);
            case NamePatternContext named: return NamePattern(named, range);
            case GroupOrTuplePatternContext group:
                if (group.patterns() is not { } inner) return new MatchSequence([], range);
                var items = inner.maybe_star_pattern();
                if (items.Length == 1 && inner.COMMA().Length == 0 && items[0] is PlainPatternContext single)
                    return Pattern(single.pattern());
                return new MatchSequence(items.Select(MaybeStarPattern).ToList(), range);
            case ListPatternContext list:
                return new MatchSequence(list.patterns() is { } elements ? elements.maybe_star_pattern().Select(MaybeStarPattern).ToList() : [], range);
            case MappingPatternContext mapping: return MappingPattern(mapping, range);
            default: throw Error("invalid syntax", pattern);
        }
    }

    /// <summary>A number literal pattern: `1`, `-1`, or a complex literal `1 + 2j`, `-1 - 2j`.</summary>
    private Expr NumberPatternValue(Signed_numberContext signed, Antlr4.Runtime.IToken? imaginary, bool plus, SourceRange range)
    {
        Expr real = NumberConstant(signed.NUMBER().Symbol);
        if (signed.MINUS() is not null) real = new UnaryOp(UnaryOperator.USub, real, Range(signed));
        if (imaginary is null) return real;
        var realValue = real is UnaryOp u ? ((Constant)u.Operand).Value : ((Constant)real).Value;
        if (realValue is System.Numerics.Complex) throw Error("real number required in complex literal", real.Range);
        var imaginaryPart = NumberConstant(imaginary);
        if (imaginaryPart.Value is not System.Numerics.Complex) throw Error("imaginary number required in complex literal", imaginaryPart.Range);
        return new BinOp(real, plus ? BinaryOperator.Add : BinaryOperator.Sub, imaginaryPart, range);
    }

    private Pattern NamePattern(NamePatternContext named, SourceRange range)
    {
        var names = named.name();
        if (named.LPAR() is null)
        {
            if (names.Length > 1) return new MatchValue(DottedValue(names), range);
            var capture = CaptureName(names[0]);
            return new MatchAs(null, capture, range);
        }
        var patterns = new List<Pattern>();
        var keywordNames = new List<string>();
        var keywordPatterns = new List<Pattern>();
        if (named.pattern_arguments() is { } arguments)
        {
            foreach (var argument in arguments.pattern_argument())
            {
                if (argument is KeywordPatternArgumentContext keyword)
                {
                    keywordNames.Add(Identifier(keyword.name()));
                    keywordPatterns.Add(Pattern(keyword.pattern()));
                }
                else
                {
                    if (keywordNames.Count > 0) throw Error("positional patterns follow keyword patterns", argument);
                    patterns.Add(Pattern(((PositionalPatternArgumentContext)argument).pattern()));
                }
            }
        }
        return new MatchClass(DottedValue(names), patterns, keywordNames, keywordPatterns, range);
    }

    /// <summary>`a.b.c` as Name and Attribute nodes, each spanning from `a`.</summary>
    private Expr DottedValue(NameContext[] names)
    {
        Expr value = NameNode(names[0], AstContext.Load);
        for (var i = 1; i < names.Length; i++)
            value = new Attribute(value, Identifier(names[i]), AstContext.Load, Range(names[0].Start, names[i].Stop));
        return value;
    }

    private Pattern MappingPattern(MappingPatternContext mapping, SourceRange range)
    {
        var keys = new List<Expr>();
        var values = new List<Pattern>();
        string? rest = null;
        if (mapping.mapping_items() is { } items)
        {
            foreach (var item in items.mapping_item())
            {
                if (item is RestMappingItemContext restItem)
                {
                    rest = Identifier(restItem.name());
                    continue;
                }
                var pair = (KeyMappingItemContext)item;
                if (rest is not null) throw Error("invalid syntax", pair);
                keys.Add(MappingKey(pair.mapping_key()));
                values.Add(Pattern(pair.pattern()));
            }
        }
        return new MatchMapping(keys, values, rest, range);
    }

    private Expr MappingKey(Mapping_keyContext key)
    {
        var range = Range(key);
        if (key.signed_number() is { } number)
            return NumberPatternValue(number, key.NUMBER()?.Symbol, key.PLUS() is not null, range);
        if (key.strings() is { } text)
        {
            var value = Strings(text);
            if (value is not Constant) throw Error("patterns may only match literals and attribute lookups", value.Range);
            return value;
        }
        var names = key.name();
        if (names.Length == 0)
            return new Constant(key.Start.Type switch { TRUE => true, FALSE => false, _ => null }, null, range);
        if (names.Length == 1) throw Error("invalid syntax", key);
        return DottedValue(names);
    }
}
