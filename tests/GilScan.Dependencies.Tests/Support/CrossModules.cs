namespace GilScan.Dependencies.Tests.Support;

/// <summary>
/// Builds tests/native/gilscan_portable.c with clang and lld into real binaries of the formats and
/// targets the local gcc cannot produce: Mach-O (arm64, x86_64, and a universal2 fat file made with
/// llvm-lipo), PE .pyd for x64 and x86 linked against a <c>python313t.dll</c>/<c>python313.dll</c>
/// import library made by llvm-dlltool, and ELF for i686 (REL relocations), aarch64 and big-endian
/// ppc64. Needs Debian's clang, lld and llvm packages; skipped with a message otherwise, except under
/// CI=true, where they must be installed (<see cref="OptionalTools"/>).
/// </summary>
public sealed class CrossModules : IDisposable
{
    private readonly Dictionary<string, BuiltModule> _modules = new(StringComparer.Ordinal);

    public CrossModules()
    {
        var clang = Tool("clang");
        var ld64 = Tool("ld64.lld");
        var lldLink = Tool("lld-link");
        var ldLld = Tool("ld.lld");
        var lipo = Tool("llvm-lipo");
        var dlltool = Tool("llvm-dlltool");
        var missing = new[] { ("clang", clang), ("ld64.lld", ld64), ("lld-link", lldLink), ("ld.lld", ldLld), ("llvm-lipo", lipo), ("llvm-dlltool", dlltool) }
            .Where(t => t.Item2 is null).Select(t => t.Item1).ToList();
        if (missing.Count > 0)
        {
            var reason = $"{string.Join(", ", missing)} not found: the PE/Mach-O/cross-ELF tests need Debian's clang, lld and llvm packages (apt-get install clang lld llvm)";
            SkipReason = OptionalTools.SkipReason(reason) ?? throw new InvalidOperationException(reason + "; CI=true requires them");
            Directory = "";
            return;
        }

        Directory = Path.Combine(Path.GetTempPath(), "gilscan-cross-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        var source = RepositoryPaths.NativeSource("gilscan_portable.c");

        string Compile(string target, string module, bool freeThreaded, int? gilSlot, string objectName)
        {
            var output = Path.Combine(Directory, objectName);
            var arguments = new List<string> { $"--target={target}", "-ffreestanding", "-c", "-O2", $"-DGILSCAN_MODULE_NAME={module}", source, "-o", output };
            if (!target.Contains("windows", StringComparison.Ordinal))
            {
                arguments.Add("-fPIC");
            }
            if (freeThreaded)
            {
                arguments.Add("-DGILSCAN_FREE_THREADED");
            }

            if (gilSlot is { } value)
            {
                arguments.Add($"-DGILSCAN_GIL_SLOT={value}");
            }

            Run(clang!, arguments.ToArray());
            return output;
        }

        void Add(string key, string module, string fileName, bool freeThreaded) =>
            _modules[key] = new BuiltModule(key, module, fileName, Path.Combine(Directory, fileName), freeThreaded);

        // Mach-O thin and fat (classic rebase opcodes: lld 14 writes LC_DYLD_INFO_ONLY).
        var arm64 = Compile("arm64-apple-macos11", "mac_notused", true, 1, "mac_arm64.o");
        Run(ld64!, ["-arch", "arm64", "-platform_version", "macos", "11.0", "11.0", "-bundle", "-undefined", "dynamic_lookup", "-o", Path.Combine(Directory, "mac_arm64.so"), arm64]);
        var x64Declared = Compile("x86_64-apple-macos10.12", "mac_notused", true, 1, "mac_x64_declared.o");
        Run(ld64!, ["-arch", "x86_64", "-platform_version", "macos", "10.12", "10.12", "-bundle", "-undefined", "dynamic_lookup", "-o", Path.Combine(Directory, "mac_x64_declared.so"), x64Declared]);
        var x64Plain = Compile("x86_64-apple-macos10.12", "mac_notused", true, null, "mac_x64_plain.o");
        Run(ld64!, ["-arch", "x86_64", "-platform_version", "macos", "10.12", "10.12", "-bundle", "-undefined", "dynamic_lookup", "-o", Path.Combine(Directory, "mac_x64_plain.so"), x64Plain]);
        File.Copy(Path.Combine(Directory, "mac_arm64.so"), Path.Combine(Directory, "mac_notused.cpython-313t-darwin.so"));
        Add("macho_arm64", "mac_notused", "mac_notused.cpython-313t-darwin.so", true);
        Run(lipo!, ["-create", Path.Combine(Directory, "mac_arm64.so"), Path.Combine(Directory, "mac_x64_declared.so"), "-output", Path.Combine(Directory, "fat", "mac_notused.cpython-313t-darwin.so")], createOutputDirectory: true);
        _modules["macho_fat_declared"] = new BuiltModule("macho_fat_declared", "mac_notused", "mac_notused.cpython-313t-darwin.so", Path.Combine(Directory, "fat", "mac_notused.cpython-313t-darwin.so"), true);
        Run(lipo!, ["-create", Path.Combine(Directory, "mac_arm64.so"), Path.Combine(Directory, "mac_x64_plain.so"), "-output", Path.Combine(Directory, "fatmixed", "mac_notused.cpython-313t-darwin.so")], createOutputDirectory: true);
        _modules["macho_fat_mixed"] = new BuiltModule("macho_fat_mixed", "mac_notused", "mac_notused.cpython-313t-darwin.so", Path.Combine(Directory, "fatmixed", "mac_notused.cpython-313t-darwin.so"), true);

        // PE: import libraries for the interpreter DLLs, then x64 and x86 DLLs.
        string ImportLibrary(string dll, string machine, bool freeThreaded)
        {
            var definition = Path.Combine(Directory, $"{dll}-{machine}.def");
            var symbols = freeThreaded ? "_Py_MergeZeroLocalRefcount\n_Py_DecRefShared\n" : "_Py_Dealloc\n";
            File.WriteAllText(definition, $"LIBRARY {dll}.dll\nEXPORTS\nPyModuleDef_Init\nPyLong_FromLong\nPyLong_AsLong\n{symbols}");
            var library = Path.Combine(Directory, $"{dll}-{machine}.lib");
            Run(dlltool!, ["-m", machine, "-d", definition, "-l", library]);
            return library;
        }

        void LinkPe(string target, string lldMachine, string dlltoolMachine, string key, string module, string fileName, bool freeThreaded, int? gilSlot)
        {
            var obj = Compile(target, module, freeThreaded, gilSlot, key + ".obj");
            var library = ImportLibrary(freeThreaded ? "python313t" : "python313", dlltoolMachine, freeThreaded);
            Run(lldLink!, ["/dll", "/noentry", "/nodefaultlib", $"/machine:{lldMachine}", $"/out:{Path.Combine(Directory, fileName)}", obj, library]);
            Add(key, module, fileName, freeThreaded);
        }

        LinkPe("x86_64-pc-windows-msvc", "x64", "i386:x86-64", "pe64_ft_notused", "win_notused", "win_notused.cp313t-win_amd64.pyd", true, 1);
        LinkPe("x86_64-pc-windows-msvc", "x64", "i386:x86-64", "pe64_gil_noslot", "win_noslot", "win_noslot.cp313-win_amd64.pyd", false, null);
        LinkPe("x86_64-pc-windows-msvc", "x64", "i386:x86-64", "pe64_ft_untagged_used", "win_used", "win_used.pyd", true, 0);
        LinkPe("i686-pc-windows-msvc", "x86", "i386", "pe32_ft_notused", "win32_notused", "win32_notused.cp313t-win32.pyd", true, 1);

        // ELF for other machines: i686 uses REL (addends in place), ppc64 is big-endian RELA.
        void LinkElf(string target, string key, string module, string fileName, int? gilSlot)
        {
            var obj = Compile(target, module, true, gilSlot, key + ".o");
            Run(ldLld!, ["-shared", "-o", Path.Combine(Directory, fileName), obj]);
            Add(key, module, fileName, true);
        }

        LinkElf("i686-linux-gnu", "elf_i686_notused", "i686_notused", "i686_notused.cpython-313t-i386-linux-gnu.so", 1);
        LinkElf("powerpc64-linux-gnu", "elf_ppc64_notused", "ppc64_notused", "ppc64_notused.cpython-313t-powerpc64-linux-gnu.so", 1);
        LinkElf("aarch64-linux-gnu", "elf_aarch64_used", "aarch64_used", "aarch64_used.cpython-313t-aarch64-linux-gnu.so", 0);
    }

    public string? SkipReason { get; }

    public string Directory { get; }

    internal BuiltModule this[string key] => _modules[key];

    public void Dispose()
    {
        if (Directory.Length > 0 && System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private static void Run(string tool, string[] arguments, bool createOutputDirectory = false)
    {
        if (createOutputDirectory)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(arguments[^1])!);
        }

        var result = ProcessRunner.Run(tool, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(tool)} failed: {result.StandardError.Trim()}");
        }
    }

    /// <summary>A tool on PATH (plain or with an LLVM version suffix), or in /usr/lib/llvm-*/bin.</summary>
    private static string? Tool(string name)
    {
        if (ProcessRunner.FindOnPath(name) is { } onPath)
        {
            return onPath;
        }

        var llvmDirectories = System.IO.Directory.Exists("/usr/lib")
            ? System.IO.Directory.EnumerateDirectories("/usr/lib", "llvm-*").OrderDescending(StringComparer.Ordinal).ToList()
            : [];
        foreach (var directory in llvmDirectories)
        {
            var candidate = Path.Combine(directory, "bin", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

[CollectionDefinition(Name)]
public sealed class CrossModulesCollection : ICollectionFixture<CrossModules>
{
    public const string Name = "cross-built modules";
}
