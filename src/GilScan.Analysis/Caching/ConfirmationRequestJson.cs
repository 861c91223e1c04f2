using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using GilScan.Analysis.Confirmation;

namespace GilScan.Analysis.Caching;

/// <summary>
/// A finding's <see cref="ConfirmationRequest"/> in the results cache, typed all the way down: each Python
/// value is an object naming its kind (<c>{"int": "12"}</c>, <c>{"bytes": "base64"}</c>,
/// <c>{"tuple": [...]}</c>), never Python source to be parsed back. The public outputs do not carry requests.
/// </summary>
internal static class ConfirmationRequestJson
{
    public static void Write(Utf8JsonWriter json, ConfirmationRequest request)
    {
        json.WriteStartObject();
        switch (request)
        {
            case CallableConfirmationRequest call:
                json.WriteString("kind", call.Kind.ToString());
                json.WriteString("module", call.Module);
                json.WriteString("function", call.Function);
                json.WriteString("importRoot", call.ImportRoot);
                json.WriteString("parameters", call.Parameters.ToString());
                if (call.Arguments is { } arguments)
                {
                    json.WriteStartObject("arguments");
                    json.WriteStartArray("positional");
                    foreach (var value in arguments.Positional)
                    {
                        WriteValue(json, value);
                    }

                    json.WriteEndArray();
                    json.WriteStartObject("keywords");
                    foreach (var (name, value) in arguments.Keywords)
                    {
                        json.WritePropertyName(name);
                        WriteValue(json, value);
                    }

                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                if (call.State is { } state)
                {
                    json.WriteStartObject("state");
                    json.WriteString("kind", state.Kind);
                    json.WriteString("module", state.Module);
                    json.WriteString("path", state.Path);
                    json.WriteBoolean("items", state.Items);
                    json.WriteEndObject();
                }

                break;
            case ImportProbeRequest probe:
                json.WriteString("kind", ConfirmationKind.ImportProbe.ToString());
                json.WriteString("module", probe.Module);
                json.WriteString("distribution", probe.Distribution);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request, "Unknown kind of confirmation request.");
        }

        json.WriteEndObject();
    }

    public static ConfirmationRequest Read(JsonElement e)
    {
        var kind = Enum.Parse<ConfirmationKind>(e.GetProperty("kind").GetString()!);
        if (kind == ConfirmationKind.ImportProbe)
        {
            return new ImportProbeRequest { Module = e.GetProperty("module").GetString(), Distribution = e.GetProperty("distribution").GetString() };
        }

        return new CallableConfirmationRequest
        {
            Kind = kind,
            Module = e.GetProperty("module").GetString()!,
            Function = e.GetProperty("function").GetString()!,
            ImportRoot = e.GetProperty("importRoot").GetString(),
            Parameters = Enum.Parse<ParameterNeed>(e.GetProperty("parameters").GetString()!),
            Arguments = e.TryGetProperty("arguments", out var arguments)
                ? new FoldedCall(
                    [.. arguments.GetProperty("positional").EnumerateArray().Select(ReadValue)],
                    arguments.GetProperty("keywords").EnumerateObject().ToImmutableSortedDictionary(p => p.Name, p => ReadValue(p.Value), StringComparer.Ordinal))
                : null,
            State = e.TryGetProperty("state", out var state)
                ? new SharedState(state.GetProperty("kind").GetString()!, state.GetProperty("module").GetString(), state.GetProperty("path").GetString()!, state.GetProperty("items").GetBoolean())
                : null,
        };
    }

    private static void WriteValue(Utf8JsonWriter json, PythonValue value)
    {
        json.WriteStartObject();
        switch (value)
        {
            case PythonValue.NoneValue:
                json.WriteNull("none");
                break;
            case PythonValue.Bool b:
                json.WriteBoolean("bool", b.Value);
                break;
            case PythonValue.Int i:
                // As text: a Python int has no bound, a JSON number reader has.
                json.WriteString("int", i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case PythonValue.Float f:
                // As the round-trip text, which also spells the infinities and NaN that JSON numbers cannot.
                json.WriteString("float", f.Value.ToString("R", CultureInfo.InvariantCulture));
                break;
            case PythonValue.Str s:
                json.WriteString("str", s.Value);
                break;
            case PythonValue.Bytes bytes:
                json.WriteBase64String("bytes", bytes.Value.AsSpan());
                break;
            case PythonValue.Sequence sequence:
                json.WriteStartArray(sequence.IsTuple ? "tuple" : "list");
                foreach (var item in sequence.Items)
                {
                    WriteValue(json, item);
                }

                json.WriteEndArray();
                break;
            case PythonValue.Dict dict:
                json.WriteStartArray("dict");
                foreach (var (key, item) in dict.Entries)
                {
                    json.WriteStartArray();
                    WriteValue(json, key);
                    WriteValue(json, item);
                    json.WriteEndArray();
                }

                json.WriteEndArray();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown Python value kind.");
        }

        json.WriteEndObject();
    }

    private static PythonValue ReadValue(JsonElement e)
    {
        var field = e.EnumerateObject().Single();
        var v = field.Value;
        return field.Name switch
        {
            "none" => PythonValue.None,
            "bool" => new PythonValue.Bool(v.GetBoolean()),
            "int" => new PythonValue.Int(BigInteger.Parse(v.GetString()!, CultureInfo.InvariantCulture)),
            "float" => new PythonValue.Float(double.Parse(v.GetString()!, CultureInfo.InvariantCulture)),
            "str" => new PythonValue.Str(v.GetString()!),
            "bytes" => new PythonValue.Bytes([.. v.GetBytesFromBase64()]),
            "tuple" => new PythonValue.Sequence([.. v.EnumerateArray().Select(ReadValue)], isTuple: true),
            "list" => new PythonValue.Sequence([.. v.EnumerateArray().Select(ReadValue)], isTuple: false),
            "dict" => new PythonValue.Dict([.. v.EnumerateArray().Select(pair => pair.EnumerateArray().ToArray() is [var key, var item]
                ? KeyValuePair.Create(ReadValue(key), ReadValue(item))
                : throw new FormatException("a dict entry is a [key, value] pair"))]),
            _ => throw new FormatException($"unknown Python value kind '{field.Name}'"),
        };
    }
}
