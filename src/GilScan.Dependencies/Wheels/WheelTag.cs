namespace GilScan.Dependencies.Wheels;

/// <summary>One expanded compatibility tag (python-abi-platform), e.g. cp313-cp313t-manylinux_2_17_x86_64.</summary>
public sealed record WheelTag(string Interpreter, string Abi, string Platform)
{
    public bool IsPurePython => Abi == "none" && Platform == "any";

    /// <summary>A CPython extension ABI: "cp313", "cp313t", "cp39d", "abi3", "abi3t" (not "none").</summary>
    public bool HasCompiledAbi => Abi != "none";

    public bool IsAbi3 => Abi == "abi3";
    public bool IsAbi3t => Abi == "abi3t";

    /// <summary>True for a free-threaded CPython ABI tag such as "cp313t" or "cp314td".</summary>
    public bool IsFreeThreadedAbi => TryParseCPythonAbi(Abi, out _, out var flags) && flags.Contains('t');

    /// <summary>Splits "cp313t" into the version digits "313" and flags "t"; false for abi3, none, pypy etc.</summary>
    public static bool TryParseCPythonAbi(string abi, out string versionDigits, out string flags)
    {
        versionDigits = "";
        flags = "";
        if (!abi.StartsWith("cp", StringComparison.Ordinal) || abi.Length < 4)
        {
            return false;
        }

        var end = 2;
        while (end < abi.Length && char.IsAsciiDigit(abi[end]))
        {
            end++;
        }

        if (end == 2)
        {
            return false;
        }

        versionDigits = abi[2..end];
        flags = abi[end..];
        return flags.All(c => c is 'd' or 'm' or 'u' or 't');
    }

    public override string ToString() => $"{Interpreter}-{Abi}-{Platform}";
}
