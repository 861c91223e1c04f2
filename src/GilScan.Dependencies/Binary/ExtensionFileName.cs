using System.Text.RegularExpressions;

namespace GilScan.Dependencies.Binary;

/// <summary>What an extension module's file name says about the ABI it was built for.</summary>
public enum FileNameAbi
{
    /// <summary>"foo.so", "foo.pyd": the loader accepts it on any CPython; the name says nothing.</summary>
    Untagged,

    /// <summary>"foo.cpython-313-x86_64-linux-gnu.so", "foo.cp313-win_amd64.pyd": one GIL-build CPython.</summary>
    CPython,

    /// <summary>"foo.cpython-313t-….so", "foo.cp313t-win_amd64.pyd": one free-threaded CPython.</summary>
    CPythonFreeThreaded,

    /// <summary>"foo.abi3.so": the stable ABI, which 3.13t/3.14t cannot load.</summary>
    Abi3,

    /// <summary>"foo.abi3t.so": PEP 803's free-threaded stable ABI, CPython 3.15 and later.</summary>
    Abi3t,

    /// <summary>PyPy, GraalPy and other non-CPython tags.</summary>
    OtherImplementation,

    /// <summary>Not an extension-module suffix (.dylib, a versioned .so.1, …).</summary>
    NotAnExtension,
}

/// <summary>
/// Parses extension-module file names: POSIX <c>.{SOABI}.so</c> (<c>cpython-313t-x86_64-linux-gnu</c>,
/// <c>cpython-313t-darwin</c>), <c>.abi3.so</c>, untagged <c>.so</c>; Windows <c>.cp313t-win_amd64.pyd</c>
/// and untagged <c>.pyd</c> (CPython's <c>PYD_TAGGED_SUFFIX</c>, with <c>_d</c> for debug builds).
/// </summary>
public sealed partial record ExtensionFileName(string FileName, string ModuleName, FileNameAbi Abi, string? PythonVersionDigits, string? AbiFlags)
{
    public static ExtensionFileName Parse(string path)
    {
        var fileName = Path.GetFileName(path.Replace('\\', '/'));
        var soabi = SoabiPattern().Match(fileName);
        if (soabi.Success)
        {
            var flags = soabi.Groups["flags"].Value;
            return new ExtensionFileName(fileName, soabi.Groups["module"].Value,
                flags.Contains('t') ? FileNameAbi.CPythonFreeThreaded : FileNameAbi.CPython, soabi.Groups["version"].Value, flags);
        }

        var pyd = PydPattern().Match(fileName);
        if (pyd.Success)
        {
            if (!pyd.Groups["version"].Success)
            {
                return new ExtensionFileName(fileName, pyd.Groups["module"].Value, FileNameAbi.Untagged, null, null);
            }

            var flags = pyd.Groups["flags"].Value;
            return new ExtensionFileName(fileName, pyd.Groups["module"].Value,
                flags.Contains('t') ? FileNameAbi.CPythonFreeThreaded : FileNameAbi.CPython, pyd.Groups["version"].Value, flags);
        }

        var stable = StablePattern().Match(fileName);
        if (stable.Success)
        {
            return new ExtensionFileName(fileName, stable.Groups["module"].Value,
                stable.Groups["abi"].Value == "abi3t" ? FileNameAbi.Abi3t : FileNameAbi.Abi3, null, null);
        }

        var other = OtherImplementationPattern().Match(fileName);
        if (other.Success)
        {
            return new ExtensionFileName(fileName, other.Groups["module"].Value, FileNameAbi.OtherImplementation, null, null);
        }

        var plain = PlainSoPattern().Match(fileName);
        return plain.Success
            ? new ExtensionFileName(fileName, plain.Groups["module"].Value, FileNameAbi.Untagged, null, null)
            : new ExtensionFileName(fileName, fileName.Split('.')[0], FileNameAbi.NotAnExtension, null, null);
    }

    /// <summary>Whether a file name looks like something the import system could load as an extension.</summary>
    public static bool IsCandidate(string path)
    {
        var name = Path.GetFileName(path.Replace('\\', '/'));
        return name.EndsWith(".so", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".pyd", StringComparison.OrdinalIgnoreCase)
               || name.EndsWith(".dylib", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^(?<module>[A-Za-z_][A-Za-z0-9_]*)\.cpython-(?<version>3[0-9]+)(?<flags>[dmut]*)(?:-[A-Za-z0-9_.-]+)?\.so$")]
    private static partial Regex SoabiPattern();

    [GeneratedRegex(@"^(?<module>[A-Za-z_][A-Za-z0-9_]*?)(?:_d)?(?:\.cp(?<version>3[0-9]+)(?<flags>[dt]*)-[A-Za-z0-9_]+)?\.pyd$", RegexOptions.IgnoreCase)]
    private static partial Regex PydPattern();

    [GeneratedRegex(@"^(?<module>[A-Za-z_][A-Za-z0-9_]*)\.(?<abi>abi3t?)\.so$")]
    private static partial Regex StablePattern();

    [GeneratedRegex(@"^(?<module>[A-Za-z_][A-Za-z0-9_]*)\.(?:pypy|graalpy|pyston)[A-Za-z0-9_-]*\.so$")]
    private static partial Regex OtherImplementationPattern();

    [GeneratedRegex(@"^(?<module>[A-Za-z_][A-Za-z0-9_]*)\.so$")]
    private static partial Regex PlainSoPattern();
}
