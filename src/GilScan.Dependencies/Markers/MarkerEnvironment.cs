using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Model;

namespace GilScan.Dependencies.Markers;

/// <summary>
/// The values environment markers read, for one free-threaded target: CPython X.Y.0 on the target's
/// platform, with the free-threading ABI feature (PEP 780). Values the target does not fix
/// (<c>platform_release</c>, <c>platform_version</c>, and <c>extra</c> unless one is named) are unknown,
/// so markers that read them evaluate to unknown rather than to a guess.
/// </summary>
public sealed class MarkerEnvironment
{
    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        ["python_version"] = "python_version",
        ["python_full_version"] = "python_full_version",
        ["os_name"] = "os_name",
        ["sys_platform"] = "sys_platform",
        ["platform_release"] = "platform_release",
        ["platform_system"] = "platform_system",
        ["platform_version"] = "platform_version",
        ["platform_machine"] = "platform_machine",
        ["platform_python_implementation"] = "platform_python_implementation",
        ["implementation_name"] = "implementation_name",
        ["implementation_version"] = "implementation_version",
        ["extra"] = "extra",
        ["extras"] = "extras",
        ["dependency_groups"] = "dependency_groups",
        ["sys_abi_features"] = "sys_abi_features",
        // Legacy spellings (PEP 345/426 era) that old metadata and packaging still accept.
        ["os.name"] = "os_name",
        ["sys.platform"] = "sys_platform",
        ["platform.version"] = "platform_version",
        ["platform.machine"] = "platform_machine",
        ["platform.python_implementation"] = "platform_python_implementation",
        ["python_implementation"] = "platform_python_implementation",
    };

    private readonly Dictionary<string, string?> _values;
    private readonly IReadOnlySet<string>? _extras;

    private MarkerEnvironment(Dictionary<string, string?> values, IReadOnlySet<string>? extras)
    {
        _values = values;
        _extras = extras;
    }

    /// <summary>The environment of <paramref name="target"/> on its platform; extras unknown.</summary>
    public static MarkerEnvironment For(FreeThreadedTarget target)
    {
        var platform = target.Platform;
        var full = $"{target.Major}.{target.Minor}.0";
        return new MarkerEnvironment(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["python_version"] = $"{target.Major}.{target.Minor}",
            ["python_full_version"] = full,
            ["implementation_version"] = full,
            ["implementation_name"] = "cpython",
            ["platform_python_implementation"] = "CPython",
            ["os_name"] = platform.OsName,
            ["sys_platform"] = platform.SysPlatform,
            ["platform_system"] = platform.PlatformSystem,
            ["platform_machine"] = platform.PlatformMachine,
            ["platform_release"] = null,
            ["platform_version"] = null,
            ["extra"] = null,
        }, null);
    }

    /// <summary>The same environment with the given extras requested (markers reading <c>extra</c> then decide).</summary>
    public MarkerEnvironment WithExtras(IEnumerable<string> extras)
    {
        var set = extras.Select(DistributionName.Normalize).ToHashSet(StringComparer.Ordinal);
        var values = new Dictionary<string, string?>(_values, StringComparer.Ordinal);
        // One extra at a time is what a single comparison can test; several make "extra == x" depend on x.
        values["extra"] = set.Count == 1 ? set.First() : null;
        return new MarkerEnvironment(values, set);
    }

    /// <summary>The PEP 508 name of a marker variable (legacy dotted names mapped), or null when it is none.</summary>
    public static string? CanonicalVariable(string name) => Variables.GetValueOrDefault(name);

    public static bool IsSetVariable(string variable) => variable is "extras" or "dependency_groups" or "sys_abi_features";

    /// <summary>The value of a string variable, or null when the target does not fix it.</summary>
    public string? ValueOf(string variable) => _values.GetValueOrDefault(variable);

    /// <summary>The members of a set variable, or null when unknown.</summary>
    public IReadOnlySet<string>? SetOf(string variable) => variable switch
    {
        "sys_abi_features" => FreeThreadingFeatures,
        "extras" => _extras,
        _ => null,
    };

    // PEP 780: a free-threaded CPython has "free-threading" and not "gil-enabled"; every target here is 64-bit.
    private static readonly IReadOnlySet<string> FreeThreadingFeatures = new HashSet<string>(StringComparer.Ordinal) { "free-threading", "64-bit" };
}
