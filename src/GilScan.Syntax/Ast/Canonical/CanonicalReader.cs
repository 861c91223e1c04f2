using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace GilScan.Syntax.Ast.Canonical;

/// <summary>
/// Reads a canonical dump (ours or CPython's, from tests/reference/ast_dump.py) back into AST nodes.
/// For tests and debugging: it lets a test compare trees node by node and lets semantic tests run on
/// trees made by the real CPython. The dump has no UTF-16 columns; pass the source's lines to compute
/// them, otherwise they are taken equal to the UTF-8 columns.
/// </summary>
/// <remarks>
/// The generated reader recurses once per tree level. Deeper than <see cref="CallerThreadDepth"/> levels,
/// the read is done again on a dedicated thread whose stack holds the deepest document JSON parsing
/// admits (<see cref="MaxJsonDepth"/> levels), so no dump can overflow the stack. The recursive methods are
/// optimised from their first call: unoptimised (tier-0) frames are several times larger, and a deep dump
/// read before the JIT tiers them up overflowed the deep stack on a loaded machine.
/// </remarks>
public static partial class CanonicalReader
{
    /// <summary>Deepest JSON nesting read; deeper documents are a <see cref="JsonException"/>.</summary>
    public const int MaxJsonDepth = 200_000;

    private const int CallerThreadDepth = 500;

    private const int DeepStackBytes = 1024 * 1024 * 1024;

    public static Node Read(string json, IReadOnlyList<string>? sourceLines = null)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
        var root = document.RootElement;
        if (root.TryGetProperty("ast", out var ast)) root = ast;
        try
        {
            return ReadNode(root, new CanonicalReaderContext(sourceLines, CallerThreadDepth));
        }
        catch (ReadTooDeepException)
        {
            return ReadOnDeepStack(root, sourceLines);
        }
    }

    private static Node ReadOnDeepStack(JsonElement root, IReadOnlyList<string>? sourceLines)
    {
        Node? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = ReadNode(root, new CanonicalReaderContext(sourceLines, int.MaxValue)); }
            catch (Exception error) { failure = error; }
        }, DeepStackBytes);
        thread.Name = "gilscan deep canonical read";
        thread.IsBackground = true;
        thread.Start();
        thread.Join();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return result!;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Node ReadChild(JsonElement e, CanonicalReaderContext context)
    {
        context.Descend();
        try { return ReadNode(e, context); }
        finally { context.Ascend(); }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T ReadNode<T>(JsonElement e, string field, CanonicalReaderContext context) where T : Node =>
        (T)ReadChild(e.GetProperty(field), context);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T? ReadNodeOrNull<T>(JsonElement e, string field, CanonicalReaderContext context) where T : Node
    {
        var value = e.GetProperty(field);
        return value.ValueKind == JsonValueKind.Null ? null : (T)ReadChild(value, context);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<T> ReadNodeList<T>(JsonElement e, string field, CanonicalReaderContext context) where T : Node
    {
        var list = new List<T>();
        foreach (var item in e.GetProperty(field).EnumerateArray())
            list.Add(item.ValueKind == JsonValueKind.Null ? null! : (T)ReadChild(item, context));
        return list;
    }

    private static string? ReadString(JsonElement e, string field)
    {
        var value = e.GetProperty(field);
        return value.ValueKind == JsonValueKind.Null ? null : value.GetString();
    }

    private static List<string> ReadStringList(JsonElement e, string field) =>
        e.GetProperty(field).EnumerateArray().Select(item => item.GetString()!).ToList();

    private static int? ReadInt(JsonElement e, string field)
    {
        var value = e.GetProperty(field);
        return value.ValueKind == JsonValueKind.Null ? null : value.GetInt32();
    }

    private static TEnum ReadEnum<TEnum>(JsonElement e, string field) where TEnum : struct, Enum =>
        Enum.Parse<TEnum>(e.GetProperty(field).GetProperty("_type").GetString()!);

    private static List<TEnum> ReadEnumList<TEnum>(JsonElement e, string field) where TEnum : struct, Enum =>
        e.GetProperty(field).EnumerateArray().Select(item => Enum.Parse<TEnum>(item.GetProperty("_type").GetString()!)).ToList();

    private static object? ReadConstant(JsonElement e, string field)
    {
        var value = e.GetProperty(field);
        switch (value.ValueKind)
        {
            case JsonValueKind.Null: return null;
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.String: return value.GetString();
        }
        var tagged = value.EnumerateObject().First();
        return tagged.Name switch
        {
            "bytes" => Convert.FromHexString(tagged.Value.GetString()!),
            "int" => BigInteger.Parse(tagged.Value.GetString()!, CultureInfo.InvariantCulture),
            "float" => PythonFloatHex.Parse(tagged.Value.GetString()!),
            "complex" => new Complex(0, PythonFloatHex.Parse(tagged.Value.GetString()!)),
            "ellipsis" => EllipsisValue.Instance,
            _ => throw new JsonException($"unknown constant tag {tagged.Name}"),
        };
    }

    private static SourceRange ReadRange(JsonElement e, CanonicalReaderContext context)
    {
        var startLine = e.GetProperty("lineno").GetInt32();
        var startColumn = e.GetProperty("col_offset").GetInt32();
        var endLine = e.GetProperty("end_lineno").GetInt32();
        var endColumn = e.GetProperty("end_col_offset").GetInt32();
        return new SourceRange(startLine, startColumn, endLine, endColumn,
            context.Utf16Column(startLine, startColumn), context.Utf16Column(endLine, endColumn));
    }
}

internal sealed class CanonicalReaderContext(IReadOnlyList<string>? sourceLines, int depthLimit)
{
    private int _depth;

    public void Descend()
    {
        if (++_depth > depthLimit) throw new ReadTooDeepException();
    }

    public void Ascend() => _depth--;

    /// <summary>Converts a UTF-8 byte column on a 1-based line to UTF-16 code units.</summary>
    public int Utf16Column(int line, int utf8Column)
    {
        if (sourceLines is null || line < 1 || line > sourceLines.Count) return utf8Column;
        var text = sourceLines[line - 1];
        var bytes = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (bytes >= utf8Column) return i;
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                bytes += 4;
                i++;
                if (bytes >= utf8Column) return i + 1;
                continue;
            }
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return text.Length;
    }
}

/// <summary>The document nests deeper than the current thread's stack is trusted with.</summary>
internal sealed class ReadTooDeepException : Exception
{
    public ReadTooDeepException() : base("canonical dump too deep for the current thread's stack") { }
}
