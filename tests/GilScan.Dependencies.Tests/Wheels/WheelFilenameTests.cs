using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Wheels;

namespace GilScan.Dependencies.Tests.Wheels;

public sealed class WheelFilenameTests
{
    [Fact]
    public void Compressed_tag_sets_expand_to_their_product()
    {
        var wheel = WheelFilename.TryParse("numpy-2.3.4-cp314-cp314t-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl")!;
        wheel.Distribution.ShouldBe("numpy");
        wheel.Version!.ToString().ShouldBe("2.3.4");
        wheel.Tags.Select(t => t.ToString()).ShouldBe([
            "cp314-cp314t-manylinux_2_27_x86_64",
            "cp314-cp314t-manylinux_2_28_x86_64",
        ]);
        wheel.Tags.ShouldAllBe(t => t.IsFreeThreadedAbi);
    }

    [Fact]
    public void Python_and_abi_sets_expand_too()
    {
        var wheel = WheelFilename.TryParse("limited_api-1.2.3-cp315-abi3.abi3t-win_amd64.whl")!;
        wheel.Tags.Select(t => t.ToString()).ShouldBe(["cp315-abi3-win_amd64", "cp315-abi3t-win_amd64"]);
        WheelFilename.TryParse("six-1.17.0-py2.py3-none-any.whl")!.Tags.Select(t => t.Interpreter).ShouldBe(["py2", "py3"]);
    }

    [Fact]
    public void Build_tag_and_old_style_names_are_accepted()
    {
        var wheel = WheelFilename.TryParse("PyYAML-6.0.1-1-cp311-cp311-manylinux_2_17_x86_64.whl")!;
        wheel.BuildTag.ShouldBe("1");
        wheel.NormalizedName.ShouldBe("pyyaml");
        WheelFilename.TryParse("ruamel.yaml.clib-0.2.8-cp312-cp312-win_amd64.whl")!.NormalizedName.ShouldBe("ruamel-yaml-clib");
    }

    [Theory]
    [InlineData("numpy-2.3.4.tar.gz", "'numpy-2.3.4.tar.gz' is not a wheel file name (no .whl suffix)")]
    [InlineData("numpy-2.3.4-cp314.whl", "'numpy-2.3.4-cp314.whl' is not a wheel file name: expected 5 or 6 dash-separated fields, found 3")]
    [InlineData("numpy-2.3.4-x1-cp314-cp314-any.whl", "'numpy-2.3.4-x1-cp314-cp314-any.whl' has a build tag 'x1' that does not start with a digit")]
    [InlineData("numpy--cp314-cp314-any.whl", "'numpy--cp314-cp314-any.whl' is not a wheel file name: empty field")]
    public void Malformed_names_are_rejected_with_the_reason(string name, string reason)
    {
        WheelFilename.TryParse(name, out _, out var error).ShouldBeFalse();
        error.ShouldBe(reason);
    }

    [Theory]
    [InlineData("cp314-cp314t-manylinux_2_28_x86_64", "3.14t", true)]
    [InlineData("cp313-cp313t-manylinux_2_28_x86_64", "3.14t", false)]
    [InlineData("cp314-cp314-manylinux_2_28_x86_64", "3.14t", false)]
    [InlineData("cp39-abi3-manylinux_2_28_x86_64", "3.14t", false)]
    [InlineData("cp39-abi3-manylinux_2_28_x86_64", "3.13t", false)]
    [InlineData("cp315-abi3t-win_amd64", "3.14t", false)]
    [InlineData("py3-none-any", "3.13t", true)]
    [InlineData("py313-none-any", "3.13t", true)]
    [InlineData("py314-none-any", "3.13t", false)]
    [InlineData("py3-none-manylinux_2_28_x86_64", "3.14t", true)]
    [InlineData("cp313-none-any", "3.13t", true)]
    [InlineData("cp313-cp313t-win_amd64", "3.13t", true)]
    public void Free_threaded_targets_install_the_tags_packaging_generates_for_them(string tag, string target, bool installs)
    {
        var parts = tag.Split('-');
        FreeThreadedTarget.TryParse(target, out var parsed).ShouldBeTrue();
        parsed.InstallsOnSomePlatform(new WheelTag(parts[0], parts[1], parts[2])).ShouldBe(installs);
    }

    [Fact]
    public void A_wheel_for_another_platform_does_not_install_on_the_default_linux_x86_64_target()
    {
        var windows = new WheelTag("cp313", "cp313t", "win_amd64");
        FreeThreadedTarget.Python313t.InstallsOnSomePlatform(windows).ShouldBeTrue();
        FreeThreadedTarget.Python313t.Installs(windows).ShouldBeFalse();
        FreeThreadedTarget.Python313t.Installs(new WheelTag("cp313", "cp313t", "manylinux_2_17_x86_64")).ShouldBeTrue();
    }

    [Theory]
    [InlineData("3.14t", 3, 14)]
    [InlineData("cp313t", 3, 13)]
    [InlineData(" 3.13T ", 3, 13)]
    public void Targets_parse_from_both_spellings(string text, int major, int minor)
    {
        FreeThreadedTarget.TryParse(text, out var target).ShouldBeTrue();
        target.ShouldBe(new FreeThreadedTarget(major, minor));
    }

    [Theory]
    [InlineData("3.14")]
    [InlineData("3.12t")]
    [InlineData("pypy")]
    public void Non_free_threaded_targets_are_refused(string text) => FreeThreadedTarget.TryParse(text, out _).ShouldBeFalse();
}
