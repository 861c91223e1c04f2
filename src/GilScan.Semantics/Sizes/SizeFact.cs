using System.Collections.Immutable;
using System.Globalization;

namespace GilScan.Semantics.Sizes;

/// <summary>What a size estimate rests on: the magnitude of the value.</summary>
public enum SizeBasis
{
    /// <summary>Computed from the code: a shape and dtype, a folded length, a literal, a container filled
    /// a known number of times. <see cref="SizeFact.Bytes"/> holds the estimate.</summary>
    Computed,
    /// <summary>The code does not show the size, but values of this kind are normally large: an image or a
    /// video frame decoded by a reader, a DataFrame read from a whole file or query, a loaded model or
    /// saved array.</summary>
    TypicallyLarge,
    /// <summary>The size grows with data the program reads: the contents of a file, a JSON document used
    /// as a collection, a list built over the lines of a file or the rows of a query, a set filled in a
    /// loop over them. <see cref="SizeFact.DataSource"/> names the data.</summary>
    DataDependent,
}

/// <summary>
/// The estimated pickled size of a value and the evidence for it: <see cref="Bytes"/> (null when the
/// code does not show it), what the value is, and where it was made. Pickled sizes: raw buffer bytes
/// for arrays and bytes, a few bytes per item for containers of numbers and short strings (the
/// opcodes of Lib/pickle.py); <see cref="IsLowerBound"/> when items of unknown size counted at a minimum.
/// </summary>
/// <param name="Origin">The expression that makes the value (the reader call, the empty list a loop
/// fills, the constructor).</param>
/// <param name="Trail">The nodes the value passed on its way from the examined expression to
/// <paramref name="Origin"/> (bindings, calls that pass or return it, attribute assignments), outermost
/// first.</param>
public sealed record SizeFact(double? Bytes, SizeBasis Basis, string Kind, string Evidence, LocatedNode Origin,
    ImmutableArray<LocatedNode> Trail, bool IsLowerBound = false)
{
    /// <summary>For <see cref="SizeBasis.DataDependent"/>: the data the size grows with, in the call
    /// catalog's words ("the lines of a file", "the rows of a query").</summary>
    public string? DataSource { get; init; }

    /// <summary>True when the value is at least <paramref name="thresholdBytes"/>, or of a kind that
    /// normally is and whose size the code does not show.</summary>
    public bool IsLarge(double thresholdBytes) => Basis == SizeBasis.TypicallyLarge || Bytes >= thresholdBytes;

    /// <summary>Large, or growing with the program's data.</summary>
    public bool MayBeLarge(double thresholdBytes) => IsLarge(thresholdBytes) || Basis == SizeBasis.DataDependent;

    /// <summary>Orders facts for choosing the most telling of several: large computed sizes by bytes,
    /// then typically-large kinds, then data-dependent ones, then small sizes.</summary>
    public double Rank(double thresholdBytes) => Basis switch
    {
        SizeBasis.Computed when Bytes >= thresholdBytes => 1e30 + Bytes!.Value,
        SizeBasis.TypicallyLarge => 1e29,
        SizeBasis.DataDependent => 1e28,
        _ => Bytes ?? 0,
    };

    /// <summary>"about 80 MB", "grows with the lines of a file" or "size not shown in the code".</summary>
    public string SizeText => Bytes is { } b
        ? (IsLowerBound ? "at least " : "about ") + FormatBytes(b)
        : Basis == SizeBasis.DataDependent && DataSource is { } source ? $"grows with {source}" : "size not shown in the code";

    /// <summary>"about 80 MB: numpy.zeros((10000, 1000)) of float64".</summary>
    public string Describe() => $"{SizeText}: {Evidence}";

    /// <summary>The property value naming the basis: computed, typically-large, data-dependent.</summary>
    public string BasisName => Basis switch
    {
        SizeBasis.Computed => "computed",
        SizeBasis.TypicallyLarge => "typically-large",
        _ => "data-dependent",
    };

    /// <summary>The value reached the examined expression through a parameter: it is what one caller
    /// passes, not necessarily what every caller passes.</summary>
    public bool ViaParameter { get; init; }

    public SizeFact WithTrail(ImmutableArray<LocatedNode> trail) => this with { Trail = trail.AddRange(Trail) };

    /// <summary>Bytes in decimal units, two significant figures: "80 MB", "1.2 GB", "512 bytes".</summary>
    public static string FormatBytes(double bytes)
    {
        static string Figure(double v) => v >= 10 ? Math.Round(v).ToString("N0", CultureInfo.InvariantCulture) : v.ToString("0.#", CultureInfo.InvariantCulture);
        return bytes switch
        {
            >= 1e12 => Figure(bytes / 1e12) + " TB",
            >= 1e9 => Figure(bytes / 1e9) + " GB",
            >= 1e6 => Figure(bytes / 1e6) + " MB",
            >= 1e3 => Figure(bytes / 1e3) + " kB",
            _ => Math.Round(bytes).ToString("N0", CultureInfo.InvariantCulture) + " bytes",
        };
    }

    /// <summary>An integer with thousands separators, for evidence texts.</summary>
    public static string Count(double value) => Math.Round(value).ToString("N0", CultureInfo.InvariantCulture);
}
