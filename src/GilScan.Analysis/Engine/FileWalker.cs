using GilScan.Analysis.Configuration;
using GilScan.Analysis.Rules;
using GilScan.Syntax;
using GilScan.Syntax.Ast;

namespace GilScan.Analysis.Engine;

/// <summary>One scope's actions on one file: the table to dispatch from and the sink its rules report to.</summary>
internal sealed record WalkScope(ActionTable Table, ReportSink Sink);

/// <summary>
/// Walks one tree once, parents before children, and calls every scope's actions for each node.
/// A rule whose action throws is reported (<see cref="ReportSink.RuleFailed"/>) and skipped for the
/// rest of the file in that scope; the other rules go on.
/// </summary>
internal static class FileWalker
{
    public static void Walk(SyntaxTree tree, string path, IReadOnlyList<Rule> rules, AnalysisOptions options, IReadOnlyList<WalkScope> scopes)
    {
        var live = scopes.Where(scope => !scope.Table.IsEmpty).ToArray();
        if (live.Length == 0)
        {
            return;
        }

        var contexts = new FileContext?[live.Length][];
        var failed = new bool[live.Length][];
        for (var s = 0; s < live.Length; s++)
        {
            contexts[s] = new FileContext?[rules.Count];
            failed[s] = new bool[rules.Count];
        }

        FileContext ContextOf(int scope, int rule) =>
            contexts[scope][rule] ??= new FileContext(rules[rule], path, tree, options, live[scope].Sink);

        void Invoke(int scope, int rule, Action<FileContext> call)
        {
            if (failed[scope][rule])
            {
                return;
            }

            try
            {
                call(ContextOf(scope, rule));
            }
            catch (Exception error)
            {
                failed[scope][rule] = true;
                live[scope].Sink.RuleFailed(rules[rule], path, error);
            }
        }

        void InvokeNode(int scope, int rule, NodeAction action, Node node)
        {
            if (failed[scope][rule])
            {
                return;
            }

            try
            {
                action(node, ContextOf(scope, rule));
            }
            catch (Exception error)
            {
                failed[scope][rule] = true;
                live[scope].Sink.RuleFailed(rules[rule], path, error);
            }
        }

        for (var s = 0; s < live.Length; s++)
        {
            foreach (var (rule, action) in live[s].Table.FileStart)
            {
                Invoke(s, rule, action);
            }
        }

        foreach (var node in AstWalker.DescendantsAndSelf(tree.Root))
        {
            var kind = (int)node.NodeKind;
            for (var s = 0; s < live.Length; s++)
            {
                foreach (var (rule, action) in live[s].Table.ByKind[kind])
                {
                    InvokeNode(s, rule, action, node);
                }
            }
        }

        for (var s = 0; s < live.Length; s++)
        {
            foreach (var (rule, action) in live[s].Table.FileEnd)
            {
                Invoke(s, rule, action);
            }
        }
    }
}
