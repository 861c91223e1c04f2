using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Markers;

namespace GilScan.Dependencies.Tests.Markers;

public sealed class MarkerTests
{
    private static readonly MarkerEnvironment Linux314t = MarkerEnvironment.For(FreeThreadedTarget.Python314t);

    private static bool? Evaluate(string marker, MarkerEnvironment? environment = null) =>
        MarkerParser.Parse(marker).Evaluate(environment ?? Linux314t);

    [Theory]
    [InlineData("python_full_version < '3.11'", false)]
    [InlineData("python_full_version >= '3.11'", true)]
    [InlineData("python_version < '3.14'", false)]
    [InlineData("python_version >= \"3.14\"", true)]
    [InlineData("python_full_version == '3.14.*'", true)]
    [InlineData("python_full_version == '3.13.*' and implementation_name == 'cpython'", false)]
    [InlineData("(python_full_version >= '3.12' and python_full_version < '3.15' and implementation_name != 'cpython') or (python_full_version == '3.14.*' and implementation_name == 'cpython')", true)]
    [InlineData("sys_platform == 'win32'", false)]
    [InlineData("sys_platform != 'win32'", true)]
    [InlineData("os_name == 'nt'", false)]
    [InlineData("platform_system == 'Linux' and platform_machine == 'x86_64'", true)]
    [InlineData("platform_machine == 'aarch64'", false)]
    [InlineData("platform_python_implementation != 'PyPy'", true)]
    [InlineData("'linux' in sys_platform", true)]
    [InlineData("'win' not in sys_platform", true)]
    [InlineData("python_version < '3.13' or sys_platform == 'darwin'", false)]
    [InlineData("'free-threading' in sys_abi_features", true)]
    [InlineData("'gil-enabled' in sys_abi_features", false)]
    [InlineData("os.name == 'posix'", true)]
    public void Markers_are_evaluated_against_linux_x86_64_cpython_3_14t(string marker, bool expected) =>
        Evaluate(marker).ShouldBe(expected);

    [Theory]
    [InlineData("platform_release >= '5.0'")]
    [InlineData("extra == 'socks'")]
    [InlineData("platform_version == '1' and python_version >= '3.8'")]
    public void Values_the_target_does_not_fix_are_unknown_not_false(string marker) =>
        Evaluate(marker).ShouldBeNull();

    [Fact]
    public void Unknown_and_false_is_false_and_unknown_or_true_is_true()
    {
        Evaluate("extra == 'x' and sys_platform == 'win32'").ShouldBe(false);
        Evaluate("extra == 'x' or sys_platform == 'linux'").ShouldBe(true);
    }

    [Fact]
    public void Extras_are_compared_in_normal_form_once_named()
    {
        var environment = Linux314t.WithExtras(["Socks_Proxy"]);
        Evaluate("extra == 'socks-proxy'", environment).ShouldBe(true);
        Evaluate("extra == 'other'", environment).ShouldBe(false);
        Evaluate("'socks.proxy' in extras", environment).ShouldBe(true);
    }

    [Theory]
    [InlineData("macos-arm64", "sys_platform == 'darwin' and platform_machine == 'arm64'", true)]
    [InlineData("windows-amd64", "sys_platform == 'win32' and platform_machine == 'AMD64' and os_name == 'nt'", true)]
    [InlineData("windows", "platform_system == 'Windows'", true)]
    [InlineData("linux-aarch64", "platform_machine == 'aarch64'", true)]
    [InlineData("musllinux-x86_64", "sys_platform == 'linux'", true)]
    public void The_platform_option_changes_the_marker_values(string platform, string marker, bool expected)
    {
        TargetPlatform.TryParse(platform, out var parsed).ShouldBeTrue();
        Evaluate(marker, MarkerEnvironment.For(FreeThreadedTarget.Python314t with { Platform = parsed })).ShouldBe(expected);
    }

    [Theory]
    [InlineData("python_version <")]
    [InlineData("python_version < '3.11' and")]
    [InlineData("(python_version < '3.11'")]
    [InlineData("kernel == 'linux'")]
    [InlineData("python_version not '3.11'")]
    [InlineData("sys_platform == 'linux")]
    public void Malformed_markers_are_refused_with_a_reason(string marker)
    {
        MarkerParser.TryParse(marker, out _, out var error).ShouldBeFalse();
        error.ShouldStartWith($"invalid marker '{marker}': ");
    }

    [Fact]
    public void A_marker_keeps_its_text_for_the_report()
    {
        var marker = MarkerParser.Parse("  python_full_version < '3.11'   and sys_platform=='linux' ");
        marker.Text.ShouldBe("python_full_version < '3.11'   and sys_platform=='linux'");
        ((AndMarker)marker).Right.Text.ShouldBe("sys_platform=='linux'");
    }
}

public sealed class TargetPlatformTests
{
    [Theory]
    [InlineData("linux-x86_64", "pkg-1.0-cp314-cp314t-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", true)]
    [InlineData("linux-x86_64", "pkg-1.0-cp314-cp314t-musllinux_1_2_x86_64.whl", false)]
    [InlineData("linux-x86_64", "pkg-1.0-cp314-cp314t-manylinux_2_17_aarch64.whl", false)]
    [InlineData("linux-x86_64", "pkg-1.0-cp314-cp314t-win_amd64.whl", false)]
    [InlineData("linux-x86_64", "pkg-1.0-cp314-cp314t-linux_x86_64.whl", true)]
    [InlineData("musllinux-x86_64", "pkg-1.0-cp314-cp314t-musllinux_1_2_x86_64.whl", true)]
    [InlineData("macos-arm64", "pkg-1.0-cp314-cp314t-macosx_11_0_arm64.whl", true)]
    [InlineData("macos-arm64", "pkg-1.0-cp314-cp314t-macosx_10_13_universal2.whl", true)]
    [InlineData("macos-arm64", "pkg-1.0-cp314-cp314t-macosx_10_13_x86_64.whl", false)]
    [InlineData("macos-x86_64", "pkg-1.0-cp314-cp314t-macosx_10_13_x86_64.whl", true)]
    [InlineData("windows-amd64", "pkg-1.0-cp314-cp314t-win_amd64.whl", true)]
    [InlineData("windows-arm64", "pkg-1.0-cp314-cp314t-win_amd64.whl", false)]
    [InlineData("windows-amd64", "pkg-1.0-py3-none-any.whl", true)]
    public void Only_wheels_for_the_platform_install(string platform, string wheel, bool expected)
    {
        TargetPlatform.TryParse(platform, out var parsed).ShouldBeTrue();
        var target = FreeThreadedTarget.Python314t with { Platform = parsed };
        GilScan.Dependencies.Wheels.WheelFilename.TryParse(wheel)!.Tags.Any(target.Installs).ShouldBe(expected);
    }

    [Theory]
    [InlineData("linux", "linux-x86_64")]
    [InlineData("Linux_AArch64", "linux-aarch64")]
    [InlineData("macos", "macos-arm64")]
    [InlineData("darwin-x86_64", "macos-x86_64")]
    [InlineData("win", "windows-amd64")]
    [InlineData("windows-arm64", "windows-arm64")]
    public void Platform_names_and_their_usual_spellings(string text, string expected)
    {
        TargetPlatform.TryParse(text, out var platform).ShouldBeTrue();
        platform.Name.ShouldBe(expected);
    }

    [Theory]
    [InlineData("solaris")]
    [InlineData("macos-ppc")]
    [InlineData("linux-armv7")]
    public void Unknown_platforms_are_refused(string text) => TargetPlatform.TryParse(text, out _).ShouldBeFalse();
}
