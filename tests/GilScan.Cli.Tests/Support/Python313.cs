using Xunit;
using GilScan.Testing;

namespace GilScan.Cli.Tests.Support;

/// <summary>pyenv's CPython 3.13.0, the interpreter <c>--confirm</c> tests measure with.</summary>
internal static class Python313
{
    public static string Path =>
        System.IO.Path.Combine(
            Environment.GetEnvironmentVariable("PYENV_ROOT") ?? System.IO.Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/root", ".pyenv"),
            "versions", "3.13.0", "bin", "python3");

    public static string? SkipReason => File.Exists(Path) ? null : OptionalTools.SkipReason($"pyenv's CPython 3.13.0 is not installed at {Path} (pyenv install 3.13.0)");
}

/// <summary>A fact that runs project code under pyenv's CPython 3.13.0: skipped with the reason when it is missing.</summary>
public sealed class ConfirmFactAttribute : SkippableFactAttribute
{
    public ConfirmFactAttribute() => Skip = Python313.SkipReason;
}

/// <summary>A <see cref="ConfirmFactAttribute"/> that also validates SARIF: skipped when either is missing.</summary>
public sealed class ConfirmValidatorFactAttribute : SkippableFactAttribute
{
    public ConfirmValidatorFactAttribute() => Skip = Python313.SkipReason ?? SarifValidators.SkipReason;
}

/// <summary>
/// Tests that measure: they need the cores to themselves, so they run one at a time and after the
/// parallel tests (xunit runs a collection without parallelisation on its own).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasurementCollection
{
    public const string Name = "measurements";
}
