using System.Globalization;
using System.Numerics;
using System.Text;

namespace GilScan.Syntax.Ast.Canonical;

/// <summary>
/// Writes the canonical AST dump of DESIGN.md as compact JSON, byte for byte what Python's
/// <c>json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)</c> writes for the
/// same value, so that a dump can be compared with the reference script's as plain text. (Keys are
/// emitted already sorted by the generated node writers.)
/// <para>
/// Without recursion, whatever the tree's depth: a node's generated writer does not write its child
/// nodes but leaves a place for each (<see cref="Node(Ast.Node?)"/>); <see cref="WriteTree"/> then fills
/// those places in order from an explicit stack. Text up to a node's first child goes straight to the
/// output; only the text after it waits, in segments, until the child is written.
/// </para>
/// </summary>
internal sealed class CanonicalJsonWriter
{
    private readonly StringBuilder _output;
    // Where scalars go: the output itself until the node being expanded defers its first child,
    // then a fresh buffer per segment.
    private StringBuilder _out;
    // The node being expanded: its pieces in order, each a string of JSON text or a child Node.
    // Null outside WriteTree (a writer used for a single string or value).
    private List<object>? _pieces;
    private bool _needComma;

    public CanonicalJsonWriter(StringBuilder output)
    {
        _output = output;
        _out = output;
    }

    /// <summary>Writes the dump of <paramref name="root"/> and everything below it.</summary>
    public void WriteTree(Node root)
    {
        var stack = new Stack<(List<object> Pieces, int Next)>();
        var rootPieces = Expand(root);
        if (rootPieces.Count > 0) stack.Push((rootPieces, 0));
        while (stack.Count > 0)
        {
            var (pieces, next) = stack.Pop();
            if (next + 1 < pieces.Count) stack.Push((pieces, next + 1));
            if (pieces[next] is string text)
            {
                _output.Append(text);
            }
            else
            {
                var childPieces = Expand((Node)pieces[next]);
                if (childPieces.Count > 0) stack.Push((childPieces, 0));
            }
        }
        _pieces = null;
        _out = _output;
    }

    // Runs a node's generated writer at the current end of the output: its text up to its first child
    // is written at once, and what follows comes back as pieces for WriteTree.
    private List<object> Expand(Node node)
    {
        _pieces = new List<object>();
        _out = _output;
        _needComma = false;
        node.WriteCanonical(this);
        FlushSegment();
        return _pieces;
    }

    private void FlushSegment()
    {
        if (!ReferenceEquals(_out, _output) && _out.Length > 0) _pieces!.Add(_out.ToString());
    }

    public void BeginObject() { Separate(); _out.Append('{'); _needComma = false; }
    public void EndObject() { _out.Append('}'); _needComma = true; }
    private void BeginArray() { Separate(); _out.Append('['); _needComma = false; }
    private void EndArray() { _out.Append(']'); _needComma = true; }

    public void Key(string key)
    {
        Separate();
        WriteString(key);
        _out.Append(':');
        _needComma = false;
    }

    public void Null() { Separate(); _out.Append("null"); _needComma = true; }

    public void Int(int value) { Separate(); _out.Append(value.ToString(CultureInfo.InvariantCulture)); _needComma = true; }

    public void Int(int? value) { if (value is int v) Int(v); else Null(); }

    public void String(string? value)
    {
        if (value is null) { Null(); return; }
        Separate();
        WriteString(value);
        _needComma = true;
    }

    public void Node(Node? node)
    {
        if (node is null) { Null(); return; }
        if (_pieces is null) { WriteTree(node); return; }
        Separate();
        // The child's place: the text so far is complete; what follows starts a new segment.
        FlushSegment();
        _pieces.Add(node);
        _out = new StringBuilder();
        _needComma = true;
    }

    public void NodeList<T>(IReadOnlyList<T> nodes) where T : Node?
    {
        BeginArray();
        foreach (var node in nodes) Node(node);
        EndArray();
    }

    public void StringList(IReadOnlyList<string> values)
    {
        BeginArray();
        foreach (var value in values) String(value);
        EndArray();
    }

    public void Enum<TEnum>(TEnum value) where TEnum : struct, System.Enum
    {
        BeginObject();
        Key("_type");
        String(value.ToString());
        EndObject();
    }

    public void EnumList<TEnum>(IReadOnlyList<TEnum> values) where TEnum : struct, System.Enum
    {
        BeginArray();
        foreach (var value in values) Enum(value);
        EndArray();
    }

    /// <summary>A Constant's value: None/True/False as JSON literals, str as a string, the rest tagged.</summary>
    public void Constant(object? value)
    {
        switch (value)
        {
            case null: Null(); break;
            case bool b: Separate(); _out.Append(b ? "true" : "false"); _needComma = true; break;
            case string s: String(s); break;
            case byte[] bytes: Tagged("bytes", Convert.ToHexStringLower(bytes)); break;
            case int i: Tagged("int", i.ToString(CultureInfo.InvariantCulture)); break;
            case long l: Tagged("int", l.ToString(CultureInfo.InvariantCulture)); break;
            case BigInteger big: Tagged("int", big.ToString(CultureInfo.InvariantCulture)); break;
            case double d: Tagged("float", PythonFloatHex.Format(d)); break;
            case Complex c: Tagged("complex", PythonFloatHex.Format(c.Imaginary)); break;
            case EllipsisValue:
                BeginObject(); Key("ellipsis"); Separate(); _out.Append("true"); _needComma = true; EndObject();
                break;
            default:
                throw new ArgumentException($"not a Python constant value: {value.GetType().Name}", nameof(value));
        }
    }

    private void Tagged(string tag, string text)
    {
        BeginObject();
        Key(tag);
        String(text);
        EndObject();
    }

    private void Separate()
    {
        if (_needComma) _out.Append(',');
        _needComma = false;
    }

    /// <summary>A JSON string with Python's ensure_ascii escaping: every char outside ' '..'~' escaped,
    /// lone surrogates kept as \udxxx so that they survive the comparison with Python.</summary>
    private void WriteString(string value)
    {
        _out.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': _out.Append("\\\""); break;
                case '\\': _out.Append("\\\\"); break;
                case '\n': _out.Append("\\n"); break;
                case '\r': _out.Append("\\r"); break;
                case '\t': _out.Append("\\t"); break;
                case '\b': _out.Append("\\b"); break;
                case '\f': _out.Append("\\f"); break;
                default:
                    if (c >= ' ' && c <= '~') _out.Append(c);
                    else _out.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }
        _out.Append('"');
    }
}
