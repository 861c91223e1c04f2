using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Rules.Shared;
using GilScan.Semantics;

namespace GilScan.Rules.Threads;

/// <summary>What GIL101 and GIL102 share: at the end of the run, the <see cref="ThreadWorkFinder"/>
/// findings of one family of thread starts.</summary>
public abstract class ThreadWorkRule : Rule
{
    private readonly ThreadStartFamily _family;

    protected ThreadWorkRule(RuleDescriptor descriptor, ThreadStartFamily family)
        : base(descriptor) => _family = family;

    /// <summary>The message's arguments for the callable's name, the starter ("ThreadPoolExecutor.submit") and the work in words.</summary>
    protected abstract object[] MessageArguments(string callable, string starter, string work);

    public sealed override void Initialize(RuleRegistrar on) => on.ProjectEnd(project =>
    {
        var model = project.GetModel<ProjectModel>();
        SemanticModelBuilder.NotifyNotes(project, model);
        foreach (var diagnostic in ThreadWorkFinder.Find(model, project.Options, _family, Definition, MessageArguments))
        {
            project.Report(diagnostic);
        }
    });
}
