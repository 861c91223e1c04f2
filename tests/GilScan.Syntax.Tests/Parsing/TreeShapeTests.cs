using Antlr4.Runtime.Tree;
using GilScan.Syntax.Generated;
using GilScan.Syntax.Parsing;

namespace GilScan.Syntax.Tests.Parsing;

/// <summary>
/// The parse-tree shapes the AST builder relies on (grammars/README.md): operator precedence,
/// the flat boolean layer, soft keywords, CPython's choice for 'with (a, b):', and every token
/// (parentheses, operators) kept in the tree.
/// </summary>
public sealed class TreeShapeTests
{
    private static string FirstStatement(string source)
    {
        var result = PythonSyntaxParser.Parse(source);
        result.Error.ShouldBeNull();
        return Trees.ToStringTree(result.Tree!.statement(0), PythonParser.ruleNames);
    }

    [Fact]
    public void Unary_minus_applies_to_the_power()
    {
        FirstStatement("-x ** 2\n").ShouldBe(
            "(statement (simple_stmts (simple_stmt (star_expressions (expression (expr - (expr (expr x) ** (expr 2)))))) \\n))");
    }

    [Fact]
    public void Await_binds_tighter_than_power()
    {
        FirstStatement("await x ** 2\n").ShouldBe(
            "(statement (simple_stmts (simple_stmt (star_expressions (expression (expr (expr await (expr x)) ** (expr 2))))) \\n))");
    }

    [Fact]
    public void Boolean_operators_and_not_are_one_flat_list_in_expression()
    {
        FirstStatement("not a and b or c\n").ShouldBe(
            "(statement (simple_stmts (simple_stmt (star_expressions (expression not (expr a) and (expr b) or (expr c)))) \\n))");
    }

    [Fact]
    public void Is_not_is_one_comparison_operator()
    {
        FirstStatement("a is not b\n").ShouldBe(
            "(statement (simple_stmts (simple_stmt (star_expressions (expression (expr a) (comp_op is not) (expr b)))) \\n))");
    }

    [Fact]
    public void Trailers_nest_left_to_right()
    {
        FirstStatement("a.b(c)[d]\n").ShouldBe(
            "(statement (simple_stmts (simple_stmt (star_expressions (expression (expr (expr (expr (expr a) . b) ( (arguments (argument (expression (expr c)))) )) [ (slices (slice (named_expression (expression (expr d))))) ])))) \\n))");
    }

    [Fact]
    public void Parentheses_stay_in_the_tree()
    {
        FirstStatement("(a)\n").ShouldBe(
            "(statement (simple_stmts (simple_stmt (star_expressions (expression (expr ( (testlist_comp (star_named_expression (expression (expr a)))) ))))) \\n))");
    }

    [Fact]
    public void Parenthesised_with_items_win_over_a_tuple_as_in_cpython()
    {
        FirstStatement("with (a, b): pass\n").ShouldBe(
            "(statement (compound_stmt with (with_items ( (with_item (expression (expr a))) , (with_item (expression (expr b))) )) : (block (simple_stmts (simple_stmt pass) \\n))))");
        FirstStatement("with (a, b) as c: pass\n").ShouldBe(
            "(statement (compound_stmt with (with_items (with_item (expression (expr ( (testlist_comp (star_named_expression (expression (expr a))) , (star_named_expression (expression (expr b)))) ))) as (star_target (expr c)))) : (block (simple_stmts (simple_stmt pass) \\n))))");
    }

    [Fact]
    public void Sole_generator_argument_is_an_argument_with_a_comprehension()
    {
        FirstStatement("f(x for x in y)\n").ShouldBe(
            "(statement (simple_stmts (simple_stmt (star_expressions (expression (expr (expr f) ( (arguments (argument (expression (expr x)) (comp_for (comp_clause for (star_targets (star_target (expr x))) in (disjunction (expr y)))))) ))))) \\n))");
    }

    [Fact]
    public void Starred_elements_of_a_list_are_a_star_token_and_an_expr()
    {
        FirstStatement("x = *a, b\n").ShouldBe(
            "(statement (simple_stmts (simple_stmt (star_expressions (expression (expr x))) = (star_expressions * (expr a) , (expression (expr b)))) \\n))");
    }

    [Fact]
    public void Soft_keywords_are_keywords_only_where_cpython_says_so()
    {
        FirstStatement("type X = int\n").ShouldBe("(statement (simple_stmts (simple_stmt type (name X) = (expression (expr int))) \\n))");
        FirstStatement("type(x)\n").ShouldBe(
            "(statement (simple_stmts (simple_stmt (star_expressions (expression (expr (expr type) ( (arguments (argument (expression (expr x)))) ))))) \\n))");
        FirstStatement("match(x)\n").ShouldStartWith("(statement (simple_stmts");
        FirstStatement("match (x):\n case _: pass\n").ShouldStartWith("(statement (compound_stmt match");
        FirstStatement("match[x]: int = 1\n").ShouldStartWith("(statement (simple_stmts");
    }

    [Fact]
    public void Fstring_keeps_literal_parts_and_replacement_fields_in_order()
    {
        FirstStatement("f\"a{b!r:>3}\"\n").ShouldBe(
            "(statement (simple_stmts (simple_stmt (star_expressions (expression (expr (fstring f\" (fstring_middle a) (fstring_middle (fstring_replacement_field { (star_expressions (expression (expr b))) ! (name r) : (fstring_middle >3) })) \"))))) \\n))");
    }

    [Fact]
    public void Labeled_alternatives_give_each_statement_and_operator_its_own_context_type()
    {
        var tree = PythonSyntaxParser.Parse("import a\nx += 1\n").Tree!;
        tree.statement(0).simple_stmts().simple_stmt(0).ShouldBeOfType<PythonParser.ImportStmtContext>();
        var augmented = tree.statement(1).simple_stmts().simple_stmt(0).ShouldBeOfType<PythonParser.ExprStmtContext>();
        augmented.augassign().GetText().ShouldBe("+=");
    }

    [Fact]
    public void Context_start_and_stop_tokens_span_the_construct()
    {
        var tree = PythonSyntaxParser.Parse("x = (a +\n     b)\n").Tree!;
        var value = tree.statement(0).simple_stmts().simple_stmt(0).ShouldBeOfType<PythonParser.ExprStmtContext>().star_expressions(1);
        (value.Start.Line, value.Start.Column, value.Stop.Line, value.Stop.Column).ShouldBe((1, 4, 2, 6));
    }
}
