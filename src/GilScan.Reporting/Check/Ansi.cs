namespace GilScan.Reporting.Check;

/// <summary>
/// Terminal colours for the text formats, as ruff colours its output: paths bold, separators cyan,
/// rule codes bold red, the all-clear green. Without colour every method returns its text unchanged.
/// </summary>
public sealed class Ansi(bool enabled)
{
    private const string Reset = "\u001b[0m";

    public static Ansi None { get; } = new(false);

    public bool Enabled => enabled;

    public string Bold(string text) => Wrap("\u001b[1m", text);

    public string Path(string text) => Wrap("\u001b[1m", text);

    public string Heading(string text) => Wrap("\u001b[1;4m", text);

    public string Separator(string text) => Wrap("\u001b[36m", text);

    public string Code(string text) => Wrap("\u001b[1;31m", text);

    public string Dim(string text) => Wrap("\u001b[2m", text);

    public string Success(string text) => Wrap("\u001b[1;32m", text);

    private string Wrap(string start, string text) => enabled && text.Length > 0 ? start + text + Reset : text;
}
