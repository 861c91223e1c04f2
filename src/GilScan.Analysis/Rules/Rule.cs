using GilScan.Analysis.Diagnostics;

namespace GilScan.Analysis.Rules;

/// <summary>
/// One rule: one sealed class, one id, one page in rules/docs, one test class. A rule says what it
/// looks at in <see cref="Initialize"/> and reports through the contexts it is handed; the engine
/// walks each tree once and calls it. Rules keep no mutable state: the same instance runs on many
/// files at once, and what one run needs across files lives in the closures of a
/// <see cref="RuleRegistrar.ProjectStart"/> action, which are made fresh for every run.
/// </summary>
/// <example>
/// <code>
/// public sealed class CpuBoundThreadTarget : Rule
/// {
///     public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create("GIL101", ...);
///     public CpuBoundThreadTarget() : base(Descriptor) { }
///     public override void Initialize(RuleRegistrar on) => on.Call(Analyze);
///     private static void Analyze(NodeContext&lt;Call&gt; call) { ... }
/// }
/// </code>
/// </example>
public abstract class Rule
{
    protected Rule(RuleDescriptor definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
    }

    /// <summary>
    /// The one descriptor this rule reports; a diagnostic of any other descriptor is refused. (Named so
    /// that a rule class can keep its descriptor in a static field called <c>Descriptor</c>, as STYLE.md shows.)
    /// </summary>
    public RuleDescriptor Definition { get; }

    public string Id => Definition.Id;

    /// <summary>
    /// The shared model whose own inputs (<see cref="ProjectModelInputs"/>) this rule reports on, if any:
    /// where the project root holds none, the rule has nothing to report, and a caller may leave it out of
    /// the run (a project rule makes every run parse and keep every file).
    /// </summary>
    public virtual Type? ReportsOnInputsOf => null;

    /// <summary>Registers the actions of the rule; called once per run, before any file is analysed.</summary>
    public abstract void Initialize(RuleRegistrar on);

    public override string ToString() => Definition.ToString();
}
