namespace GilScan.Dependencies.Binary;

/// <summary>The CPython ABI a module's code was compiled for.</summary>
public enum ModuleAbi
{
    Unknown,
    GilBuild,
    FreeThreaded,
    Abi3,
    Abi3t,
}

/// <summary>What a module binary says about <c>Py_mod_gil</c>.</summary>
public enum GilDeclaration
{
    /// <summary>A slot array holds <c>{Py_mod_gil, Py_MOD_GIL_NOT_USED}</c>: the GIL stays off.</summary>
    DeclaredNotUsed,

    /// <summary>The module imports <c>PyUnstable_Module_SetGIL</c>; the value passed is not checked statically.</summary>
    SetGilCalled,

    /// <summary>A slot array holds <c>{Py_mod_gil, Py_MOD_GIL_USED}</c> (Cython/PyO3 write this when not opted in).</summary>
    DeclaredUsed,

    /// <summary>A slot array without a gil slot, or a single-phase module that never calls SetGIL.</summary>
    NotDeclared,

    /// <summary>Multi-phase with no slot array in the file (built at run time), or no entry-point clues.</summary>
    Undetermined,

    /// <summary>Not a CPython extension module (no <c>PyInit_</c>/<c>PyModExport_</c> export).</summary>
    NotAModule,
}

/// <summary>The scan of one architecture slice (ELF and PE files have one; fat Mach-O files one per architecture).</summary>
public sealed record ExtensionSliceScan(
    string Architecture,
    bool Is64Bit,
    IReadOnlyList<string> EntryPoints,
    bool ImportsModuleDefInit,
    bool ImportsModuleCreate,
    bool ImportsSetGil,
    IReadOnlyList<string> FreeThreadedOnlyImports,
    IReadOnlyList<string> PythonLibraries,
    IReadOnlyList<ModuleDefinition> ModuleDefinitions,
    IReadOnlyList<SlotArray> SlotArrays,
    IReadOnlyList<string> Frameworks,
    ModuleAbi Abi,
    string AbiReason,
    GilDeclaration Declaration,
    string DeclarationReason);

/// <summary>
/// The scan of one extension-module file. <see cref="Abi"/> combines the file name (which decides what
/// the loader will even try) with the binary's imports; <see cref="Declaration"/> is the weakest
/// declaration among the slices (one slice that needs the GIL makes the file need it on that platform).
/// </summary>
public sealed record ExtensionModuleScan(
    string Path,
    ExtensionFileName FileName,
    BinaryFormat Format,
    IReadOnlyList<ExtensionSliceScan> Slices,
    ModuleAbi Abi,
    string AbiReason,
    GilDeclaration Declaration,
    string DeclarationReason,
    IReadOnlyList<string> Warnings)
{
    public bool IsExtensionModule => Slices.Any(s => s.EntryPoints.Count > 0);

    /// <summary>The dotted module name from the path inside site-packages or a wheel ("pandas._libs.lib").</summary>
    public string ModuleName
    {
        get
        {
            var parts = Path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
            if (parts.Count == 0)
            {
                return FileName.ModuleName;
            }

            parts[^1] = FileName.ModuleName;
            var start = parts.FindLastIndex(p => p.EndsWith(".data", StringComparison.Ordinal) || p is "site-packages" or "purelib" or "platlib");
            return string.Join('.', parts.Skip(start + 1).Where(p => p.Length > 0));
        }
    }
}
