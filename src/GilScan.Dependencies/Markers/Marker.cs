using GilScan.Dependencies.Model;
using GilScan.Dependencies.Versions;

namespace GilScan.Dependencies.Markers;

/// <summary>
/// A parsed PEP 508 environment marker ("python_full_version &lt; '3.11' and sys_platform != 'win32'").
/// Evaluation is three-valued: a marker that reads a value the target does not fix (the kernel release,
/// an extra that nobody named) is <c>null</c>, unknown, and an audit keeps the package rather than
/// guessing it away. <see cref="Text"/> is the marker as written, for the report.
/// </summary>
public abstract record Marker
{
    public required string Text { get; init; }

    /// <summary>True or false when the environment decides the marker; null when it depends on a value it does not fix.</summary>
    public abstract bool? Evaluate(MarkerEnvironment environment);

    /// <summary>Whether the marker can hold in <paramref name="environment"/> (true or unknown).</summary>
    public bool MayHold(MarkerEnvironment environment) => Evaluate(environment) != false;

    public override string ToString() => Text;
}

/// <summary><c>left and right</c>: false when either is false.</summary>
public sealed record AndMarker(Marker Left, Marker Right) : Marker
{
    public override bool? Evaluate(MarkerEnvironment environment) => (Left.Evaluate(environment), Right.Evaluate(environment)) switch
    {
        (false, _) or (_, false) => false,
        (true, true) => true,
        _ => null,
    };
}

/// <summary><c>left or right</c>: true when either is true.</summary>
public sealed record OrMarker(Marker Left, Marker Right) : Marker
{
    public override bool? Evaluate(MarkerEnvironment environment) => (Left.Evaluate(environment), Right.Evaluate(environment)) switch
    {
        (true, _) or (_, true) => true,
        (false, false) => false,
        _ => null,
    };
}

/// <summary>One side of a comparison: an environment variable or a quoted string.</summary>
public sealed record MarkerValue(string Text, bool IsVariable);

/// <summary>
/// <c>lhs op rhs</c>, compared as packaging's <c>markers.py</c> does: when the operator and the right-hand
/// side form a valid PEP 440 specifier, the left-hand side is matched against it as a version
/// (pre-releases included); otherwise the two are compared as strings (<c>in</c> is a substring test).
/// <c>extra</c> values are compared in their normalised form.
/// </summary>
public sealed record ComparisonMarker(MarkerValue Left, string Operator, MarkerValue Right) : Marker
{
    public override bool? Evaluate(MarkerEnvironment environment)
    {
        // Set-valued variables (PEP 751's extras and dependency_groups, PEP 780's sys_abi_features) sit on the right of "in".
        if (Right.IsVariable && Operator is "in" or "not in" && MarkerEnvironment.IsSetVariable(Right.Text))
        {
            if (Left.IsVariable)
            {
                return null;
            }

            var set = environment.SetOf(Right.Text);
            if (set is null)
            {
                return null;
            }

            var member = Right.Text is "extras" or "dependency_groups" ? DistributionName.Normalize(Left.Text) : Left.Text;
            var contains = set.Contains(member);
            return Operator == "in" ? contains : !contains;
        }

        var left = Resolve(Left, environment);
        var right = Resolve(Right, environment);
        if (left is null || right is null)
        {
            return null;
        }

        if (Left.Text == "extra" || Right.Text == "extra")
        {
            left = DistributionName.Normalize(left);
            right = DistributionName.Normalize(right);
        }

        if (Operator is not ("in" or "not in") && VersionSpecifier.TryParse(Operator + right, out var specifier)
            && Pep440Version.TryParse(left, out var version))
        {
            return specifier.IsSatisfiedBy(version);
        }

        return Operator switch
        {
            "==" or "===" => string.Equals(left, right, StringComparison.Ordinal),
            "!=" => !string.Equals(left, right, StringComparison.Ordinal),
            "<" => string.CompareOrdinal(left, right) < 0,
            "<=" => string.CompareOrdinal(left, right) <= 0,
            ">" => string.CompareOrdinal(left, right) > 0,
            ">=" => string.CompareOrdinal(left, right) >= 0,
            "in" => right.Contains(left, StringComparison.Ordinal),
            "not in" => !right.Contains(left, StringComparison.Ordinal),
            // "~=" with a value that is no version: packaging raises; nothing can be said.
            _ => null,
        };
    }

    private static string? Resolve(MarkerValue value, MarkerEnvironment environment) =>
        value.IsVariable ? environment.ValueOf(value.Text) : value.Text;
}
