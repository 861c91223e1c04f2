using GilScan.Dependencies.Binary;

namespace GilScan.Dependencies.Tests.Support;

/// <summary>One test module built by gcc: how it was built and where the file is.</summary>
internal sealed record BuiltModule(string Key, string ModuleName, string FileName, string Path, bool FreeThreadedAbi)
{
    public byte[] Bytes() => File.ReadAllBytes(Path);

    public ExtensionModuleScan Scan() => ExtensionScanner.Scan(FileName, Bytes());
}

/// <summary>
/// Builds the real extension modules of tests/native/ with gcc against the CPython 3.13 headers, once per
/// test run, into a temporary directory. Free-threaded-ABI variants are compiled with
/// <c>-DPy_GIL_DISABLED=1</c>: 3.13's headers are shared between the two builds and differ only in that
/// macro (set by the free-threaded pyconfig.h), which is also how Windows builds select the ABI
/// (free-threading-extensions how-to). Such modules cannot be imported by the local GIL interpreter.
/// </summary>
public sealed class NativeModules : IDisposable
{
    private readonly Dictionary<string, BuiltModule> _modules = new(StringComparer.Ordinal);

    public NativeModules()
    {
        var gcc = ProcessRunner.FindOnPath("gcc");
        var include = Python313.IncludeDirectory;
        if (gcc is null || include is null)
        {
            SkipReason = gcc is null
                ? "gcc is not on PATH: the binary-scan tests need it to build real extension modules"
                : "CPython 3.13 headers not found (pyenv 3.13.x or GILSCAN_PYTHON313_PREFIX): needed to build test modules";
            Directory = "";
            return;
        }

        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gilscan-native-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        const string linuxTag = "x86_64-linux-gnu";
        var multiphase = RepositoryPaths.NativeSource("gilscan_multiphase.c");
        var singlephase = RepositoryPaths.NativeSource("gilscan_singlephase.c");
        var builds = new (string Key, string Module, string Source, bool FreeThreaded, string[] Defines, string Suffix, string[] Extra)[]
        {
            ("gil_notused", "mp_gil_notused", multiphase, false, ["GILSCAN_GIL_SLOT=1"], $".cpython-313-{linuxTag}.so", []),
            ("gil_used", "mp_gil_used", multiphase, false, ["GILSCAN_GIL_SLOT=0"], $".cpython-313-{linuxTag}.so", []),
            ("gil_noslot", "mp_gil_noslot", multiphase, false, [], $".cpython-313-{linuxTag}.so", []),
            ("gil_single", "sp_gil", singlephase, false, [], $".cpython-313-{linuxTag}.so", []),
            ("ft_notused", "mp_ft_notused", multiphase, true, ["GILSCAN_GIL_SLOT=1"], $".cpython-313t-{linuxTag}.so", []),
            ("ft_used", "mp_ft_used", multiphase, true, ["GILSCAN_GIL_SLOT=0"], $".cpython-313t-{linuxTag}.so", []),
            ("ft_noslot", "mp_ft_noslot", multiphase, true, [], $".cpython-313t-{linuxTag}.so", []),
            ("ft_setgil", "sp_ft_setgil", singlephase, true, [], $".cpython-313t-{linuxTag}.so", []),
            ("ft_single_nosetgil", "sp_ft_plain", singlephase, true, ["GILSCAN_NO_SETGIL=1"], $".cpython-313t-{linuxTag}.so", []),
            ("ft_notused_314", "mp_ft314_notused", multiphase, true, ["GILSCAN_GIL_SLOT=1"], $".cpython-314t-{linuxTag}.so", []),
            ("ft_notused_relr", "mp_ft_relr", multiphase, true, ["GILSCAN_GIL_SLOT=1"], $".cpython-313t-{linuxTag}.so", ["-Wl,-z,pack-relative-relocs"]),
            ("ft_notused_untagged", "mp_ft_untagged", multiphase, true, ["GILSCAN_GIL_SLOT=1"], ".so", []),
            ("abi3", "gilscan_limited", RepositoryPaths.NativeSource("gilscan_limited.c"), false, [], ".abi3.so", []),
            ("cdll", "libgilscan_cdll", RepositoryPaths.NativeSource("gilscan_cdll.c"), false, [], ".so", []),
        };
        var failures = new List<string>();
        Parallel.ForEach(builds, new ParallelOptions { MaxDegreeOfParallelism = 2 }, build =>
        {
            var fileName = build.Module + build.Suffix;
            var output = System.IO.Path.Combine(Directory, fileName);
            var arguments = new List<string> { "-shared", "-fPIC", "-O2", "-I", include, "-o", output, build.Source };
            arguments.AddRange(build.Defines.Select(d => "-D" + d));
            arguments.Add($"-DGILSCAN_MODULE_NAME={build.Module}");
            if (build.FreeThreaded)
            {
                arguments.Add("-DPy_GIL_DISABLED=1");
            }

            arguments.AddRange(build.Extra);
            var result = ProcessRunner.Run(gcc, arguments);
            lock (_modules)
            {
                if (result.ExitCode != 0)
                {
                    failures.Add($"{build.Key}: {result.StandardError.Trim()}");
                }
                else
                {
                    _modules[build.Key] = new BuiltModule(build.Key, build.Module, fileName, output, build.FreeThreaded);
                }
            }
        });
        if (failures.Count > 0)
        {
            // The RELR variant needs binutils >= 2.38; everything else must build.
            var fatal = failures.Where(f => !f.StartsWith("ft_notused_relr:", StringComparison.Ordinal)).ToList();
            if (fatal.Count > 0)
            {
                throw new InvalidOperationException("gcc failed: " + string.Join("\n", fatal));
            }
        }
    }

    /// <summary>Why the native tests cannot run here, or null when they can.</summary>
    public string? SkipReason { get; }

    public string Directory { get; }

    internal BuiltModule this[string key] => _modules[key];

    internal bool Has(string key) => _modules.ContainsKey(key);

    public void Dispose()
    {
        if (Directory.Length > 0 && System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class NativeModulesCollection : ICollectionFixture<NativeModules>
{
    public const string Name = "native modules";
}
