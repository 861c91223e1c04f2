namespace GilScan.Testing;

/// <summary>
/// Tools some tests need that a fresh machine with only the .NET SDK lacks: Debian's pypy3,
/// python3-numpy, clang/lld/llvm, pyenv's CPython 3.13.0 and the npm SARIF validators. Outside CI a
/// test that needs a missing one is skipped with the reason and the install command; under CI
/// (<c>CI=true</c>, where .ci/run installs them) it runs and fails, so that nothing is skipped there
/// silently.
/// </summary>
public static class OptionalTools
{
    /// <summary>True when a CI system runs the tests (CI=true, as .ci/run is run): missing tools fail tests instead of skipping them.</summary>
    public static bool Required =>
        Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && ci != "0";

    /// <summary>
    /// The skip reason for a test whose tool is <paramref name="missing"/> (a sentence naming it and how
    /// to install it), or null when nothing is missing or CI requires the test to run.
    /// </summary>
    public static string? SkipReason(string? missing) =>
        missing is null || Required ? null : $"{missing} (outside CI this test is skipped; .ci/run installs it, and with CI=true the test fails instead)";
}
