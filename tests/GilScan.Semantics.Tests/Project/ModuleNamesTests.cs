using GilScan.Semantics.Project;

namespace GilScan.Semantics.Tests.Project;

public class ModuleNamesTests
{
    [Theory]
    [InlineData("pkg.sub.mod", false, 1, "a", "pkg.sub.a")]
    [InlineData("pkg.sub.mod", false, 2, "a", "pkg.a")]
    [InlineData("pkg.sub.mod", false, 2, null, "pkg")]
    [InlineData("pkg.sub", true, 1, "a", "pkg.sub.a")]
    [InlineData("pkg.sub", true, 2, "a", "pkg.a")]
    [InlineData("pkg.sub", true, 1, null, "pkg.sub")]
    [InlineData("pkg.mod", false, 0, "os.path", "os.path")]
    public void Relative_imports_resolve_like_importlib(string current, bool isPackage, int level, string? module, string expected) =>
        ModuleNames.ResolveRelative(current, isPackage, level, module).ShouldBe(expected);

    [Theory]
    [InlineData("mod", false, 1, "a")]
    [InlineData("pkg.mod", false, 2, "a")]
    [InlineData("pkg", true, 2, null)]
    public void Relative_imports_above_the_top_level_package_are_unresolved(string current, bool isPackage, int level, string? module) =>
        ModuleNames.ResolveRelative(current, isPackage, level, module).ShouldBeNull();

    [Theory]
    [InlineData("abc", true)]
    [InlineData("_x1", true)]
    [InlineData("é", true)]
    [InlineData("1x", false)]
    [InlineData("my-scripts", false)]
    [InlineData("a.b", false)]
    [InlineData("", false)]
    public void Identifiers_are_recognised(string text, bool expected) => ModuleNames.IsIdentifier(text).ShouldBe(expected);
}
