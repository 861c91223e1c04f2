using GilScan.Confirmation.Interpreters;
using GilScan.Confirmation.Results;
using GilScan.Confirmation.Targets;
using GilScan.Confirmation.Verdicts;
using Xunit.Abstractions;

namespace GilScan.Confirmation.Tests;

/// <summary>
/// Runs a confirmation up to three times while it comes out inconclusive. On a machine that other jobs
/// are using, "inconclusive: no spare cores" or "too noisy" is the honest answer, and a user would rerun;
/// what a test must never see is the opposite verdict, and that ends the attempts at once. Still
/// inconclusive after the last attempt, the test is skipped with the machine's reason (the verdict the
/// tool gave is then the right one, and the expected one cannot be observed here).
/// </summary>
internal static class Attempts
{
    public const int Limit = 3;

    public static async Task<ConfirmationResult> UntilDecided(
        ConfirmationEngine engine, ConfirmationTarget target, IReadOnlyList<InterpreterIdentity> interpreters, ITestOutputHelper output)
    {
        ConfirmationResult result = null!;
        for (var attempt = 1; attempt <= Limit; attempt++)
        {
            result = await engine.ConfirmAsync(target, interpreters);
            output.WriteLine($"attempt {attempt}: {result.Verdict}: {result.Reason}");
            output.WriteLine(Reporting.ConfirmationProperty.ToCanonicalString(result));
            if (result.Verdict != Verdict.Inconclusive)
            {
                return result;
            }
        }

        Skip.If(true, $"inconclusive in {Limit} attempts, the machine was not quiet enough to measure: {result.Reason}");
        return result;
    }
}
