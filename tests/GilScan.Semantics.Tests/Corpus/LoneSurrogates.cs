using System.Globalization;
using System.Text;

namespace GilScan.Semantics.Tests.Corpus;

/// <summary>
/// System.Text.Json cannot read a JSON string escape of a lone UTF-16 surrogate ("\ud800"), which
/// CPython's json writes for str constants such as those of the codec tests. This replaces each lone
/// surrogate escape with "\ufffd" (the value of a string constant does not matter to the semantic
/// model; gilscan's own parser does not go through JSON).
/// </summary>
public static class LoneSurrogates
{
    public static string Replace(string json)
    {
        if (!json.Contains("\\ud", StringComparison.OrdinalIgnoreCase)) return json;
        var result = new StringBuilder(json.Length);
        var i = 0;
        while (i < json.Length)
        {
            var c = json[i];
            if (c != '\\' || i + 1 >= json.Length)
            {
                result.Append(c);
                i++;
                continue;
            }
            if (json[i + 1] != 'u' || i + 6 > json.Length)
            {
                result.Append(json, i, 2);
                i += 2;
                continue;
            }
            var unit = int.Parse(json.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (unit is >= 0xD800 and <= 0xDBFF && i + 12 <= json.Length && json[i + 6] == '\\' && json[i + 7] == 'u'
                && int.Parse(json.AsSpan(i + 8, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture) is >= 0xDC00 and <= 0xDFFF)
            {
                result.Append(json, i, 12);
                i += 12;
                continue;
            }
            if (unit is >= 0xD800 and <= 0xDFFF) result.Append("\\ufffd");
            else result.Append(json, i, 6);
            i += 6;
        }
        return result.ToString();
    }
}
