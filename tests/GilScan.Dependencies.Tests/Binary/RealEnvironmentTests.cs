using GilScan.Dependencies.Binary;
using GilScan.Dependencies.Environments;
using GilScan.Dependencies.Model;

namespace GilScan.Dependencies.Tests.Binary;

/// <summary>
/// The scan on third-party modules that pip installed into the local CPython 3.11 (a GIL build, so
/// none of them can declare Py_mod_gil): Cython (PyYAML), PyO3 (pydantic-core, cryptography's abi3
/// module with many sub-module definitions), plain C with an #ifdef-ed, empty slot array (MarkupSafe),
/// single-phase C (wrapt). Skipped where that environment is not installed.
/// </summary>
public sealed class RealEnvironmentTests
{
    private static readonly Lazy<InstalledEnvironment?> Environment = new(() =>
    {
        var home = System.Environment.GetEnvironmentVariable("PYENV_ROOT")
                   ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".pyenv");
        var root = Path.Combine(home, "versions", "3.11.7");
        return Directory.Exists(Path.Combine(root, "lib", "python3.11", "site-packages", "yaml")) ? InstalledEnvironmentReader.Read(root) : null;
    });

    private static ExtensionModuleScan Module(string distribution, string path)
    {
        Skip.If(Environment.Value is null, "the pyenv 3.11.7 environment with PyYAML, MarkupSafe, pydantic-core and cryptography is not installed");
        var found = Environment.Value!.Distributions.Single(d => d.NormalizedName == DistributionName.Normalize(distribution));
        return found.Modules.Single(m => m.Path == path);
    }

    [SkippableFact]
    public void Environment_is_a_gil_build_of_3_11()
    {
        Skip.If(Environment.Value is null, "the pyenv 3.11.7 environment is not installed");
        Environment.Value!.PythonVersion.ShouldBe("3.11");
        Environment.Value.IsFreeThreaded.ShouldBe(false);
    }

    [SkippableFact]
    public void Cython_module_definition_is_found_with_create_and_exec_slots_and_no_gil_slot()
    {
        var scan = Module("pyyaml", "yaml/_yaml.cpython-311-x86_64-linux-gnu.so");
        scan.ModuleName.ShouldBe("yaml._yaml");
        scan.Abi.ShouldBe(ModuleAbi.GilBuild);
        var slice = scan.Slices.Single();
        slice.Frameworks.ShouldContain("Cython");
        var definition = slice.ModuleDefinitions.ShouldHaveSingleItem();
        definition.Name.ShouldBe("_yaml");
        definition.Layout.ShouldBe(ModuleDefinitionLayout.GilBuild);
        definition.Slots!.Slots.Select(s => s.Id).ShouldBe([1, 2]);
        scan.Declaration.ShouldBe(GilDeclaration.NotDeclared);
    }

    [SkippableFact]
    public void Ifdef_ed_slot_list_compiles_to_an_empty_array_in_bss()
    {
        var scan = Module("markupsafe", "markupsafe/_speedups.cpython-311-x86_64-linux-gnu.so");
        var definition = scan.Slices.Single().ModuleDefinitions.ShouldHaveSingleItem();
        definition.Name.ShouldBe("markupsafe._speedups");
        definition.Slots!.Slots.ShouldBeEmpty();
        definition.Slots.Section.ShouldBe(".bss");
        scan.Declaration.ShouldBe(GilDeclaration.NotDeclared);
    }

    [SkippableFact]
    public void PyO3_module_definition_has_only_an_exec_slot_on_3_11()
    {
        var scan = Module("pydantic-core", "pydantic_core/_pydantic_core.cpython-311-x86_64-linux-gnu.so");
        var definition = scan.Slices.Single().ModuleDefinitions.ShouldHaveSingleItem();
        definition.Name.ShouldBe("_pydantic_core");
        definition.Slots!.Slots.Select(s => s.Id).ShouldBe([2]);
        scan.Slices.Single().Frameworks.ShouldContain("PyO3");
    }

    [SkippableFact]
    public void Abi3_module_with_many_pymodule_definitions_is_abi3_and_each_definition_is_found()
    {
        var scan = Module("cryptography", "cryptography/hazmat/bindings/_rust.abi3.so");
        scan.Abi.ShouldBe(ModuleAbi.Abi3);
        scan.AbiReason.ShouldBe("file name suffix .abi3.so");
        var slice = scan.Slices.Single();
        slice.EntryPoints.ShouldContain("PyInit__rust");
        slice.ModuleDefinitions.Select(d => d.Name).ShouldContain("_rust");
        slice.ModuleDefinitions.Count.ShouldBe(slice.EntryPoints.Count);
    }

    [SkippableFact]
    public void Single_phase_module_without_SetGIL_is_not_declared()
    {
        var scan = Module("wrapt", "wrapt/_wrappers.cpython-311-x86_64-linux-gnu.so");
        scan.Slices.Single().ImportsModuleCreate.ShouldBeTrue();
        scan.Slices.Single().ModuleDefinitions.Single().HasSlotsPointer.ShouldBeFalse();
        scan.Declaration.ShouldBe(GilDeclaration.NotDeclared);
    }

    [SkippableFact]
    public void Pure_python_distributions_list_no_native_files()
    {
        Skip.If(Environment.Value is null, "the pyenv 3.11.7 environment is not installed");
        var requests = Environment.Value!.Distributions.Single(d => d.NormalizedName == "requests");
        requests.Modules.ShouldBeEmpty();
        requests.Metadata.Tags.ShouldBe([new Dependencies.Wheels.WheelTag("py3", "none", "any")]);
    }
}
