using GilScan.Dependencies.Binary;
using GilScan.Dependencies.Tests.Support;

namespace GilScan.Dependencies.Tests.Binary;

/// <summary>The scan on real PE, Mach-O (thin and fat) and non-x86-64 ELF files built by clang and lld.</summary>
[Collection(CrossModulesCollection.Name)]
public sealed class CrossFormatScannerTests(CrossModules modules)
{
    private ExtensionModuleScan Scan(string key)
    {
        Skip.If(modules.SkipReason is not null, modules.SkipReason);
        return modules[key].Scan();
    }

    [SkippableFact]
    public void Mach_o_bundle_exports_are_read_without_the_underscore_and_its_slot_array_is_found()
    {
        var scan = Scan("macho_arm64");
        scan.Format.ShouldBe(BinaryFormat.MachO);
        var slice = scan.Slices.ShouldHaveSingleItem();
        slice.Architecture.ShouldBe("arm64");
        slice.EntryPoints.ShouldBe(["PyInit_mac_notused"]);
        slice.FreeThreadedOnlyImports.ShouldBe(["_Py_MergeZeroLocalRefcount", "_Py_DecRefShared"]);
        var definition = slice.ModuleDefinitions.ShouldHaveSingleItem();
        definition.Layout.ShouldBe(ModuleDefinitionLayout.FreeThreaded);
        definition.Slots!.Slots.Select(s => (s.Id, s.ValueIsPointer)).ShouldBe([(2, true), (4, false)]);
        scan.Declaration.ShouldBe(GilDeclaration.DeclaredNotUsed);
        scan.Abi.ShouldBe(ModuleAbi.FreeThreaded);
    }

    [SkippableFact]
    public void Fat_mach_o_is_scanned_slice_by_slice()
    {
        var scan = Scan("macho_fat_declared");
        // llvm-lipo orders the slices by CPU type: x86_64 first.
        scan.Slices.Select(s => (s.Architecture, s.Declaration)).ShouldBe([
            ("x86_64", GilDeclaration.DeclaredNotUsed), ("arm64", GilDeclaration.DeclaredNotUsed)]);
        scan.Declaration.ShouldBe(GilDeclaration.DeclaredNotUsed);
    }

    [SkippableFact]
    public void One_slice_without_the_slot_makes_the_fat_file_need_the_gil()
    {
        var scan = Scan("macho_fat_mixed");
        scan.Slices.Select(s => (s.Architecture, s.Declaration)).ShouldBe([
            ("x86_64", GilDeclaration.NotDeclared), ("arm64", GilDeclaration.DeclaredNotUsed)]);
        scan.Declaration.ShouldBe(GilDeclaration.NotDeclared);
        scan.DeclarationReason.ShouldStartWith("x86_64: PyModuleDef 'mac_notused'");
    }

    [SkippableFact]
    public void Pe_module_linking_the_free_threaded_dll_is_free_threaded_and_declared()
    {
        var scan = Scan("pe64_ft_notused");
        scan.Format.ShouldBe(BinaryFormat.Pe);
        var slice = scan.Slices.Single();
        slice.Architecture.ShouldBe("x86_64");
        slice.PythonLibraries.ShouldBe(["python313t.dll"]);
        slice.Abi.ShouldBe(ModuleAbi.FreeThreaded);
        slice.AbiReason.ShouldBe("links python313t (a free-threaded CPython)");
        slice.EntryPoints.ShouldBe(["PyInit_win_notused"]);
        scan.Declaration.ShouldBe(GilDeclaration.DeclaredNotUsed);
    }

    [SkippableFact]
    public void Pe_module_linking_the_default_dll_is_a_gil_build()
    {
        var scan = Scan("pe64_gil_noslot");
        scan.Slices.Single().AbiReason.ShouldBe("links python313 (a GIL-build CPython)");
        scan.Slices.Single().ModuleDefinitions.Single().Layout.ShouldBe(ModuleDefinitionLayout.GilBuild);
        scan.Declaration.ShouldBe(GilDeclaration.NotDeclared);
    }

    [SkippableFact]
    public void Untagged_pyd_takes_its_abi_from_the_dll_it_links()
    {
        var scan = Scan("pe64_ft_untagged_used");
        scan.FileName.Abi.ShouldBe(FileNameAbi.Untagged);
        scan.Abi.ShouldBe(ModuleAbi.FreeThreaded);
        scan.Declaration.ShouldBe(GilDeclaration.DeclaredUsed);
    }

    [SkippableFact]
    public void Thirty_two_bit_pe_uses_eight_byte_slot_entries()
    {
        var scan = Scan("pe32_ft_notused");
        var slice = scan.Slices.Single();
        (slice.Architecture, slice.Is64Bit).ShouldBe(("i386", false));
        slice.ModuleDefinitions.Single().Slots!.Slots.Select(s => s.Id).ShouldBe([2, 4]);
        scan.Declaration.ShouldBe(GilDeclaration.DeclaredNotUsed);
    }

    [SkippableFact]
    public void I686_elf_with_rel_relocations_is_read()
    {
        var scan = Scan("elf_i686_notused");
        (scan.Slices.Single().Architecture, scan.Slices.Single().Is64Bit).ShouldBe(("i386", false));
        scan.Declaration.ShouldBe(GilDeclaration.DeclaredNotUsed);
    }

    [SkippableFact]
    public void Big_endian_ppc64_elf_is_read()
    {
        var scan = Scan("elf_ppc64_notused");
        scan.Slices.Single().Architecture.ShouldBe("ppc64");
        scan.Slices.Single().ModuleDefinitions.Single().Layout.ShouldBe(ModuleDefinitionLayout.FreeThreaded);
        scan.Declaration.ShouldBe(GilDeclaration.DeclaredNotUsed);
    }

    [SkippableFact]
    public void Aarch64_elf_with_explicit_used_slot_needs_the_gil()
    {
        var scan = Scan("elf_aarch64_used");
        scan.Slices.Single().Architecture.ShouldBe("aarch64");
        scan.Declaration.ShouldBe(GilDeclaration.DeclaredUsed);
    }

    [SkippableTheory]
    [InlineData("pe64_ft_notused")]
    [InlineData("pe32_ft_notused")]
    [InlineData("macho_fat_mixed")]
    [InlineData("elf_ppc64_notused")]
    public void Truncated_and_corrupted_binaries_never_throw(string key)
    {
        Skip.If(modules.SkipReason is not null, modules.SkipReason);
        var original = modules[key].Bytes();
        var random = new Random(key.Length);
        for (var cut = 0; cut < original.Length; cut += Math.Max(1, original.Length / 200))
        {
            ExtensionScanner.Scan(modules[key].FileName, original.AsMemory(0, cut)).Path.ShouldBe(modules[key].FileName);
            var corrupted = (byte[])original.Clone();
            for (var i = 0; i < 8; i++)
            {
                corrupted[random.Next(corrupted.Length)] = (byte)random.Next(256);
            }

            ExtensionScanner.Scan(modules[key].FileName, corrupted).Path.ShouldBe(modules[key].FileName);
        }
    }
}
