using GilScan.Syntax.Ast;

namespace GilScan.Analysis.Rules;

/// <summary>
/// The start of a run, for a rule that needs the whole project: the project itself and the
/// registration of actions that run in this run only (their closures may hold per-run state, made
/// thread-safe, since the walk is parallel). Node actions registered here are called in the same
/// single walk as file actions; what they report is a project result.
/// </summary>
public sealed class ProjectStartContext
{
    private readonly ActionSet _actions;

    internal ProjectStartContext(ProjectContext project, ActionSet actions)
    {
        Project = project;
        _actions = actions;
    }

    public ProjectContext Project { get; }

    public void Node<T>(Action<NodeContext<T>> action)
        where T : Node => _actions.AddNode(action);

    public void Node(NodeKind kind, Action<NodeContext<Node>> action) => _actions.AddNode([kind], action);

    public void Call(Action<NodeContext<Call>> action) => Node(action);

    public void FileEnd(Action<FileContext> action) => ActionSet.Add(_actions.FileEndActions, action);

    public void ProjectEnd(Action<ProjectContext> action) => ActionSet.Add(_actions.ProjectEndActions, action);
}
