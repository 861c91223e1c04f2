using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace GilScan.Reporting.Tests;

/// <summary>
/// Builds real extension modules from tests/native/ with gcc against the pyenv CPython 3.13 headers
/// (free-threaded ABI through -DPy_GIL_DISABLED=1, as tests/native/README.md explains), and packs
/// them into real wheels (METADATA, WHEEL, top_level.txt, RECORD with sha256 digests).
/// </summary>
internal static class NativeBuild
{
    public static string? Gcc { get; } = FindOnPath("gcc");

    public static string? Include { get; } = FindInclude();

    public static string? SkipReason =>
        Gcc is null ? "gcc is not on PATH: the end-to-end audit test builds real extension modules"
        : Include is null ? "CPython 3.13 headers not found (pyenv 3.13.x or GILSCAN_PYTHON313_PREFIX)"
        : null;

    /// <summary>Compiles gilscan_multiphase.c as module <paramref name="moduleName"/> for the free-threaded ABI; slot: null (none), 0 (USED) or 1 (NOT_USED).</summary>
    public static byte[] FreeThreadedModule(string moduleName, int? gilSlot, string workDirectory)
    {
        var output = Path.Combine(workDirectory, $"{moduleName}-{gilSlot?.ToString() ?? "none"}.so");
        var start = new ProcessStartInfo(Gcc!) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-shared", "-fPIC", "-O2", "-I", Include!, "-o", output, RepositoryRoot.Combine("tests", "native", "gilscan_multiphase.c"),
                     "-DPy_GIL_DISABLED=1", $"-DGILSCAN_MODULE_NAME={moduleName}" })
        {
            start.ArgumentList.Add(argument);
        }

        if (gilSlot is { } slot)
        {
            start.ArgumentList.Add($"-DGILSCAN_GIL_SLOT={slot}");
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, errors);
        return File.ReadAllBytes(output);
    }

    /// <summary>Writes <c>{name}-{version}-{tag}.whl</c> into <paramref name="directory"/> and returns its path.</summary>
    public static string Wheel(string directory, string distribution, string version, string tag, string topLevel, IReadOnlyList<(string Path, byte[] Content)> files)
    {
        var stem = $"{distribution.Replace('-', '_')}-{version}";
        var distInfo = $"{stem}.dist-info";
        var all = files.ToList();
        all.Add(($"{distInfo}/METADATA", Encoding.UTF8.GetBytes($"Metadata-Version: 2.1\nName: {distribution}\nVersion: {version}\n")));
        all.Add(($"{distInfo}/WHEEL", Encoding.UTF8.GetBytes($"Wheel-Version: 1.0\nGenerator: gilscan-tests (1.0)\nRoot-Is-Purelib: false\nTag: {tag}\n")));
        all.Add(($"{distInfo}/top_level.txt", Encoding.UTF8.GetBytes(topLevel + "\n")));
        var record = new StringBuilder();
        foreach (var (path, content) in all)
        {
            var digest = Convert.ToBase64String(SHA256.HashData(content)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            record.Append($"{path},sha256={digest},{content.Length}\n");
        }

        record.Append($"{distInfo}/RECORD,,\n");
        all.Add(($"{distInfo}/RECORD", Encoding.UTF8.GetBytes(record.ToString())));
        var wheel = Path.Combine(directory, $"{stem}-{tag}.whl");
        Directory.CreateDirectory(directory);
        using var zip = ZipFile.Open(wheel, ZipArchiveMode.Create);
        foreach (var (path, content) in all)
        {
            using var entry = zip.CreateEntry(path).Open();
            entry.Write(content);
        }

        return wheel;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, name)).FirstOrDefault(File.Exists);

    private static string? FindInclude()
    {
        var prefixes = new List<string>();
        if (Environment.GetEnvironmentVariable("GILSCAN_PYTHON313_PREFIX") is { Length: > 0 } configured)
        {
            prefixes.Add(configured);
        }

        var versions = Path.Combine(Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv"), "versions");
        if (Directory.Exists(versions))
        {
            prefixes.AddRange(Directory.EnumerateDirectories(versions, "3.13*").Where(d => !d.EndsWith('t')).Order(StringComparer.Ordinal));
        }

        return prefixes.Select(p => Path.Combine(p, "include", "python3.13")).FirstOrDefault(d => File.Exists(Path.Combine(d, "Python.h")));
    }
}

/// <summary>A fact that needs gcc and the CPython 3.13 headers: skipped with the reason when they are missing.</summary>
public sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute() => Skip = NativeBuild.SkipReason;
}
