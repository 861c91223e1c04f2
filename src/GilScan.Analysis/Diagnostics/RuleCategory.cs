namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// The family a rule belongs to. The numeric value is the hundreds digit of the rule ids in the
/// category (GIL1xx are <see cref="Threads"/>); <see cref="RuleCategoryFacts"/> holds the ranges.
/// </summary>
public enum RuleCategory
{
    /// <summary>GIL0xx: problems of the run itself (unparsable or unreadable files, bad configuration).</summary>
    Tool = 0,

    /// <summary>GIL1xx: CPU-bound pure-Python work on threads.</summary>
    Threads = 1,

    /// <summary>GIL2xx: work that blocks an asyncio event loop.</summary>
    Asyncio = 2,

    /// <summary>GIL3xx: multiprocessing that pays more in pickling and IPC than it gains.</summary>
    Processes = 3,

    /// <summary>GIL4xx: dependencies that keep the GIL on under free-threaded CPython.</summary>
    Dependencies = 4,

    /// <summary>GIL5xx: code that is unsafe once the GIL is gone.</summary>
    FreeThreading = 5,
}
