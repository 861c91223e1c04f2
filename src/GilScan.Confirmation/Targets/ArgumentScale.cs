using System.Globalization;
using GilScan.Analysis.Confirmation;

namespace GilScan.Confirmation.Targets;

/// <summary>
/// Whether, and how, the harness may change the integer arguments of a call (the sizes a user allowed
/// to be scaled with <c>scale</c> in <c>[tool.gilscan.confirm."module:function"]</c>). Constant-folded
/// sizes are often production sizes: <c>work(10**9)</c> would outlast any timeout. Only plain ints at
/// the top level of the arguments are scaled; bools, floats and nested values never are.
/// </summary>
public sealed record ArgumentScale
{
    private ArgumentScale(double? factor) => Factor = factor;

    /// <summary>Arguments are passed exactly as given.</summary>
    public static ArgumentScale None { get; } = new((double?)1.0);

    /// <summary>
    /// The harness chooses the factor on each interpreter so that one call takes about
    /// <see cref="ConfirmationSettings.TargetCallSeconds"/>, assuming the cost grows linearly with the ints.
    /// </summary>
    public static ArgumentScale Auto { get; } = new((double?)null);

    /// <summary>Every integer argument is multiplied by <paramref name="factor"/> (rounded, at least 1).</summary>
    public static ArgumentScale Fixed(double factor) =>
        double.IsFinite(factor) && factor > 0
            ? new ArgumentScale(factor)
            : throw new ArgumentOutOfRangeException(nameof(factor), factor, "A scale factor must be a positive finite number.");

    /// <summary>The fixed factor, or null for <see cref="Auto"/>.</summary>
    public double? Factor { get; }

    public bool IsAuto => Factor is null;

    public override string ToString() => Factor switch
    {
        null => "auto",
        1.0 => "none",
        var f => f.Value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>The value the harness's CONFIG["scale"] holds: None, "auto" or the factor.</summary>
    internal PythonValue ToHarnessValue() => Factor switch
    {
        null => "auto",
        1.0 => PythonValue.None,
        var f => f.Value,
    };
}
