using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Semantics;
using GilScan.Semantics.Processes;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Processes;

/// <summary>What GIL301-303 share: one <see cref="ProcessAnalysis"/> of the run's semantic model, and a
/// look at every call (the place where data crosses a process boundary, reported in its own file).</summary>
public abstract class ProcessBoundaryRule : Rule
{
    protected ProcessBoundaryRule(RuleDescriptor descriptor)
        : base(descriptor)
    {
    }

    public sealed override void Initialize(RuleRegistrar on) => on.ProjectStart(start =>
    {
        var analysis = new ProcessAnalysis(start.Project.GetModel<ProjectModel>());
        start.Call(call => Analyze(analysis, call));
    });

    /// <summary>Reports what this rule finds at one call.</summary>
    protected abstract void Analyze(ProcessAnalysis analysis, NodeContext<Call> context);
}
