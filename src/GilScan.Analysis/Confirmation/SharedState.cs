namespace GilScan.Analysis.Confirmation;

/// <summary>
/// The shared state a GIL501 confirmation reads before and after the threads run: a module global
/// (<see cref="Kind"/> "global", <see cref="Path"/> its name), a class attribute ("class-attribute",
/// "Class.attr"), or an attribute of the instance whose method the threads run ("receiver-attribute", the
/// attribute's name; the instance is made with no arguments). <see cref="Items"/>: the updates are on the
/// container's items (counts per key), so its numeric values are added up.
/// </summary>
public sealed record SharedState(string Kind, string? Module, string Path, bool Items)
{
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal) { "global", "class-attribute", "receiver-attribute" };

    /// <summary>The state as messages name it: <c>app.counters.hits</c>, <c>self.total</c>.</summary>
    public string Display => Kind == "receiver-attribute" ? $"self.{Path}" : $"{Module}.{Path}";

    public IEnumerable<string> Problems()
    {
        if (!Kinds.Contains(Kind))
        {
            yield return $"'{Kind}' is not a kind of shared state gilscan can read (global, class-attribute, receiver-attribute).";
        }

        if (Kind != "receiver-attribute" && (Module is null || !PythonNames.IsDottedName(Module)))
        {
            yield return $"'{Module}' is not a Python module name.";
        }

        if (!PythonNames.IsDottedName(Path))
        {
            yield return $"'{Path}' is not a Python attribute path.";
        }
    }
}
