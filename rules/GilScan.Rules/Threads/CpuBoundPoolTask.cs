using GilScan.Analysis.Diagnostics;

namespace GilScan.Rules.Threads;

/// <summary>
/// GIL102: a CPU-bound pure-Python callable is submitted to a pool of threads
/// (<c>ThreadPoolExecutor.submit/map</c>, <c>multiprocessing.pool.ThreadPool</c>,
/// <c>multiprocessing.dummy.Pool</c>, <c>asyncio.to_thread</c>, <c>loop.run_in_executor</c> with the
/// default or a thread executor). See rules/docs/GIL102.md.
/// </summary>
public sealed class CpuBoundPoolTask : ThreadWorkRule
{
    public new const string Id = "GIL102";

    /// <summary>Arguments: the callable, the pool call, the work in words.</summary>
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        Id, name: "CpuBoundPoolTask", title: "CPU-bound pure-Python work submitted to a thread pool",
        message: "'{0}' is sent to '{1}' but is CPU-bound pure Python ('{2}'); under the GIL the pool's threads run it one at a time.",
        category: RuleCategory.Threads, level: RuleLevel.Warning,
        tags: ["performance", "gil", "threading", "concurrent-futures"]);

    public CpuBoundPoolTask()
        : base(Descriptor, ThreadStartFamily.Pool)
    {
    }

    protected override object[] MessageArguments(string callable, string starter, string work) => [callable, starter, work];
}
