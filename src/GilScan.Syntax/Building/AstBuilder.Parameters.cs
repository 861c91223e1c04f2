using Antlr4.Runtime;
using GilScan.Syntax.Ast;
using static GilScan.Syntax.Generated.PythonParser;

namespace GilScan.Syntax.Building;

internal sealed partial class AstBuilder
{
    private static Arguments EmptyArguments() => new([], [], null, [], [], null, []);

    /// <summary>One parameter as the flat grammar reads it, before CPython's order rules apply.</summary>
    private readonly record struct ParameterItem(ParameterKind Kind, Arg? Arg, Expr? Default, ParserRuleContext Context);

    private enum ParameterKind { Plain, Star, DoubleStar, Slash }

    private Arguments FunctionParameters(ParametersContext parameters)
    {
        var items = new List<ParameterItem>();
        foreach (var parameter in parameters.parameter())
        {
            switch (parameter)
            {
                case PlainParameterContext plain:
                {
                    var parts = plain.expression();
                    Expr? annotation = plain.COLON() is not null ? Expression(parts[0]) : null;
                    Expr? value = plain.EQUAL() is not null ? Expression(parts[^1]) : null;
                    items.Add(new(ParameterKind.Plain, MakeArg(plain.name(), annotation, annotation is null ? null : parts[0]), value, plain));
                    break;
                }
                case StarParameterContext star:
                    var starAnnotation = star.star_expression() is { } a ? StarExpression(a) : null;
                    items.Add(new(ParameterKind.Star, star.name() is { } n ? MakeArg(n, starAnnotation, star.star_expression()) : null, null, star));
                    break;
                case DoubleStarParameterContext doubleStar:
                    var kwAnnotation = doubleStar.expression() is { } k ? Expression(k) : null;
                    items.Add(new(ParameterKind.DoubleStar, MakeArg(doubleStar.name(), kwAnnotation, doubleStar.expression()), null, doubleStar));
                    break;
                case SlashParameterContext slash:
                    items.Add(new(ParameterKind.Slash, null, null, slash));
                    break;
            }
        }
        return AssembleArguments(items);
    }

    private Arguments LambdaParameters(Lambda_parametersContext parameters)
    {
        var items = new List<ParameterItem>();
        foreach (var parameter in parameters.lambda_parameter())
        {
            switch (parameter)
            {
                case PlainLambdaParameterContext plain:
                    items.Add(new(ParameterKind.Plain, MakeArg(plain.name(), null, null),
                        plain.expression() is { } value ? Expression(value) : null, plain));
                    break;
                case StarLambdaParameterContext star:
                    items.Add(new(ParameterKind.Star, star.name() is { } n ? MakeArg(n, null, null) : null, null, star));
                    break;
                case DoubleStarLambdaParameterContext doubleStar:
                    items.Add(new(ParameterKind.DoubleStar, MakeArg(doubleStar.name(), null, null), null, doubleStar));
                    break;
                case SlashLambdaParameterContext slash:
                    items.Add(new(ParameterKind.Slash, null, null, slash));
                    break;
            }
        }
        return AssembleArguments(items);
    }

    /// <summary>An arg spans its name and annotation, parentheses around the annotation included.</summary>
    private Arg MakeArg(NameContext name, Expr? annotation, ParserRuleContext? annotationContext)
    {
        var range = annotationContext is null ? Range(name) : Range(name.Start, annotationContext.Stop);
        return new Arg(Identifier(name), annotation, null, range);
    }

    /// <summary>Applies CPython's rules on parameter order and defaults to the flat list.</summary>
    private Arguments AssembleArguments(List<ParameterItem> items)
    {
        List<Arg> positionalOnly = [];
        var positional = new List<Arg>();
        var defaults = new List<Expr>();
        var keywordOnly = new List<Arg>();
        var keywordDefaults = new List<Expr?>();
        Arg? varArg = null, kwArg = null;
        var seenSlash = false;
        var seenStar = false;
        ParameterItem? bareStar = null;
        var seenDoubleStar = false;
        foreach (var item in items)
        {
            if (seenDoubleStar) throw Error("arguments cannot follow var-keyword argument", item.Context);
            switch (item.Kind)
            {
                case ParameterKind.Slash:
                    if (seenSlash) throw Error("/ may appear only once", item.Context);
                    if (seenStar) throw Error("/ must be ahead of *", item.Context);
                    if (positional.Count == 0) throw Error("at least one argument must precede /", item.Context);
                    positionalOnly = positional;
                    positional = [];
                    seenSlash = true;
                    break;
                case ParameterKind.Star:
                    if (seenStar) throw Error("* argument may appear only once", item.Context);
                    seenStar = true;
                    varArg = item.Arg;
                    if (item.Arg is null) bareStar = item;
                    break;
                case ParameterKind.DoubleStar:
                    kwArg = item.Arg;
                    seenDoubleStar = true;
                    break;
                default:
                    if (seenStar)
                    {
                        keywordOnly.Add(item.Arg!);
                        keywordDefaults.Add(item.Default);
                    }
                    else
                    {
                        if (item.Default is not null) defaults.Add(item.Default);
                        else if (defaults.Count > 0)
                            throw Error("parameter without a default follows parameter with a default", item.Arg!.Range);
                        positional.Add(item.Arg!);
                    }
                    break;
            }
        }
        if (bareStar is { } star && keywordOnly.Count == 0)
            throw Error("named arguments must follow bare *", star.Context);
        return new Arguments(positionalOnly, positional, varArg, keywordOnly, keywordDefaults, kwArg, defaults);
    }

    // ----- PEP 695 type parameters -------------------------------------------------------------

    private List<TypeParam> TypeParams(Type_paramsContext? parameters)
    {
        if (parameters is null) return [];
        var result = new List<TypeParam>();
        foreach (var parameter in parameters.type_param())
        {
            var range = Range(parameter);
            switch (parameter)
            {
                case TypeVarParameterContext typeVar:
                {
                    var parts = typeVar.expression();
                    Expr? bound = typeVar.COLON() is not null ? Expression(parts[0]) : null;
                    Expr? defaultValue = typeVar.EQUAL() is not null ? Expression(parts[^1]) : null;
                    result.Add(new TypeVar(Identifier(typeVar.name()), bound, defaultValue, range));
                    break;
                }
                case TypeVarTupleParameterContext tuple:
                    result.Add(new TypeVarTuple(Identifier(tuple.name()),
                        tuple.star_expression() is { } d ? StarExpression(d) : null, range));
                    break;
                case ParamSpecParameterContext spec:
                    result.Add(new ParamSpec(Identifier(spec.name()),
                        spec.expression() is { } s ? Expression(s) : null, range));
                    break;
            }
        }
        return result;
    }
}
