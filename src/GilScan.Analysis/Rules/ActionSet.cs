using GilScan.Syntax.Ast;

namespace GilScan.Analysis.Rules;

/// <summary>Calls a rule's node action with the node and the context of its file.</summary>
internal delegate void NodeAction(Node node, FileContext file);

/// <summary>The actions one rule registered, at one scope (the whole run, or one project start).</summary>
internal sealed class ActionSet
{
    public List<(NodeKind Kind, NodeAction Action)> NodeActions { get; } = [];

    public List<Action<FileContext>> FileStartActions { get; } = [];

    public List<Action<FileContext>> FileEndActions { get; } = [];

    public List<Action<ProjectStartContext>> ProjectStartActions { get; } = [];

    public List<Action<ProjectContext>> ProjectEndActions { get; } = [];

    public bool IsEmpty =>
        NodeActions.Count == 0 && FileStartActions.Count == 0 && FileEndActions.Count == 0
        && ProjectStartActions.Count == 0 && ProjectEndActions.Count == 0;

    public void AddNode<T>(Action<NodeContext<T>> action)
        where T : Node
    {
        ArgumentNullException.ThrowIfNull(action);
        NodeAction call = (node, file) => action(new NodeContext<T>((T)node, file));
        foreach (var kind in NodeKinds.Of<T>())
        {
            NodeActions.Add((kind, call));
        }
    }

    public void AddNode(IEnumerable<NodeKind> kinds, Action<NodeContext<Node>> action)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(action);
        NodeAction call = (node, file) => action(new NodeContext<Node>(node, file));
        foreach (var kind in kinds.Distinct())
        {
            if (!Enum.IsDefined(kind))
            {
                throw new ArgumentOutOfRangeException(nameof(kinds), kind, "Unknown node kind.");
            }

            NodeActions.Add((kind, call));
        }
    }

    public static void Add<T>(List<T> list, T action)
        where T : Delegate
    {
        ArgumentNullException.ThrowIfNull(action);
        list.Add(action);
    }
}
