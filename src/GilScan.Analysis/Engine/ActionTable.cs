using GilScan.Analysis.Rules;
using GilScan.Syntax.Ast;

namespace GilScan.Analysis.Engine;

/// <summary>
/// The actions of one scope arranged for dispatch: node actions by node kind (an array lookup per
/// node), file start and end actions in rule order. Entries name the rule by its index in the run.
/// </summary>
internal sealed class ActionTable
{
    private static readonly int KindCount = Enum.GetValues<NodeKind>().Max(kind => (int)kind) + 1;

    private ActionTable((int Rule, NodeAction Action)[][] byKind, (int Rule, Action<FileContext> Action)[] fileStart, (int Rule, Action<FileContext> Action)[] fileEnd)
    {
        ByKind = byKind;
        FileStart = fileStart;
        FileEnd = fileEnd;
    }

    public (int Rule, NodeAction Action)[][] ByKind { get; }

    public (int Rule, Action<FileContext> Action)[] FileStart { get; }

    public (int Rule, Action<FileContext> Action)[] FileEnd { get; }

    public bool IsEmpty => FileStart.Length == 0 && FileEnd.Length == 0 && ByKind.All(actions => actions.Length == 0);

    /// <summary>The table of <paramref name="perRule"/>[i], the actions rule i registered in this scope.</summary>
    public static ActionTable Build(IReadOnlyList<ActionSet> perRule)
    {
        var byKind = new List<(int, NodeAction)>[KindCount];
        var fileStart = new List<(int, Action<FileContext>)>();
        var fileEnd = new List<(int, Action<FileContext>)>();
        for (var rule = 0; rule < perRule.Count; rule++)
        {
            foreach (var (kind, action) in perRule[rule].NodeActions)
            {
                (byKind[(int)kind] ??= []).Add((rule, action));
            }

            fileStart.AddRange(perRule[rule].FileStartActions.Select(action => (rule, action)));
            fileEnd.AddRange(perRule[rule].FileEndActions.Select(action => (rule, action)));
        }

        return new ActionTable(
            [.. byKind.Select(actions => actions?.ToArray() ?? [])],
            [.. fileStart],
            [.. fileEnd]);
    }
}
