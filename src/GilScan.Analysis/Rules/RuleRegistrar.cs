using GilScan.Syntax.Ast;

namespace GilScan.Analysis.Rules;

/// <summary>
/// What a rule registers in <see cref="Rule.Initialize"/>. Two scopes:
/// <list type="bullet">
/// <item><b>File actions</b> (<see cref="Node{T}"/>, <see cref="FileStart"/>, <see cref="FileEnd"/>)
/// see one file and nothing else; their results depend only on that file and the configuration,
/// so the engine caches them per file and reuses them while the file is unchanged.</item>
/// <item><b>Project actions</b> (<see cref="ProjectStart"/>, <see cref="ProjectEnd"/>) see every
/// file of the run and the shared models (the semantic model); a project-start action may register
/// node and file-end actions of its own, which run in the same single walk of each tree. Their
/// results are recomputed whenever any file of the project changes.</item>
/// </list>
/// Actions of one rule may run concurrently on different files.
/// </summary>
public sealed class RuleRegistrar
{
    private readonly ActionSet _actions;

    internal RuleRegistrar(ActionSet actions) => _actions = actions;

    /// <summary>Calls <paramref name="action"/> for every node of class <typeparamref name="T"/> (or derived from it).</summary>
    public void Node<T>(Action<NodeContext<T>> action)
        where T : Node => _actions.AddNode(action);

    /// <summary>Calls <paramref name="action"/> for every node of kind <paramref name="kind"/>.</summary>
    public void Node(NodeKind kind, Action<NodeContext<Node>> action) => _actions.AddNode([kind], action);

    /// <summary>Calls <paramref name="action"/> for every node of the given kinds.</summary>
    public void Node(IEnumerable<NodeKind> kinds, Action<NodeContext<Node>> action) => _actions.AddNode(kinds, action);

    /// <summary>Calls <paramref name="action"/> for every call expression.</summary>
    public void Call(Action<NodeContext<Call>> action) => Node(action);

    /// <summary>Calls <paramref name="action"/> once per file, before its nodes.</summary>
    public void FileStart(Action<FileContext> action) => ActionSet.Add(_actions.FileStartActions, action);

    /// <summary>Calls <paramref name="action"/> once per file, after its nodes.</summary>
    public void FileEnd(Action<FileContext> action) => ActionSet.Add(_actions.FileEndActions, action);

    /// <summary>Calls <paramref name="action"/> once per run, after every file is parsed and before any is walked.</summary>
    public void ProjectStart(Action<ProjectStartContext> action) => ActionSet.Add(_actions.ProjectStartActions, action);

    /// <summary>Calls <paramref name="action"/> once per run, after every file is walked.</summary>
    public void ProjectEnd(Action<ProjectContext> action) => ActionSet.Add(_actions.ProjectEndActions, action);
}
