using System.Reflection;

namespace GilScan.Cli;

/// <summary>gilscan's version and the identity of this exact build.</summary>
internal static class ToolVersion
{
    /// <summary>The semantic version of the package (csproj &lt;Version&gt;), as SARIF's driver reports it.</summary>
    public static string Current { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>
    /// The module version ids of the given assemblies: with deterministic builds they change exactly
    /// when the code does, so a development build with changed rules never reuses stale cache entries.
    /// </summary>
    public static string BuildIdentity(IEnumerable<Assembly> assemblies) => string.Join(
        ',',
        assemblies.Distinct().OrderBy(a => a.GetName().Name, StringComparer.Ordinal)
            .Select(a => $"{a.GetName().Name}:{a.ManifestModule.ModuleVersionId:N}"));
}
