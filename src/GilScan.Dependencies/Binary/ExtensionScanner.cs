using System.Text;

namespace GilScan.Dependencies.Binary;

/// <summary>
/// Scans an extension-module binary (ELF .so, PE .pyd, Mach-O .so/.dylib, thin or fat) without loading
/// it, following the evidence ladder of the facts file: the ABI from the file name and from imports only a
/// free-threaded build makes (<c>_Py_MergeZeroLocalRefcount</c> and <c>_Py_DecRefShared</c> from the
/// inline <c>Py_DECREF</c>, <c>PyUnstable_Module_SetGIL</c>, which only free-threaded headers declare),
/// PE links to <c>python3XYt.dll</c>, the module entry points, and the <c>Py_mod_gil</c> slot found by
/// <see cref="SlotArrayFinder"/>. Never throws on bad input: a broken file gives a warning and an
/// undetermined result.
/// </summary>
public static class ExtensionScanner
{
    private static readonly string[] FreeThreadedOnlySymbols =
        ["_Py_MergeZeroLocalRefcount", "_Py_DecRefShared", "_Py_DecRefSharedDebug", "PyUnstable_Module_SetGIL"];

    /// <summary>ASCII strings that betray the generator; heuristics for the report, not for verdicts.</summary>
    private static readonly (string Marker, string Framework)[] FrameworkMarkers =
    [
        ("__pyx_", "Cython"),
        ("cython_runtime", "Cython"),
        ("__pybind11_internals_v", "pybind11"),
        ("nanobind", "nanobind"),
        ("pyo3_runtime", "PyO3"),
    ];

    public static ExtensionModuleScan Scan(string path, ReadOnlyMemory<byte> data)
    {
        var fileName = ExtensionFileName.Parse(path);
        var warnings = new List<string>();
        IReadOnlyList<BinaryImage> images;
        var format = BinaryFormat.Unknown;
        try
        {
            var span = data.Span;
            if (ElfReader.IsElf(span))
            {
                format = BinaryFormat.Elf;
                images = [ElfReader.Read(data)];
            }
            else if (PeReader.IsPe(span))
            {
                format = BinaryFormat.Pe;
                images = [PeReader.Read(data)];
            }
            else if (MachOReader.IsMachO(span))
            {
                format = BinaryFormat.MachO;
                images = MachOReader.Read(data);
            }
            else
            {
                warnings.Add("not an ELF, PE or Mach-O file");
                images = [];
            }
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or StackOverflowException))
        {
            warnings.Add($"malformed {format} file: {exception.Message}");
            images = [];
        }

        var slices = new List<ExtensionSliceScan>();
        foreach (var image in images)
        {
            warnings.AddRange(image.Warnings);
            try
            {
                slices.Add(ScanSlice(image));
            }
            catch (Exception exception) when (exception is not (OutOfMemoryException or StackOverflowException))
            {
                warnings.Add($"malformed {image.Architecture} slice: {exception.Message}");
            }
        }

        var (abi, abiReason) = CombineAbi(fileName, slices);
        var (declaration, declarationReason) = CombineDeclaration(slices);
        return new ExtensionModuleScan(path, fileName, format, slices, abi, abiReason, declaration, declarationReason, warnings);
    }

    private static ExtensionSliceScan ScanSlice(BinaryImage image)
    {
        var entryPoints = image.ExportedSymbols
            .Where(s => s.StartsWith("PyInit_", StringComparison.Ordinal) || s.StartsWith("PyModExport_", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        var moduleNames = entryPoints.Select(e => e[(e.IndexOf('_') + 1)..]).Distinct(StringComparer.Ordinal).ToList();
        var freeThreadedImports = FreeThreadedOnlySymbols.Where(image.ImportedSymbols.Contains).ToList();
        var pythonLibraries = image.LinkedLibraries
            .Where(l => Path.GetFileName(l).StartsWith("python3", StringComparison.OrdinalIgnoreCase)
                        || Path.GetFileName(l).StartsWith("libpython3", StringComparison.Ordinal))
            .ToList();
        var setGil = image.ImportedSymbols.Contains("PyUnstable_Module_SetGIL");
        var defInit = image.ImportedSymbols.Contains("PyModuleDef_Init");
        var create = image.ImportedSymbols.Contains("PyModule_Create2") || image.ImportedSymbols.Contains("PyModule_FromDefAndSpec2");
        var definitions = ModuleDefinitionFinder.Find(image, moduleNames);
        var arrays = definitions.Select(d => d.Slots).OfType<SlotArray>().ToList();
        if (entryPoints.Count > 0 && definitions.Count == 0)
        {
            arrays.AddRange(SlotArrayFinder.Scan(image));
        }

        var frameworks = Frameworks(image.Data.Span);
        var (abi, abiReason) = SliceAbi(image, freeThreadedImports, pythonLibraries, definitions);
        var (declaration, reason) = Declaration(entryPoints, definitions, arrays, setGil, defInit, create);
        return new ExtensionSliceScan(image.Architecture, image.Is64Bit, entryPoints, defInit, create, setGil, freeThreadedImports,
            pythonLibraries, definitions, arrays, frameworks, abi, abiReason, declaration, reason);
    }

    private static (ModuleAbi, string) SliceAbi(
        BinaryImage image, List<string> freeThreadedImports, List<string> pythonLibraries, IReadOnlyList<ModuleDefinition> definitions)
    {
        foreach (var library in pythonLibraries.Select(l => Path.GetFileNameWithoutExtension(l).ToLowerInvariant()))
        {
            var stem = library.StartsWith("lib", StringComparison.Ordinal) ? library[3..] : library;
            stem = stem.EndsWith("_d", StringComparison.Ordinal) ? stem[..^2] : stem;
            switch (stem)
            {
                case "python3":
                    return (ModuleAbi.Abi3, $"links {library} (the stable ABI)");
                case "python3t":
                    return (ModuleAbi.Abi3t, $"links {library} (the free-threaded stable ABI)");
                case var s when s.EndsWith('t') && s.Length > "python3".Length:
                    return (ModuleAbi.FreeThreaded, $"links {library} (a free-threaded CPython)");
                case var s when s.Length > "python3".Length && char.IsAsciiDigit(s[^1]):
                    return (ModuleAbi.GilBuild, $"links {library} (a GIL-build CPython)");
            }
        }

        if (freeThreadedImports.Count > 0)
        {
            return (ModuleAbi.FreeThreaded, $"imports {string.Join(", ", freeThreadedImports)}, which only free-threaded builds provide");
        }

        if (definitions.Any(d => d.Layout == ModuleDefinitionLayout.FreeThreaded))
        {
            return (ModuleAbi.FreeThreaded, "its PyModuleDef starts with the free-threaded object header");
        }

        if (image.ImportedSymbols.Contains("_Py_Dealloc"))
        {
            return (ModuleAbi.GilBuild, "imports _Py_Dealloc from the default build's inline Py_DECREF and no free-threaded-only symbol");
        }

        if (definitions.Any(d => d.Layout == ModuleDefinitionLayout.GilBuild))
        {
            return (ModuleAbi.GilBuild, "its PyModuleDef starts with the default build's object header");
        }

        return (ModuleAbi.Unknown, "no ABI-specific import");
    }

    private static (GilDeclaration, string) Declaration(
        List<string> entryPoints, IReadOnlyList<ModuleDefinition> definitions, IReadOnlyList<SlotArray> arrays, bool setGil, bool defInit,
        bool create)
    {
        if (entryPoints.Count == 0)
        {
            return (GilDeclaration.NotAModule, "exports no PyInit_/PyModExport_ entry point, so it is not an extension module");
        }

        static string Describe(SlotArray a) =>
            $"slot array {{{string.Join(", ", a.Slots.Select(s => s.Id))}}} at 0x{a.Address:X} in {a.Section}";
        if (definitions.Count > 0)
        {
            var results = definitions.Select(d => FromDefinition(d, setGil)).ToList();
            var order = new[] { GilDeclaration.DeclaredUsed, GilDeclaration.NotDeclared, GilDeclaration.Undetermined, GilDeclaration.SetGilCalled, GilDeclaration.DeclaredNotUsed };
            return results.OrderBy(r => Array.IndexOf(order, r.Item1)).First();
        }

        if (arrays.FirstOrDefault(a => a.GilValue == 0) is { } used)
        {
            return (GilDeclaration.DeclaredUsed, $"{Describe(used)} (found by scanning, referenced) with Py_mod_gil = Py_MOD_GIL_USED");
        }

        if (arrays.FirstOrDefault(a => a.GilValue == 1) is { } declared)
        {
            return (GilDeclaration.DeclaredNotUsed, $"{Describe(declared)} (found by scanning, referenced) with Py_mod_gil = Py_MOD_GIL_NOT_USED");
        }

        if (setGil)
        {
            return (GilDeclaration.SetGilCalled, "imports PyUnstable_Module_SetGIL (the argument is not checked statically)");
        }

        if (defInit)
        {
            return (GilDeclaration.Undetermined,
                "multi-phase module (imports PyModuleDef_Init) whose PyModuleDef was not found in the file; it may be built at run time");
        }

        return create
            ? (GilDeclaration.NotDeclared, "single-phase module (imports PyModule_Create2) that never calls PyUnstable_Module_SetGIL")
            : (GilDeclaration.Undetermined, "neither a module definition nor a module-creation import was found");

        static (GilDeclaration, string) FromDefinition(ModuleDefinition definition, bool setGil)
        {
            var where = $"PyModuleDef '{definition.Name}' at 0x{definition.Address:X}";
            if (definition.Slots is { } slots)
            {
                var listed = slots.Slots.Count == 0 ? "an empty slot array" : Describe(slots);
                return slots.GilValue switch
                {
                    1 => (GilDeclaration.DeclaredNotUsed, $"{where}: {listed} with Py_mod_gil = Py_MOD_GIL_NOT_USED"),
                    0 => (GilDeclaration.DeclaredUsed, $"{where}: {listed} with Py_mod_gil = Py_MOD_GIL_USED"),
                    _ when setGil => (GilDeclaration.SetGilCalled, $"{where}: {listed} without Py_mod_gil, but the module imports PyUnstable_Module_SetGIL"),
                    _ => (GilDeclaration.NotDeclared, $"{where}: {listed} has no Py_mod_gil slot"),
                };
            }

            if (definition.HasSlotsPointer)
            {
                return (GilDeclaration.Undetermined, $"{where}: m_slots points to data that is not a 3.13/3.14 slot array");
            }

            return setGil
                ? (GilDeclaration.SetGilCalled, $"{where} has no m_slots; the module imports PyUnstable_Module_SetGIL (argument not checked statically)")
                : (GilDeclaration.NotDeclared, $"{where} has no m_slots and the module never calls PyUnstable_Module_SetGIL");
        }
    }

    private static (ModuleAbi, string) CombineAbi(ExtensionFileName fileName, List<ExtensionSliceScan> slices)
    {
        var fromName = fileName.Abi switch
        {
            FileNameAbi.CPythonFreeThreaded => (ModuleAbi.FreeThreaded, $"file name tag cpython-{fileName.PythonVersionDigits}{fileName.AbiFlags}"),
            FileNameAbi.CPython => (ModuleAbi.GilBuild, $"file name tag cpython-{fileName.PythonVersionDigits}{fileName.AbiFlags}"),
            FileNameAbi.Abi3 => (ModuleAbi.Abi3, "file name suffix .abi3.so"),
            FileNameAbi.Abi3t => (ModuleAbi.Abi3t, "file name suffix .abi3t.so"),
            _ => ((ModuleAbi?)null, ""),
        };
        var known = slices.Where(s => s.Abi != ModuleAbi.Unknown).ToList();
        if (fromName.Item1 is { } nameAbi)
        {
            // abi3 code is also default-build code; only a free-threaded/default disagreement is a conflict.
            var conflict = known.FirstOrDefault(s => (s.Abi == ModuleAbi.FreeThreaded) != (nameAbi == ModuleAbi.FreeThreaded));
            return conflict is null
                ? (nameAbi, fromName.Item2)
                : (nameAbi, $"{fromName.Item2} (but the {conflict.Architecture} code {conflict.AbiReason})");
        }

        if (known.Count == 0)
        {
            return (ModuleAbi.Unknown, "untagged file name and no ABI-specific import");
        }

        var first = known[0];
        return known.All(s => s.Abi == first.Abi)
            ? (first.Abi, $"untagged file name; the code {first.AbiReason}")
            : (ModuleAbi.Unknown, "slices disagree: " + string.Join("; ", known.Select(s => $"{s.Architecture} {s.AbiReason}")));
    }

    private static (GilDeclaration, string) CombineDeclaration(List<ExtensionSliceScan> slices)
    {
        if (slices.Count == 0)
        {
            return (GilDeclaration.Undetermined, "the file could not be read");
        }

        // Worst first: one slice that needs the GIL makes the module need it on that platform.
        var order = new[]
        {
            GilDeclaration.DeclaredUsed, GilDeclaration.NotDeclared, GilDeclaration.Undetermined, GilDeclaration.SetGilCalled,
            GilDeclaration.DeclaredNotUsed, GilDeclaration.NotAModule,
        };
        var modules = slices.Where(s => s.Declaration != GilDeclaration.NotAModule).ToList();
        if (modules.Count == 0)
        {
            return (GilDeclaration.NotAModule, slices[0].DeclarationReason);
        }

        var worst = modules.OrderBy(s => Array.IndexOf(order, s.Declaration)).First();
        var reason = slices.Count > 1 ? $"{worst.Architecture}: {worst.DeclarationReason}" : worst.DeclarationReason;
        return (worst.Declaration, reason);
    }

    private static IReadOnlyList<string> Frameworks(ReadOnlySpan<byte> data)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (marker, framework) in FrameworkMarkers)
        {
            if (data.IndexOf(Encoding.ASCII.GetBytes(marker)) >= 0)
            {
                found.Add(framework);
            }
        }

        return found.ToList();
    }
}
