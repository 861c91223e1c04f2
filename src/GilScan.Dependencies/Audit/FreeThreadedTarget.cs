using GilScan.Dependencies.Wheels;

namespace GilScan.Dependencies.Audit;

/// <summary>
/// The free-threaded interpreter an audit is for: CPython 3.13t or 3.14t (others parse, for the day the
/// knowledge base covers them), on a <see cref="TargetPlatform"/> (Linux x86_64 unless said otherwise).
/// Knows which wheel tags such an interpreter installs, following packaging's <c>tags.py</c>:
/// <c>cp3XY-cp3XYt-*</c>, and <c>none</c>-ABI tags for <c>py3</c>, <c>py3N</c> (N ≤ XY) or <c>cp3XY</c>;
/// never <c>abi3</c>, and no <c>abi3t</c> before 3.15; and only for the platform's tags.
/// </summary>
public sealed record FreeThreadedTarget(int Major, int Minor)
{
    /// <summary>The free-threaded builds CPython has released, newest first (the candidates for a project's default target).</summary>
    public static IReadOnlyList<FreeThreadedTarget> Released { get; } = [new(3, 14), new(3, 13)];

    /// <summary>The platform: it decides environment markers and which wheel platforms install.</summary>
    public TargetPlatform Platform { get; init; } = TargetPlatform.Default;

    /// <summary>"CPython 3.14t on Linux x86_64".</summary>
    public string Description => $"CPython {Name} on {Platform.Display}";

    public static FreeThreadedTarget Python313t { get; } = new(3, 13);
    public static FreeThreadedTarget Python314t { get; } = new(3, 14);

    /// <summary>The default target of an audit (free-threading is officially supported from 3.14, PEP 779).</summary>
    public static FreeThreadedTarget Default => Python314t;

    public string Name => $"{Major}.{Minor}t";

    /// <summary>The wheel ABI tag of this interpreter, e.g. "cp314t".</summary>
    public string AbiTag => $"cp{Major}{Minor}t";

    public string VersionDigits => $"{Major}{Minor}";

    public static bool TryParse(string text, out FreeThreadedTarget target)
    {
        target = null!;
        var trimmed = text.Trim().ToLowerInvariant();
        if (trimmed.StartsWith("cp", StringComparison.Ordinal) && trimmed.EndsWith('t') && trimmed.Length >= 5)
        {
            trimmed = $"{trimmed[2]}.{trimmed[3..^1]}t";
        }

        if (!trimmed.EndsWith('t'))
        {
            return false;
        }

        var parts = trimmed[..^1].Split('.');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor) || major != 3 || minor < 13)
        {
            return false;
        }

        target = new FreeThreadedTarget(major, minor);
        return true;
    }

    /// <summary>Whether an installer on this interpreter and platform would pick a wheel with <paramref name="tag"/>.</summary>
    public bool Installs(WheelTag tag) => InstallsOnSomePlatform(tag) && Platform.Installs(tag.Platform);

    /// <summary>Whether this interpreter takes <paramref name="tag"/>'s interpreter and ABI (on the platform the wheel is for).</summary>
    public bool InstallsOnSomePlatform(WheelTag tag)
    {
        if (tag.Abi == AbiTag)
        {
            return tag.Interpreter == $"cp{VersionDigits}";
        }

        if (tag.Abi == "abi3t")
        {
            return Minor >= 15 && CPythonAtMost(tag.Interpreter);
        }

        if (tag.Abi != "none")
        {
            return false;
        }

        return tag.Interpreter switch
        {
            "py3" => true,
            var py when py.StartsWith("py3", StringComparison.Ordinal) && int.TryParse(py[3..], out var n) => n <= Minor,
            var cp => cp == $"cp{VersionDigits}",
        };
    }

    /// <summary>Whether <paramref name="tag"/> is built for this interpreter's minor version at all (GIL or free-threaded).</summary>
    public bool IsForThisMinor(WheelTag tag) =>
        WheelTag.TryParseCPythonAbi(tag.Abi, out var digits, out _) && digits == VersionDigits;

    private bool CPythonAtMost(string interpreter) =>
        interpreter.StartsWith("cp3", StringComparison.Ordinal) && int.TryParse(interpreter[3..], out var n) && n <= Minor;

    public override string ToString() => Name;
}
