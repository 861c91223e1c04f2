using GilScan.Dependencies.Binary;

namespace GilScan.Dependencies.Tests.Wheels;

public sealed class ExtensionFileNameTests
{
    [Theory]
    [InlineData("foo.cpython-313t-x86_64-linux-gnu.so", "foo", FileNameAbi.CPythonFreeThreaded, "313", "t")]
    [InlineData("foo.cpython-313t-darwin.so", "foo", FileNameAbi.CPythonFreeThreaded, "313", "t")]
    [InlineData("foo.cpython-314td-x86_64-linux-gnu.so", "foo", FileNameAbi.CPythonFreeThreaded, "314", "td")]
    [InlineData("_yaml.cpython-311-x86_64-linux-gnu.so", "_yaml", FileNameAbi.CPython, "311", "")]
    [InlineData("foo.cp313t-win_amd64.pyd", "foo", FileNameAbi.CPythonFreeThreaded, "313", "t")]
    [InlineData("foo.cp313-win_amd64.pyd", "foo", FileNameAbi.CPython, "313", "")]
    [InlineData("foo.pyd", "foo", FileNameAbi.Untagged, null, null)]
    [InlineData("foo.so", "foo", FileNameAbi.Untagged, null, null)]
    [InlineData("_rust.abi3.so", "_rust", FileNameAbi.Abi3, null, null)]
    [InlineData("limited.abi3t.so", "limited", FileNameAbi.Abi3t, null, null)]
    [InlineData("foo.pypy310-pp73-x86_64-linux-gnu.so", "foo", FileNameAbi.OtherImplementation, null, null)]
    [InlineData("libxgboost.so.2", "libxgboost", FileNameAbi.NotAnExtension, null, null)]
    [InlineData("libfoo.dylib", "libfoo", FileNameAbi.NotAnExtension, null, null)]
    public void Extension_suffixes_tell_the_abi(string name, string module, FileNameAbi abi, string? version, string? flags)
    {
        var parsed = ExtensionFileName.Parse("pkg/sub/" + name);
        (parsed.ModuleName, parsed.Abi, parsed.PythonVersionDigits, parsed.AbiFlags).ShouldBe((module, abi, version, flags));
    }
}
