using Antlr4.Runtime;
using Antlr4.Runtime.Misc;

namespace GilScan.Syntax.Parsing;

/// <summary>
/// A token stream over an already complete token list (every token on the default channel, EOF
/// last). Simpler and faster than <see cref="CommonTokenStream"/>: no lazy filling, no channel
/// skipping.
/// </summary>
internal sealed class PythonTokenStream(IReadOnlyList<IToken> tokens, ITokenSource source) : ITokenStream
{
    // The tokenizer's list is used as is (no copy); a List indexer is a direct call.
    private readonly List<IToken> _tokens = tokens as List<IToken> ?? [.. tokens];
    private int _position;

    public ITokenSource TokenSource { get; } = source;

    public int Index => _position;

    public int Size => _tokens.Count;

    public string SourceName => TokenSource.SourceName;

    public void Consume()
    {
        if (_tokens[_position].Type == TokenConstants.EOF)
        {
            throw new InvalidOperationException("cannot consume EOF");
        }

        _position++;
    }

    public int LA(int i) => LT(i)?.Type ?? TokenConstants.InvalidType;

    public IToken LT(int k)
    {
        if (k > 0)
        {
            int at = _position + k - 1;
            return at < _tokens.Count ? _tokens[at] : _tokens[_tokens.Count - 1];
        }

        int back = _position + k;
        return k == 0 || back < 0 ? null! : _tokens[back];
    }

    public IToken Get(int i) => _tokens[i];

    public int Mark() => -1;

    public void Release(int marker)
    {
    }

    public void Seek(int index) => _position = Math.Clamp(index, 0, _tokens.Count - 1);

    public string GetText() => GetText(Interval.Of(0, _tokens.Count - 1));

    public string GetText(Interval interval)
    {
        int stop = Math.Min(interval.b, _tokens.Count - 1);
        var text = new System.Text.StringBuilder();
        for (int i = Math.Max(0, interval.a); i <= stop; i++)
        {
            if (_tokens[i].Type != TokenConstants.EOF)
            {
                text.Append(_tokens[i].Text);
            }
        }

        return text.ToString();
    }

    public string GetText(RuleContext ctx) => ctx.GetText();

    public string GetText(IToken start, IToken stop) =>
        start is null || stop is null ? string.Empty : GetText(Interval.Of(start.TokenIndex, stop.TokenIndex));
}
