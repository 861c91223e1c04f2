using System.Globalization;
using System.Numerics;
using System.Text;

namespace GilScan.Syntax.Ast.Canonical;

/// <summary>
/// Writes the canonical AST dump of DESIGN.md as compact JSON, byte for byte what Python's
/// <c>json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)</c> writes for the
/// same value, so that a dump can be compared with the reference script's as plain text. (Keys are
/// emitted already sorted by the generated node writers.)
/// </summary>
internal sealed class CanonicalJsonWriter
{
    private readonly StringBuilder _out;
    private bool _needComma;

    public CanonicalJsonWriter(StringBuilder output) => _out = output;

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
        if (node is null) Null();
        else node.WriteCanonical(this);
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
