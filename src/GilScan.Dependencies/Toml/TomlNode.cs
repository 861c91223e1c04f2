using GilScan.Dependencies.Model;

namespace GilScan.Dependencies.Toml;

/// <summary>
/// A TOML value that remembers where it was written. Tomlyn's model (TomlTable) drops positions and its
/// syntax tree leaves table merging to the caller, so <see cref="TomlTreeBuilder"/> folds the syntax tree
/// into these nodes: lockfile entries can then be anchored to their exact line.
/// </summary>
public abstract class TomlNode
{
    protected TomlNode(SourceAnchor anchor) => Anchor = anchor;

    public SourceAnchor Anchor { get; }
}

public sealed class TomlScalar : TomlNode
{
    public TomlScalar(object value, SourceAnchor anchor) : base(anchor) => Value = value;

    /// <summary>string, long, double, bool, or Tomlyn's TomlDateTime.</summary>
    public object Value { get; }

    /// <summary>
    /// For a one-line string, the anchor of its text without the quotes (what a user reads as the
    /// requirement); for anything else the anchor of the whole value.
    /// </summary>
    public SourceAnchor ContentAnchor
    {
        get
        {
            var width = Anchor.EndColumn - Anchor.StartColumn;
            return Value is string text && width == text.Length + 2
                ? Anchor with { StartColumn = Anchor.StartColumn + 1, EndColumn = Anchor.EndColumn - 1 }
                : Anchor;
        }
    }
}

public sealed class TomlArrayNode : TomlNode
{
    public TomlArrayNode(SourceAnchor anchor) : base(anchor)
    {
    }

    public List<TomlNode> Items { get; } = [];
}

public sealed class TomlTableNode : TomlNode
{
    private readonly Dictionary<string, TomlNode> _byKey = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public TomlTableNode(SourceAnchor anchor) : base(anchor)
    {
    }

    /// <summary>Keys in the order they were written.</summary>
    public IReadOnlyList<string> Keys => _order;

    public bool TryGet(string key, out TomlNode node) => _byKey.TryGetValue(key, out node!);

    internal bool TryAdd(string key, TomlNode node)
    {
        if (!_byKey.TryAdd(key, node))
        {
            return false;
        }

        _order.Add(key);
        return true;
    }

    public TomlNode? Get(string key) => _byKey.GetValueOrDefault(key);

    public string? GetString(string key) => Get(key) is TomlScalar { Value: string s } ? s : null;

    public long? GetInteger(string key) => Get(key) is TomlScalar { Value: long n } ? n : null;

    public bool? GetBoolean(string key) => Get(key) is TomlScalar { Value: bool b } ? b : null;

    public TomlTableNode? GetTable(string key) => Get(key) as TomlTableNode;

    public TomlArrayNode? GetArray(string key) => Get(key) as TomlArrayNode;

    /// <summary>The tables of an array (of tables, or of inline tables); empty when absent.</summary>
    public IEnumerable<TomlTableNode> GetTables(string key) => GetArray(key)?.Items.OfType<TomlTableNode>() ?? [];

    /// <summary>The strings of an array, or a single string as a one-element list.</summary>
    public IEnumerable<TomlScalar> GetStrings(string key) => Get(key) switch
    {
        TomlArrayNode array => array.Items.OfType<TomlScalar>().Where(s => s.Value is string),
        TomlScalar { Value: string } single => [single],
        _ => [],
    };

    /// <summary>The anchor of <paramref name="key"/>'s value, or of the table itself when absent.</summary>
    public SourceAnchor AnchorOf(string key) => Get(key)?.Anchor ?? Anchor;
}
