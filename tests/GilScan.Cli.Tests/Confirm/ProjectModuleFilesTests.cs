using GilScan.Cli.Confirm;

namespace GilScan.Cli.Tests.Confirm;

/// <summary>Where a module the configuration names is imported from, and whether it names a coroutine.</summary>
public sealed class ProjectModuleFilesTests
{
    private static readonly ProjectModuleFiles Modules = new(new Dictionary<string, byte[]>(StringComparer.Ordinal)
    {
        ["src/app/__init__.py"] = [],
        ["src/app/jobs.py"] = """
            def crunch(n):
                return n

            async def tick():
                return 1

            class Service:
                async def serve(self):
                    return 1

            def outer():
                async def inner():
                    return 1
                return inner
            """u8.ToArray(),
        ["tests/app/jobs.py"] = "def crunch(n):\n    return n\n"u8.ToArray(),
        ["tools/gen.py"] = "def main():\n    pass\n"u8.ToArray(),
    });

    [Fact]
    public void A_module_is_found_in_the_folder_nearest_the_root_and_imported_from_there()
    {
        Modules.FileOf("app.jobs").ShouldBe("src/app/jobs.py");
        Modules.FileOf("app").ShouldBe("src/app/__init__.py");
        Modules.ImportRootOf("app.jobs").ShouldBe("src");
        Modules.ImportRootOf("app").ShouldBe("src");
        Modules.ImportRootOf("tools.gen").ShouldBe("");
        Modules.ImportRootOf("missing.module").ShouldBeNull();
    }

    [Theory]
    [InlineData("crunch", false)]
    [InlineData("tick", true)]
    [InlineData("Service.serve", true)]
    [InlineData("outer.inner", null)]
    [InlineData("nothing", null)]
    public void A_definition_says_whether_it_is_a_coroutine(string name, bool? coroutine)
    {
        Modules.IsCoroutine("app.jobs", name).ShouldBe(coroutine);
    }
}
