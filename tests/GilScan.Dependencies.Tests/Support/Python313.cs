namespace GilScan.Dependencies.Tests.Support;

/// <summary>
/// The local CPython 3.13 (a GIL build, from pyenv): its headers build the test modules, and its
/// interpreter proves the GIL-build modules are real by importing them. GILSCAN_PYTHON313_PREFIX
/// overrides where it is looked for.
/// </summary>
internal static class Python313
{
    public static string? Prefix { get; } = FindPrefix();

    public static string? IncludeDirectory =>
        Prefix is { } prefix && File.Exists(Path.Combine(prefix, "include", "python3.13", "Python.h"))
            ? Path.Combine(prefix, "include", "python3.13")
            : null;

    public static string? Interpreter =>
        Prefix is { } prefix && File.Exists(Path.Combine(prefix, "bin", "python3.13")) ? Path.Combine(prefix, "bin", "python3.13") : null;

    private static string? FindPrefix()
    {
        if (Environment.GetEnvironmentVariable("GILSCAN_PYTHON313_PREFIX") is { Length: > 0 } configured && Directory.Exists(configured))
        {
            return configured;
        }

        var pyenvRoot = Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
        var versions = Path.Combine(pyenvRoot, "versions");
        if (!Directory.Exists(versions))
        {
            return null;
        }

        return Directory.EnumerateDirectories(versions, "3.13*")
            .Where(d => !Path.GetFileName(d).EndsWith('t'))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
