using GilScan.Analysis.Diagnostics;

namespace GilScan.Rules.Threads;

/// <summary>
/// GIL101: a CPU-bound pure-Python callable runs on a thread of its own (<c>threading.Thread</c>,
/// <c>Timer</c>, a Thread subclass's <c>run</c>, <c>_thread.start_new_thread</c>). See rules/docs/GIL101.md.
/// </summary>
public sealed class CpuBoundThreadTarget : ThreadWorkRule
{
    public new const string Id = "GIL101";

    /// <summary>Arguments: the callable, the work in words.</summary>
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        Id, name: "CpuBoundThreadTarget", title: "CPU-bound pure-Python work on a thread",
        message: "'{0}' runs on a thread but is CPU-bound pure Python ('{1}'); under the GIL it cannot run in parallel with other threads.",
        category: RuleCategory.Threads, level: RuleLevel.Warning,
        tags: ["performance", "gil", "threading"]);

    public CpuBoundThreadTarget()
        : base(Descriptor, ThreadStartFamily.Thread)
    {
    }

    protected override object[] MessageArguments(string callable, string starter, string work) => [callable, work];
}
