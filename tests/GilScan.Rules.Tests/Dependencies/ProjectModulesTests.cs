using GilScan.Rules.Dependencies;

namespace GilScan.Rules.Tests.Dependencies;

public sealed class ProjectModulesTests
{
    [Fact]
    public void Top_level_names_come_from_flat_and_src_layouts()
    {
        var names = ProjectModules.TopLevelNames(["app/main.py", "src/service/api.py", "tasks.py", "stubs.pyi", "tests/test_app.py", "lib/helpers.py"]);

        names.ShouldBe(["app", "helpers", "lib", "service", "src", "stubs", "tasks", "tests"]);
    }
}
