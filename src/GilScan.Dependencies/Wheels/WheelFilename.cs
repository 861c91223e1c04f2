using GilScan.Dependencies.Model;
using GilScan.Dependencies.Versions;

namespace GilScan.Dependencies.Wheels;

/// <summary>
/// A wheel file name per the binary distribution format spec:
/// <c>{distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl</c>, where each
/// tag may be a compressed set joined by '.' ("py2.py3", "manylinux_2_17_x86_64.manylinux2014_x86_64",
/// "abi3.abi3t") that expands to the cartesian product, as packaging's <c>parse_tag</c> does.
/// </summary>
public sealed record WheelFilename(
    string FileName,
    string Distribution,
    string VersionText,
    Pep440Version? Version,
    string? BuildTag,
    IReadOnlyList<string> InterpreterTags,
    IReadOnlyList<string> AbiTags,
    IReadOnlyList<string> PlatformTags)
{
    public string NormalizedName => DistributionName.Normalize(Distribution);

    public IReadOnlyList<WheelTag> Tags { get; } =
        (from py in InterpreterTags from abi in AbiTags from plat in PlatformTags select new WheelTag(py, abi, plat))
        .ToArray();

    public static bool TryParse(string fileName, out WheelFilename wheel, out string? error)
    {
        wheel = null!;
        error = null;
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        if (!name.EndsWith(".whl", StringComparison.OrdinalIgnoreCase))
        {
            error = $"'{name}' is not a wheel file name (no .whl suffix)";
            return false;
        }

        var parts = name[..^4].Split('-');
        if (parts.Length is not (5 or 6))
        {
            error = $"'{name}' is not a wheel file name: expected 5 or 6 dash-separated fields, found {parts.Length}";
            return false;
        }

        if (parts.Any(p => p.Length == 0))
        {
            error = $"'{name}' is not a wheel file name: empty field";
            return false;
        }

        string? build = null;
        if (parts.Length == 6)
        {
            build = parts[2];
            if (!char.IsAsciiDigit(build[0]))
            {
                error = $"'{name}' has a build tag '{build}' that does not start with a digit";
                return false;
            }
        }

        var version = Pep440Version.TryParse(parts[1], out var parsed) ? parsed : null;
        wheel = new WheelFilename(
            name,
            parts[0],
            parts[1],
            version,
            build,
            parts[^3].ToLowerInvariant().Split('.'),
            parts[^2].ToLowerInvariant().Split('.'),
            parts[^1].ToLowerInvariant().Split('.'));
        return true;
    }

    public static WheelFilename? TryParse(string fileName) => TryParse(fileName, out var wheel, out _) ? wheel : null;
}
