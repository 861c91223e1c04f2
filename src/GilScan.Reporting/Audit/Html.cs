using System.Text;

namespace GilScan.Reporting.Audit;

/// <summary>Escaping for text and attribute values in HTML: the five characters that can end or open markup.</summary>
internal static class Html
{
    public static string Text(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\r' or '\n' => " ",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    public static string Code(string text) => "<code>" + Text(text) + "</code>";
}
