using GilScan.Analysis.Diagnostics;
using Newtonsoft.Json.Linq;

namespace GilScan.Sarif;

/// <summary>Turns property-bag values into JSON, keys in ordinal order, numbers in invariant form.</summary>
internal static class SarifProperties
{
    /// <summary>Result property names are namespaced, as GitHub and VS Code show them next to other tools'.</summary>
    public const string Prefix = "gilscan/";

    public static JToken ToJson(PropertyValue value) => value switch
    {
        PropertyValue.Text text => new JValue(text.Value),
        PropertyValue.Integer integer => new JValue(integer.Value),
        PropertyValue.Real real => new JValue(real.Value),
        PropertyValue.Boolean boolean => new JValue(boolean.Value),
        PropertyValue.TextList list => new JArray(list.Values.Select(v => new JValue(v))),
        PropertyValue.ItemList items => new JArray(items.Values.Select(ToJson)),
        PropertyValue.Map map => new JObject(map.Entries.Select(e => new JProperty(e.Key, ToJson(e.Value)))),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown property value kind."),
    };

    public static string ToCanonicalString(PropertyValue value) =>
        ToJson(value).ToString(Newtonsoft.Json.Formatting.None);
}
