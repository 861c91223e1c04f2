using System.Globalization;
using System.Text;

namespace GilScan.Confirmation.Reporting;

/// <summary>
/// A minimal SVG writer for the audit report's inline charts: elements with attributes in the order
/// given, text escaped, numbers in invariant form with at most two decimals, one element per line. The
/// same chart always gives the same bytes.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public SvgWriter(double width, double height, string label)
    {
        Open("svg",
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("width", Number(width)),
            ("height", Number(height)),
            ("viewBox", $"0 0 {Number(width)} {Number(height)}"),
            ("role", "img"),
            ("aria-label", label),
            ("font-family", "sans-serif"),
            ("font-size", "11"));
    }

    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public void Open(string name, params (string Name, string Value)[] attributes)
    {
        Indent().Append('<').Append(name);
        AppendAttributes(attributes);
        _text.Append(">\n");
        _depth++;
    }

    public void Close(string name)
    {
        _depth--;
        Indent().Append("</").Append(name).Append(">\n");
    }

    public void Element(string name, params (string Name, string Value)[] attributes)
    {
        Indent().Append('<').Append(name);
        AppendAttributes(attributes);
        _text.Append("/>\n");
    }

    public void Text(string name, string content, params (string Name, string Value)[] attributes)
    {
        Indent().Append('<').Append(name);
        AppendAttributes(attributes);
        _text.Append('>').Append(Escape(content)).Append("</").Append(name).Append(">\n");
    }

    public string Finish()
    {
        Close("svg");
        return _text.ToString();
    }

    private StringBuilder Indent() => _text.Append(' ', _depth * 2);

    private void AppendAttributes((string Name, string Value)[] attributes)
    {
        foreach (var (name, value) in attributes)
        {
            _text.Append(' ').Append(name).Append("=\"").Append(Escape(value)).Append('"');
        }
    }

    private static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                case < ' ' when c is not '\n' and not '\t': escaped.Append('?'); break; // not allowed in XML 1.0
                default: escaped.Append(c); break;
            }
        }

        return escaped.ToString();
    }
}
