using GilScan.Dependencies.Binary;
using GilScan.Dependencies.Tests.Support;

namespace GilScan.Dependencies.Tests.Binary;

/// <summary>The binary scan on real modules gcc builds from tests/native/ against the CPython 3.13 headers.</summary>
[Collection(NativeModulesCollection.Name)]
public sealed class ExtensionScannerTests(NativeModules modules)
{
    private ExtensionModuleScan Scan(string key)
    {
        Skip.If(modules.SkipReason is not null, modules.SkipReason);
        return modules[key].Scan();
    }

    [SkippableFact]
    public void Multi_phase_module_with_the_not_used_slot_is_declared()
    {
        var scan = Scan("ft_notused");
        scan.Format.ShouldBe(BinaryFormat.Elf);
        scan.Abi.ShouldBe(ModuleAbi.FreeThreaded);
        scan.Declaration.ShouldBe(GilDeclaration.DeclaredNotUsed);
        var slice = scan.Slices.ShouldHaveSingleItem();
        slice.EntryPoints.ShouldBe(["PyInit_mp_ft_notused"]);
        slice.ImportsModuleDefInit.ShouldBeTrue();
        var definition = slice.ModuleDefinitions.ShouldHaveSingleItem();
        definition.Name.ShouldBe("mp_ft_notused");
        definition.Layout.ShouldBe(ModuleDefinitionLayout.FreeThreaded);
        definition.HasSlotsPointer.ShouldBeTrue();
        var array = slice.SlotArrays.ShouldHaveSingleItem();
        array.ShouldBeSameAs(definition.Slots);
        array.Confidence.ShouldBe(SlotArrayConfidence.ModuleDefinition);
        array.Slots.Select(s => (s.Id, s.ValueIsPointer)).ShouldBe([(2, true), (4, false)]);
        array.GilValue.ShouldBe(1UL);
        scan.DeclarationReason.ShouldBe(
            $"PyModuleDef 'mp_ft_notused' at 0x{definition.Address:X}: slot array {{2, 4}} at 0x{array.Address:X} in .data with Py_mod_gil = Py_MOD_GIL_NOT_USED");
    }

    [SkippableFact]
    public void Free_threaded_abi_is_recognised_from_the_inline_refcounting_imports()
    {
        var slice = Scan("ft_notused").Slices.Single();
        slice.FreeThreadedOnlyImports.ShouldBe(["_Py_MergeZeroLocalRefcount", "_Py_DecRefShared"]);
        slice.Abi.ShouldBe(ModuleAbi.FreeThreaded);
    }

    [SkippableFact]
    public void Module_definition_header_shows_the_build_it_was_compiled_for()
    {
        Scan("gil_notused").Slices.Single().ModuleDefinitions.Single().Layout.ShouldBe(ModuleDefinitionLayout.GilBuild);
        Scan("ft_noslot").Slices.Single().ModuleDefinitions.Single().Layout.ShouldBe(ModuleDefinitionLayout.FreeThreaded);
        Scan("ft_setgil").Slices.Single().ModuleDefinitions.Single().Layout.ShouldBe(ModuleDefinitionLayout.FreeThreaded);
    }

    [SkippableFact]
    public void Fallback_scan_finds_the_gil_slot_array_when_the_definition_cannot_be_located()
    {
        // Rename the module's name string so the PyModuleDef no longer matches its PyInit_ export.
        Skip.If(modules.SkipReason is not null, modules.SkipReason);
        var bytes = modules["ft_notused"].Bytes();
        // The name string in .rodata (preceded by NUL), not the "PyInit_mp_ft_notused" export name.
        var at = bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes("\0mp_ft_notused\0"));
        at.ShouldBeGreaterThan(0);
        bytes[at + 1] = (byte)'X';
        var scan = ExtensionScanner.Scan("mp_ft_notused.cpython-313t-x86_64-linux-gnu.so", bytes);
        var slice = scan.Slices.Single();
        slice.EntryPoints.ShouldBe(["PyInit_mp_ft_notused"]);
        slice.ModuleDefinitions.ShouldBeEmpty();
        slice.SlotArrays.ShouldHaveSingleItem().Confidence.ShouldBe(SlotArrayConfidence.Referenced);
        scan.Declaration.ShouldBe(GilDeclaration.DeclaredNotUsed);
    }

    [SkippableFact]
    public void Fallback_scan_never_claims_a_missing_gil_slot()
    {
        Skip.If(modules.SkipReason is not null, modules.SkipReason);
        var bytes = modules["ft_noslot"].Bytes();
        var at = bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes("\0mp_ft_noslot\0"));
        at.ShouldBeGreaterThan(0);
        bytes[at + 1] = (byte)'X';
        var scan = ExtensionScanner.Scan("mp_ft_noslot.cpython-313t-x86_64-linux-gnu.so", bytes);
        scan.Slices.Single().SlotArrays.ShouldBeEmpty();
        scan.Declaration.ShouldBe(GilDeclaration.Undetermined);
    }

    [SkippableFact]
    public void Gil_build_abi_is_recognised_from_Py_Dealloc_and_the_file_name()
    {
        var scan = Scan("gil_notused");
        scan.Abi.ShouldBe(ModuleAbi.GilBuild);
        scan.AbiReason.ShouldBe("file name tag cpython-313");
        scan.Slices.Single().Abi.ShouldBe(ModuleAbi.GilBuild);
        scan.Slices.Single().FreeThreadedOnlyImports.ShouldBeEmpty();
    }

    [SkippableFact]
    public void Explicit_gil_used_slot_is_reported_as_needing_the_gil()
    {
        var scan = Scan("ft_used");
        scan.Declaration.ShouldBe(GilDeclaration.DeclaredUsed);
        scan.Slices.Single().SlotArrays.Single().GilValue.ShouldBe(0UL);
    }

    [SkippableFact]
    public void Multi_phase_module_without_a_gil_slot_is_not_declared()
    {
        var scan = Scan("ft_noslot");
        scan.Declaration.ShouldBe(GilDeclaration.NotDeclared);
        var array = scan.Slices.Single().SlotArrays.ShouldHaveSingleItem();
        array.Slots.Select(s => s.Id).ShouldBe([2]);
        array.Confidence.ShouldBe(SlotArrayConfidence.ModuleDefinition);
        scan.DeclarationReason.ShouldEndWith("has no Py_mod_gil slot");
    }

    [SkippableFact]
    public void Single_phase_module_calling_SetGIL_imports_it_and_is_declared_by_it()
    {
        var scan = Scan("ft_setgil");
        scan.Declaration.ShouldBe(GilDeclaration.SetGilCalled);
        var slice = scan.Slices.Single();
        slice.ImportsSetGil.ShouldBeTrue();
        slice.ImportsModuleCreate.ShouldBeTrue();
        slice.ImportsModuleDefInit.ShouldBeFalse();
        slice.SlotArrays.ShouldBeEmpty();
        slice.FreeThreadedOnlyImports.ShouldContain("PyUnstable_Module_SetGIL");
    }

    [SkippableFact]
    public void Single_phase_module_without_SetGIL_is_not_declared()
    {
        var scan = Scan("ft_single_nosetgil");
        scan.Declaration.ShouldBe(GilDeclaration.NotDeclared);
        var definition = scan.Slices.Single().ModuleDefinitions.ShouldHaveSingleItem();
        definition.HasSlotsPointer.ShouldBeFalse();
        scan.DeclarationReason.ShouldBe(
            $"PyModuleDef 'sp_ft_plain' at 0x{definition.Address:X} has no m_slots and the module never calls PyUnstable_Module_SetGIL");
    }

    [SkippableFact]
    public void Gil_build_single_phase_module_has_no_SetGIL_because_the_headers_compile_it_out()
    {
        var scan = Scan("gil_single");
        scan.Slices.Single().ImportsSetGil.ShouldBeFalse();
        scan.Declaration.ShouldBe(GilDeclaration.NotDeclared);
    }

    [SkippableFact]
    public void Abi3_module_is_abi3_by_name_even_though_its_slot_declares()
    {
        var scan = Scan("abi3");
        scan.Abi.ShouldBe(ModuleAbi.Abi3);
        scan.FileName.Abi.ShouldBe(FileNameAbi.Abi3);
        scan.Declaration.ShouldBe(GilDeclaration.DeclaredNotUsed);
    }

    [SkippableFact]
    public void Shared_library_without_an_entry_point_is_not_a_module()
    {
        var scan = Scan("cdll");
        scan.IsExtensionModule.ShouldBeFalse();
        scan.Declaration.ShouldBe(GilDeclaration.NotAModule);
    }

    [SkippableFact]
    public void Untagged_file_name_takes_its_abi_from_the_imports()
    {
        var scan = Scan("ft_notused_untagged");
        scan.FileName.Abi.ShouldBe(FileNameAbi.Untagged);
        scan.Abi.ShouldBe(ModuleAbi.FreeThreaded);
        scan.AbiReason.ShouldStartWith("untagged file name; the code imports _Py_MergeZeroLocalRefcount");
    }

    [SkippableFact]
    public void Packed_relr_relocations_still_prove_the_slot_pointers()
    {
        Skip.If(modules.SkipReason is not null, modules.SkipReason);
        Skip.IfNot(modules.Has("ft_notused_relr"), "the linker does not support -z pack-relative-relocs");
        var scan = modules["ft_notused_relr"].Scan();
        scan.Declaration.ShouldBe(GilDeclaration.DeclaredNotUsed);
        scan.Slices.Single().SlotArrays.Single().Confidence.ShouldBe(SlotArrayConfidence.ModuleDefinition);
    }

    [SkippableFact]
    public void Gil_build_modules_are_real_modules_that_CPython_imports()
    {
        Skip.If(modules.SkipReason is not null, modules.SkipReason);
        var skip = OptionalTools.SkipReason(Python313.Interpreter is null ? "CPython 3.13 interpreter not found" : null);
        Skip.If(skip is not null, skip);
        var script = string.Join("; ",
            "import sys", $"sys.path.insert(0, {Quote(modules.Directory)})",
            "import mp_gil_notused, mp_gil_used, mp_gil_noslot, sp_gil, gilscan_limited",
            "print(mp_gil_notused.answer(), mp_gil_notused.built_with_gil_slot, mp_gil_noslot.built_with_gil_slot, sp_gil.answer(), gilscan_limited.answer())",
            "import importlib.machinery as m", "print('cpython-313t' in ' '.join(m.EXTENSION_SUFFIXES))");
        var result = ProcessRunner.Run(Python313.Interpreter!, ["-c", script]);
        result.StandardError.ShouldBeEmpty();
        result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["42 1 0 7 3", "False"]);
    }

    [Fact]
    public void Garbage_and_truncated_files_give_warnings_not_exceptions()
    {
        var garbage = ExtensionScanner.Scan("x.cpython-313t-x86_64-linux-gnu.so", new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        garbage.Warnings.ShouldBe(["not an ELF, PE or Mach-O file"]);
        garbage.Declaration.ShouldBe(GilDeclaration.Undetermined);

        var truncatedElf = new byte[64];
        truncatedElf[0] = 0x7F;
        truncatedElf[1] = (byte)'E';
        truncatedElf[2] = (byte)'L';
        truncatedElf[3] = (byte)'F';
        truncatedElf[4] = 2;
        truncatedElf[5] = 1;
        truncatedElf[0x28] = 0xFF; // section headers "at" offset 255, past the end
        truncatedElf[0x3C] = 3;
        var truncated = ExtensionScanner.Scan("y.so", truncatedElf);
        truncated.Warnings.Single().ShouldStartWith("malformed Elf file: read of");
        truncated.Slices.ShouldBeEmpty();
    }

    [SkippableFact]
    public void Every_truncation_and_corruption_of_a_real_module_is_survived()
    {
        var bytes = Scan("ft_notused") is not null ? modules["ft_notused"].Bytes() : [];
        var random = new Random(313);
        for (var length = 0; length < bytes.Length; length += 97)
        {
            var scan = ExtensionScanner.Scan("mp.cpython-313t-x86_64-linux-gnu.so", bytes.AsMemory(0, length));
            scan.Path.ShouldBe("mp.cpython-313t-x86_64-linux-gnu.so");
            var corrupted = (byte[])bytes.Clone();
            for (var i = 0; i < 8; i++)
            {
                corrupted[random.Next(corrupted.Length)] = (byte)random.Next(256);
            }

            ExtensionScanner.Scan("mp.cpython-313t-x86_64-linux-gnu.so", corrupted).Path.ShouldBe("mp.cpython-313t-x86_64-linux-gnu.so");
        }
    }

    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
