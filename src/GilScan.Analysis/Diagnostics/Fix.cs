using System.Collections.Immutable;

namespace GilScan.Analysis.Diagnostics;

/// <summary>Replaces the text of <see cref="Range"/> (a zero-width range inserts) with <see cref="InsertedText"/>.</summary>
public sealed record TextReplacement
{
    public TextReplacement(Location range, string insertedText)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(insertedText);
        Range = range;
        InsertedText = insertedText;
    }

    public Location Range { get; }

    public string InsertedText { get; }
}

/// <summary>A mechanical fix: a description in the imperative and the edits that make it.</summary>
public sealed record Fix
{
    public Fix(string description, ImmutableArray<TextReplacement> replacements)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        if (replacements.IsDefaultOrEmpty || replacements.Any(r => r is null))
        {
            throw new ArgumentException("A fix needs at least one replacement.", nameof(replacements));
        }

        Description = description;
        Replacements = replacements;
    }

    public string Description { get; }

    public ImmutableArray<TextReplacement> Replacements { get; }
}
