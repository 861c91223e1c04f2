using System.Runtime.CompilerServices;
using Antlr4.Runtime;

namespace GilScan.Syntax.Parsing;

/// <summary>
/// Base of the generated <see cref="Generated.PythonParser"/>: counts rule nesting so that no input
/// can overflow the stack. Every rule entry goes through <see cref="EnterRule"/> or
/// <see cref="EnterRecursionRule(ParserRuleContext, int, int, int)"/> and leaves through
/// <see cref="ExitRule"/> or <see cref="UnrollRecursionContexts"/> (generated code calls these in
/// finally blocks, so the count stays balanced when a parse is abandoned).
/// </summary>
public abstract class PythonParserBase : Parser
{
    private int _depth;

    protected PythonParserBase(ITokenStream input)
        : this(input, TextWriter.Null, TextWriter.Null)
    {
    }

    protected PythonParserBase(ITokenStream input, TextWriter output, TextWriter errorOutput)
        : base(input, output, errorOutput)
    {
        RemoveErrorListeners();
    }

    /// <summary>
    /// Deepest rule nesting allowed; deeper input throws <see cref="ParseTooDeepException"/>.
    /// </summary>
    public int MaxDepth { get; set; } = int.MaxValue;

    /// <summary>Deepest rule nesting reached so far (for measurements).</summary>
    public int DeepestNesting { get; private set; }

    /// <inheritdoc />
    public override void EnterRule(ParserRuleContext localctx, int state, int ruleIndex)
    {
        Deeper();
        base.EnterRule(localctx, state, ruleIndex);
    }

    /// <inheritdoc />
    public override void EnterRecursionRule(ParserRuleContext localctx, int state, int ruleIndex, int precedence)
    {
        Deeper();
        base.EnterRecursionRule(localctx, state, ruleIndex, precedence);
    }

    /// <inheritdoc />
    public override void ExitRule()
    {
        _depth--;
        base.ExitRule();
    }

    /// <inheritdoc />
    public override void UnrollRecursionContexts(ParserRuleContext _parentctx)
    {
        _depth--;
        base.UnrollRecursionContexts(_parentctx);
    }

    private void Deeper()
    {
        _depth++;
        if (_depth > DeepestNesting)
        {
            DeepestNesting = _depth;
            // Checked only when a new maximum is reached, so the common case costs one compare.
            if (_depth > MaxDepth || ((_depth & 15) == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack()))
            {
                throw new ParseTooDeepException(CurrentToken);
            }
        }
    }
}

/// <summary>The input nests deeper than the parser allows on the current stack.</summary>
public sealed class ParseTooDeepException(IToken at) : Exception("input nests too deeply")
{
    /// <summary>The token being parsed when the limit was reached.</summary>
    public IToken At { get; } = at;
}
