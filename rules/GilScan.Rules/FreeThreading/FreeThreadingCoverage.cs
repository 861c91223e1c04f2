using GilScan.Semantics;

namespace GilScan.Rules.FreeThreading;

/// <summary>
/// What GIL501 and GIL502 looked at in one project, so that a report can say what an empty result means:
/// the rules that ran, the thread starts found, the functions those threads run, and how many of them
/// several threads can run at once. Zero thread starts means there was nothing to check, which is a
/// different statement from "checked and found nothing".
/// </summary>
/// <param name="Rules">The free-threading rules that ran ("GIL501", "GIL502"), in id order.</param>
/// <param name="ThreadStarts">Distinct places in the project that start threads or hand work to a thread pool.</param>
/// <param name="ThreadReachableFunctions">Distinct project functions that some thread runs (the targets and what they call).</param>
/// <param name="ConcurrentFunctions">Of those, the ones that several threads may run at the same time.</param>
public sealed record FreeThreadingCoverage(IReadOnlyList<string> Rules, int ThreadStarts, int ThreadReachableFunctions, int ConcurrentFunctions)
{
    /// <summary>The rules whose findings are about the project's own code under free-threading.</summary>
    public static IReadOnlyList<string> RuleIds { get; } = [UnsynchronisedReadModifyWrite.Id, SharedContainerIteratedWhileChanged.Id];

    public static bool IsFreeThreadingRule(string ruleId) => RuleIds.Contains(ruleId, StringComparer.Ordinal);

    /// <summary>The coverage of <paramref name="model"/>'s analysis (computed once per model and shared with the rules).</summary>
    public static FreeThreadingCoverage Of(ProjectModel model, IEnumerable<string> rulesRan)
    {
        ArgumentNullException.ThrowIfNull(model);
        var reachability = FreeThreadingAnalysis.Of(model).Reachability;

        // The code that starts a thread is checked too (it runs beside the thread until it waits), but it is not
        // "run by a thread": counting it would make a project whose main() starts one thread look larger than it is.
        var threadRun = reachability.Reached.Where(r => !r.IsStartingCode).Select(r => r.Function).Distinct().ToList();
        return new FreeThreadingCoverage(
            [.. rulesRan.Where(IsFreeThreadingRule).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            reachability.Entries.Where(e => !e.IsStartingCode).Select(e => e.Site).Distinct().Count(),
            threadRun.Count,
            threadRun.Count(reachability.RunsConcurrently));
    }

    /// <summary>Adds up the coverage of several projects of one run (nested projects each have their own model).</summary>
    public static FreeThreadingCoverage Combine(IEnumerable<FreeThreadingCoverage> parts)
    {
        var list = parts.ToList();
        return new FreeThreadingCoverage(
            [.. list.SelectMany(p => p.Rules).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            list.Sum(p => p.ThreadStarts),
            list.Sum(p => p.ThreadReachableFunctions),
            list.Sum(p => p.ConcurrentFunctions));
    }
}
