namespace GilScan.Dependencies.Audit;

/// <summary>The operating-system family a target runs on; it decides the marker values and the wheel platforms.</summary>
public enum PlatformFamily
{
    Linux,
    MuslLinux,
    MacOS,
    Windows,
}

/// <summary>
/// The platform an audit is for (<c>--platform</c>; Linux x86_64 with glibc by default, where most
/// services run). It fixes the environment-marker values (<c>sys_platform</c>, <c>platform_system</c>,
/// <c>os_name</c>, <c>platform_machine</c>, as CPython reports them there) and which wheel platform tags
/// install (packaging's <c>tags.py</c>: manylinux and plain linux tags for glibc Linux, musllinux for
/// musl, macosx with universal2 on macOS, win_amd64/win_arm64 on Windows).
/// </summary>
public sealed record TargetPlatform(PlatformFamily Family, string Machine)
{
    public static TargetPlatform LinuxX86_64 { get; } = new(PlatformFamily.Linux, "x86_64");

    public static TargetPlatform Default => LinuxX86_64;

    /// <summary>The names <c>--platform</c> takes, for help texts.</summary>
    public const string Choices = "linux-x86_64, linux-aarch64, musllinux-x86_64, musllinux-aarch64, macos-arm64, macos-x86_64, windows-amd64, windows-arm64";

    /// <summary>"linux-x86_64", "macos-arm64", "windows-amd64".</summary>
    public string Name => $"{SystemKey}-{Machine}";

    /// <summary>"Linux x86_64", "macOS arm64", for sentences.</summary>
    public string Display => Family switch
    {
        PlatformFamily.Linux => $"Linux {Machine}",
        PlatformFamily.MuslLinux => $"Linux (musl) {Machine}",
        PlatformFamily.MacOS => $"macOS {Machine}",
        _ => $"Windows {Machine}",
    };

    private string SystemKey => Family switch
    {
        PlatformFamily.Linux => "linux",
        PlatformFamily.MuslLinux => "musllinux",
        PlatformFamily.MacOS => "macos",
        _ => "windows",
    };

    public string SysPlatform => Family switch
    {
        PlatformFamily.MacOS => "darwin",
        PlatformFamily.Windows => "win32",
        _ => "linux",
    };

    public string PlatformSystem => Family switch
    {
        PlatformFamily.MacOS => "Darwin",
        PlatformFamily.Windows => "Windows",
        _ => "Linux",
    };

    public string OsName => Family == PlatformFamily.Windows ? "nt" : "posix";

    /// <summary><c>platform.machine()</c>: Windows spells its architectures in capitals.</summary>
    public string PlatformMachine => Family == PlatformFamily.Windows ? Machine.ToUpperInvariant() : Machine;

    /// <summary>Parses a <c>--platform</c> value: see <see cref="Choices"/>; "linux", "macos", "windows" alone mean the usual architecture.</summary>
    public static bool TryParse(string text, out TargetPlatform platform)
    {
        platform = null!;
        var value = text.Trim().ToLowerInvariant().Replace('_', '-');
        var dash = value.IndexOf('-');
        var system = dash < 0 ? value : value[..dash];
        var machine = dash < 0 ? null : value[(dash + 1)..].Replace('-', '_');
        PlatformFamily? os = system switch
        {
            "linux" or "manylinux" => PlatformFamily.Linux,
            "musllinux" or "musl" or "alpine" => PlatformFamily.MuslLinux,
            "macos" or "macosx" or "darwin" or "osx" => PlatformFamily.MacOS,
            "windows" or "win" or "win32" => PlatformFamily.Windows,
            _ => null,
        };
        if (os is null)
        {
            return false;
        }

        machine = (os, machine) switch
        {
            (_, null) => os == PlatformFamily.MacOS ? "arm64" : os == PlatformFamily.Windows ? "amd64" : "x86_64",
            (PlatformFamily.Linux or PlatformFamily.MuslLinux, "x86_64" or "amd64" or "x64") => "x86_64",
            (PlatformFamily.Linux or PlatformFamily.MuslLinux, "aarch64" or "arm64") => "aarch64",
            (PlatformFamily.MacOS, "arm64" or "aarch64") => "arm64",
            (PlatformFamily.MacOS, "x86_64" or "amd64" or "x64" or "intel") => "x86_64",
            (PlatformFamily.Windows, "amd64" or "x86_64" or "x64") => "amd64",
            (PlatformFamily.Windows, "arm64" or "aarch64") => "arm64",
            _ => null,
        };
        if (machine is null)
        {
            return false;
        }

        platform = new TargetPlatform(os.Value, machine);
        return true;
    }

    /// <summary>Whether a wheel's platform tag (one of its expanded tags) installs here.</summary>
    public bool Installs(string platformTag)
    {
        if (platformTag == "any")
        {
            return true;
        }

        switch (Family)
        {
            case PlatformFamily.Linux:
                return platformTag == $"linux_{Machine}"
                       || (platformTag.StartsWith("manylinux", StringComparison.Ordinal) && platformTag.EndsWith("_" + Machine, StringComparison.Ordinal));
            case PlatformFamily.MuslLinux:
                return platformTag == $"linux_{Machine}"
                       || (platformTag.StartsWith("musllinux_", StringComparison.Ordinal) && platformTag.EndsWith("_" + Machine, StringComparison.Ordinal));
            case PlatformFamily.MacOS:
                if (!platformTag.StartsWith("macosx_", StringComparison.Ordinal))
                {
                    return false;
                }

                // macosx_<major>_<minor>_<arch>, where the architecture may itself hold '_' (x86_64).
                var parts = platformTag["macosx_".Length..].Split('_', 3);
                var arch = parts.Length == 3 ? parts[2] : string.Empty;
                return arch == Machine || arch == "universal2"
                       || (Machine == "x86_64" && arch is "intel" or "universal" or "fat64" or "fat3" or "fat32");
            default:
                return platformTag == $"win_{Machine}";
        }
    }

    public override string ToString() => Name;
}
