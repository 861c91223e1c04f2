using GilScan.Dependencies.Model;
using GilScan.Dependencies.Text;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace GilScan.Dependencies.Toml;

/// <summary>A parsed TOML file: the positioned tree (as much as could be read) and the problems found.</summary>
public sealed record TomlFile(TomlTableNode Root, IReadOnlyList<DependencyDiagnostic> Diagnostics);

/// <summary>
/// Parses TOML with Tomlyn's tolerant syntax parser and folds headers, dotted keys, arrays of tables and
/// inline tables into <see cref="TomlTableNode"/>s. Syntax errors become diagnostics with file and line,
/// and everything that did parse is still returned: a lockfile with one broken entry still yields the rest.
/// </summary>
public static class TomlTreeBuilder
{
    public static TomlFile Parse(string text, string path)
    {
        var lines = new LineMap(text);
        var diagnostics = new List<DependencyDiagnostic>();
        DocumentSyntax document;
        try
        {
            document = SyntaxParser.Parse(text, path, false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Tomlyn is tolerant, but an input we cannot foresee must never take the audit down.
            diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error,
                $"TOML could not be parsed: {exception.Message}", SourceAnchor.File(path)));
            return new TomlFile(new TomlTableNode(SourceAnchor.File(path)), diagnostics);
        }

        // One broken line makes the parser report a burst of follow-on errors on that and the next lines;
        // each run of errors on consecutive lines becomes one diagnostic at its first error.
        var syntaxErrors = document.Diagnostics.Select(m => (Message: m, Anchor: lines.Anchor(path, m.Span.Offset, Math.Max(1, m.Span.Length)))).ToList();
        for (var i = 0; i < syntaxErrors.Count;)
        {
            var first = syntaxErrors[i];
            var last = i;
            while (last + 1 < syntaxErrors.Count && syntaxErrors[last + 1].Anchor.Line - syntaxErrors[last].Anchor.Line is 0 or 1)
            {
                last++;
            }

            var more = last - i;
            var suffix = more == 0 ? "" : $" ({more} follow-on error{(more == 1 ? "" : "s")} up to line {syntaxErrors[last].Anchor.Line})";
            diagnostics.Add(new DependencyDiagnostic(
                first.Message.Kind == DiagnosticMessageKind.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                $"invalid TOML: {first.Message.Message}{suffix}", first.Anchor));
            i = last + 1;
        }

        var builder = new Builder(path, lines, diagnostics);
        var root = new TomlTableNode(lines.Anchor(path, 0, 0));
        foreach (var keyValue in document.KeyValues)
        {
            builder.AddKeyValue(root, keyValue);
        }

        foreach (var table in document.Tables)
        {
            builder.AddTable(root, table);
        }

        return new TomlFile(root, diagnostics);
    }

    private sealed class Builder(string path, LineMap lines, List<DependencyDiagnostic> diagnostics)
    {
        private SourceAnchor AnchorOf(SyntaxNodeBase node) => lines.Anchor(path, node.Span.Offset, node.Span.Length);

        public void AddTable(TomlTableNode root, TableSyntaxBase table)
        {
            if (table.Name is null)
            {
                return;
            }

            var keys = KeyParts(table.Name);
            if (keys.Count == 0)
            {
                return;
            }

            var headerAnchor = AnchorOf(table.Name);
            var parent = Navigate(root, keys.Take(keys.Count - 1), headerAnchor);
            if (parent is null)
            {
                return;
            }

            var last = keys[^1];
            TomlTableNode? target;
            if (table is TableArraySyntax)
            {
                if (!parent.TryGet(last, out var existing))
                {
                    existing = new TomlArrayNode(headerAnchor);
                    parent.TryAdd(last, existing);
                }

                if (existing is not TomlArrayNode array)
                {
                    Report(headerAnchor, $"'[[{string.Join('.', keys)}]]' redefines a key that is not an array of tables");
                    return;
                }

                target = new TomlTableNode(headerAnchor);
                array.Items.Add(target);
            }
            else
            {
                if (!parent.TryGet(last, out var existing))
                {
                    existing = new TomlTableNode(headerAnchor);
                    parent.TryAdd(last, existing);
                }

                target = existing as TomlTableNode;
                if (target is null)
                {
                    Report(headerAnchor, $"'[{string.Join('.', keys)}]' redefines a key that is not a table");
                    return;
                }
            }

            foreach (var keyValue in table.Items)
            {
                AddKeyValue(target, keyValue);
            }
        }

        /// <summary>Walks dotted header parts, creating implicit tables and entering the last element of arrays.</summary>
        private TomlTableNode? Navigate(TomlTableNode start, IEnumerable<string> keys, SourceAnchor anchor)
        {
            var current = start;
            foreach (var key in keys)
            {
                if (!current.TryGet(key, out var next))
                {
                    next = new TomlTableNode(anchor);
                    current.TryAdd(key, next);
                }

                current = next switch
                {
                    TomlTableNode table => table,
                    TomlArrayNode { Items.Count: > 0 } array when array.Items[^1] is TomlTableNode last => last,
                    _ => null!,
                };
                if (current is null)
                {
                    Report(anchor, $"'{key}' is used both as a value and as a table");
                    return null;
                }
            }

            return current;
        }

        public void AddKeyValue(TomlTableNode table, KeyValueSyntax keyValue)
        {
            if (keyValue.Key is null || keyValue.Value is null)
            {
                return; // Tomlyn already reported the syntax error.
            }

            var keys = KeyParts(keyValue.Key);
            if (keys.Count == 0)
            {
                return;
            }

            var anchor = AnchorOf(keyValue.Key);
            var owner = Navigate(table, keys.Take(keys.Count - 1), anchor);
            var value = Convert(keyValue.Value);
            if (owner is null || value is null)
            {
                return;
            }

            if (!owner.TryAdd(keys[^1], value))
            {
                Report(anchor, $"duplicate key '{string.Join('.', keys)}'");
            }
        }

        private TomlNode? Convert(ValueSyntax value)
        {
            var anchor = AnchorOf(value);
            switch (value)
            {
                case StringValueSyntax s:
                    return new TomlScalar(s.Value ?? "", anchor);
                case IntegerValueSyntax i:
                    return new TomlScalar(i.Value, anchor);
                case FloatValueSyntax f:
                    return new TomlScalar(f.Value, anchor);
                case BooleanValueSyntax b:
                    return new TomlScalar(b.Value, anchor);
                case DateTimeValueSyntax d:
                    return new TomlScalar(d.Value, anchor);
                case ArraySyntax array:
                    var arrayNode = new TomlArrayNode(anchor);
                    foreach (var item in array.Items)
                    {
                        if (item.Value is not null && Convert(item.Value) is { } converted)
                        {
                            arrayNode.Items.Add(converted);
                        }
                    }

                    return arrayNode;
                case InlineTableSyntax inline:
                    var tableNode = new TomlTableNode(anchor);
                    foreach (var item in inline.Items)
                    {
                        if (item.KeyValue is not null)
                        {
                            AddKeyValue(tableNode, item.KeyValue);
                        }
                    }

                    return tableNode;
                default:
                    return null;
            }
        }

        private static List<string> KeyParts(KeySyntax key)
        {
            var parts = new List<string>();
            if (KeyText(key.Key) is { } first)
            {
                parts.Add(first);
            }

            if (key.DotKeys is not null)
            {
                foreach (var dotted in key.DotKeys)
                {
                    if (KeyText(dotted.Key) is { } part)
                    {
                        parts.Add(part);
                    }
                }
            }

            return parts;
        }

        private static string? KeyText(BareKeyOrStringValueSyntax? key) => key switch
        {
            BareKeySyntax bare => bare.Key?.Text,
            StringValueSyntax quoted => quoted.Value,
            _ => null,
        };

        private void Report(SourceAnchor anchor, string message) =>
            diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, $"invalid TOML: {message}", anchor));
    }
}
