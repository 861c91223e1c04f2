using GilScan.Semantics.Project;

namespace GilScan.Semantics.Tests.Project;

public class ModuleIndexTests
{
    private static SortedDictionary<string, string> Names(ModuleIndex index) =>
        new(index.Modules.ToDictionary(m => m.RelativePath, m => m.Name), StringComparer.Ordinal);

    private static SortedDictionary<string, string> Expected(Dictionary<string, string> pairs) => new(pairs, StringComparer.Ordinal);

    [Fact]
    public void Top_level_names_of_the_project_come_from_module_names_and_from_flat_src_and_lib_folders()
    {
        string[] paths = ["app/main.py", "src/service/api.py", "tasks.py", "stubs.pyi", "tests/test_app.py", "lib/helpers.py"];
        ModuleIndex.Build(ProjectLayout.Detect(paths), paths).TopLevelNames
            .ShouldBe(["app", "helpers", "lib", "service", "src", "stubs", "tasks", "tests"]);

        // Checked from the parent folder: the module names start below it, and so do imports.
        string[] nested = ["proj/pkg/__init__.py", "proj/pkg/core.py"];
        ModuleIndex.Build(ProjectLayout.Detect(nested), nested).TopLevelNames.ShouldBe(["pkg", "proj"]);
    }

    [Fact]
    public void A_module_imports_from_the_folder_its_name_starts_in()
    {
        string[] paths = ["src/app/__init__.py", "src/app/jobs.py", "tools/gen.py", "setup.py", "services/api/pkg/__init__.py", "services/api/pkg/core.py"];
        var index = ModuleIndex.Build(ProjectLayout.WithRoots(["src", "services/api", ""]), paths);

        string Root(string module) => index.TryGetModule(module, out var entry) ? entry.ImportRoot : "(none)";
        Root("app.jobs").ShouldBe("src");
        Root("app").ShouldBe("src");
        Root("tools.gen").ShouldBe("");
        Root("setup").ShouldBe("");
        Root("pkg.core").ShouldBe("services/api");
        Root("pkg").ShouldBe("services/api");
    }

    [Fact]
    public void Installed_modules_take_names_below_site_packages_but_never_one_the_project_has()
    {
        const string site = ".venv/lib/python3.12/site-packages";
        string[] own = ["app.py", "utils.py"];
        string[] installed = [$"{site}/utils.py", $"{site}/cipher/__init__.py", $"{site}/cipher/rounds.py"];
        var layout = ProjectLayout.WithRoots([.. ProjectLayout.Detect(own).SourceRoots, site]);
        var index = ModuleIndex.Build(layout, [.. own, .. installed], installed.ToHashSet(), [site]);

        index.TryGetModule("utils", out var utils).ShouldBeTrue();
        (utils.RelativePath, utils.IsLibrary).ShouldBe(("utils.py", false));
        index.TryGetModule("cipher.rounds", out var rounds).ShouldBeTrue();
        rounds.IsLibrary.ShouldBeTrue();
        index.ByPath($"{site}/utils.py").ShouldBeNull();
        index.TopLevelNames.ShouldBe(["app", "utils"]);
    }

    [Fact]
    public void Flat_layout_names_modules_from_the_project_root()
    {
        var paths = new[] { "app.py", "pkg/__init__.py", "pkg/sub/__init__.py", "pkg/sub/mod.py", "pkg/util.py" };
        var index = ModuleIndex.Build(ProjectLayout.Detect(paths), paths);
        Names(index).ShouldBe(Expected(new Dictionary<string, string>
        {
            ["app.py"] = "app",
            ["pkg/__init__.py"] = "pkg",
            ["pkg/sub/__init__.py"] = "pkg.sub",
            ["pkg/sub/mod.py"] = "pkg.sub.mod",
            ["pkg/util.py"] = "pkg.util",
        }));
        index.TryGetModule("pkg.sub", out var sub).ShouldBeTrue();
        sub.IsPackage.ShouldBeTrue();
        index.IsPackage("pkg").ShouldBeTrue();
        index.IsNamespacePackage("pkg").ShouldBeFalse();
    }

    [Fact]
    public void A_project_checked_from_its_parent_folder_names_modules_as_from_inside()
    {
        // `gilscan check lib/python3.13` run from /usr gives paths below lib/python3.13; neither folder is
        // a package, so imports start inside, as on sys.path, whatever folder gilscan runs from.
        var paths = new[] { "lib/python3.13/asyncio/__init__.py", "lib/python3.13/asyncio/events.py", "lib/python3.13/os.py", "lib/python3.13/src/x.py" };
        var layout = ProjectLayout.Detect(paths);
        layout.SourceRoots.ShouldBe(["lib/python3.13/src", "lib/python3.13", "lib", ""]);
        Names(ModuleIndex.Build(layout, paths)).ShouldBe(Expected(new Dictionary<string, string>
        {
            ["lib/python3.13/asyncio/__init__.py"] = "asyncio",
            ["lib/python3.13/asyncio/events.py"] = "asyncio.events",
            ["lib/python3.13/os.py"] = "os",
            ["lib/python3.13/src/x.py"] = "x",
        }));

        // One regular package at the top stays the package it is.
        var package = new[] { "pkg/__init__.py", "pkg/core.py" };
        ProjectLayout.Detect(package).SourceRoots.ShouldBe([""]);
    }

    [Fact]
    public void A_namespace_folder_taken_as_root_still_answers_to_its_name()
    {
        var paths = new[] { "company/service/__init__.py", "company/service/api.py", "company/tools.py" };
        var index = ModuleIndex.Build(ProjectLayout.Detect(paths), paths);
        index.ByPath("company/service/api.py")!.Name.ShouldBe("service.api");
        var importer = index.ByPath("company/tools.py")!;
        index.ResolveAbsolute(importer, "company.service.api").ShouldBe("service.api");
        index.ResolveAbsolute(importer, "service.api").ShouldBe("service.api");
        index.ResolveAbsolute(importer, "requests.adapters").ShouldBe("requests.adapters");
    }

    [Fact]
    public void Src_layout_names_modules_below_src()
    {
        var paths = new[] { "src/mylib/__init__.py", "src/mylib/core.py", "tests/test_core.py", "setup.py" };
        var layout = ProjectLayout.Detect(paths);
        layout.SourceRoots.ShouldBe(["src", ""]);
        Names(ModuleIndex.Build(layout, paths)).ShouldBe(Expected(new Dictionary<string, string>
        {
            ["src/mylib/__init__.py"] = "mylib",
            ["src/mylib/core.py"] = "mylib.core",
            ["tests/test_core.py"] = "tests.test_core",
            ["setup.py"] = "setup",
        }));
    }

    [Fact]
    public void A_src_directory_with_init_is_a_package_not_a_root()
    {
        var paths = new[] { "src/__init__.py", "src/core.py" };
        var layout = ProjectLayout.Detect(paths);
        layout.SourceRoots.ShouldBe([""]);
        Names(ModuleIndex.Build(layout, paths))["src/core.py"].ShouldBe("src.core");
    }

    [Fact]
    public void Directories_without_init_are_namespace_packages()
    {
        var paths = new[] { "ns/part/mod.py", "ns/other/__init__.py" };
        var index = ModuleIndex.Build(ProjectLayout.Flat, paths);
        Names(index).ShouldBe(Expected(new Dictionary<string, string> { ["ns/part/mod.py"] = "ns.part.mod", ["ns/other/__init__.py"] = "ns.other" }));
        index.IsNamespacePackage("ns").ShouldBeTrue();
        index.IsNamespacePackage("ns.part").ShouldBeTrue();
        index.IsNamespacePackage("ns.other").ShouldBeFalse();
        index.IsPackage("ns.other").ShouldBeTrue();
        index.TryGetModule("ns", out _).ShouldBeFalse();
    }

    [Fact]
    public void A_path_that_is_not_an_identifier_falls_back_to_the_nearest_non_package_directory()
    {
        var paths = new[] { "my-scripts/tool/__init__.py", "my-scripts/tool/run.py", "my-scripts/run-server.py" };
        var index = ModuleIndex.Build(ProjectLayout.Flat, paths);
        var byPath = index.Modules.ToDictionary(m => m.RelativePath);
        byPath["my-scripts/tool/run.py"].Name.ShouldBe("tool.run");
        byPath["my-scripts/tool/__init__.py"].Name.ShouldBe("tool");
        byPath["my-scripts/run-server.py"].IsImportable.ShouldBeFalse();
        byPath["my-scripts/run-server.py"].Name.ShouldBe("my-scripts/run-server.py");
    }

    [Fact]
    public void A_package_beats_a_module_of_the_same_name()
    {
        var paths = new[] { "foo.py", "foo/__init__.py" };
        var index = ModuleIndex.Build(ProjectLayout.Flat, paths);
        index.TryGetModule("foo", out var foo).ShouldBeTrue();
        foo.RelativePath.ShouldBe("foo/__init__.py");
        index.ByPath("foo.py")!.IsImportable.ShouldBeFalse();
    }

    [Fact]
    public void Longest_prefix_finds_the_module_that_defines_a_qualified_name()
    {
        var paths = new[] { "pkg/__init__.py", "pkg/mod.py" };
        var index = ModuleIndex.Build(ProjectLayout.Flat, paths);
        index.FindLongestPrefix("pkg.mod.Cls.method", out var rest)!.Name.ShouldBe("pkg.mod");
        rest.ShouldBe("Cls.method");
        index.FindLongestPrefix("pkg.mod", out rest)!.Name.ShouldBe("pkg.mod");
        rest.ShouldBe("");
        index.FindLongestPrefix("numpy.dot", out rest).ShouldBeNull();
    }

    [Fact]
    public void Windows_separators_and_leading_dot_slash_are_normalised()
    {
        var index = ModuleIndex.Build(ProjectLayout.Flat, [".\\pkg\\__init__.py", "./pkg/a.py"]);
        index.Modules.Select(m => (m.RelativePath, m.Name)).ShouldBe([("pkg/__init__.py", "pkg"), ("pkg/a.py", "pkg.a")]);
    }
}
