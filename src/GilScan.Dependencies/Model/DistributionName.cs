using System.Text.RegularExpressions;

namespace GilScan.Dependencies.Model;

/// <summary>
/// Project-name normalisation from the packaging "name normalization" spec (PEP 503): lower case, and
/// every run of '-', '_' and '.' becomes a single '-'. Lockfiles, wheels and METADATA spell names
/// differently ("PyYAML", "pyyaml", "ruamel.yaml.clib", "ruamel_yaml_clib"); all lookups use this form.
/// </summary>
public static partial class DistributionName
{
    public static string Normalize(string name) => SeparatorRun().Replace(name.Trim(), "-").ToLowerInvariant();

    /// <summary>Names as PEP 508 allows them: letters/digits at both ends, '-', '_', '.' inside.</summary>
    public static bool IsValid(string name) => ValidName().IsMatch(name);

    [GeneratedRegex("[-_.]+")]
    private static partial Regex SeparatorRun();

    [GeneratedRegex("^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$")]
    private static partial Regex ValidName();
}
