using GilScan.Semantics;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.FreeThreading;

/// <summary>
/// Code in the child's branch of <c>os.fork()</c> (<c>if pid == 0:</c>, <c>if not pid:</c>, the <c>else</c> of
/// <c>if pid:</c>, <c>if (pid := os.fork()) == 0:</c>, <c>if os.fork() == 0:</c>) runs in a new process that has
/// only the thread that forked: the threads started before the fork do not exist there, so nothing it touches is
/// shared with them. POSIX fork(2): "The child process is created with a single thread".
/// </summary>
/// <remarks>A child that starts threads of its own inside that branch is not followed: its accesses in the branch
/// are then missed, never invented.</remarks>
public static class ForkChildBranches
{
    private const string Fork = "os.fork";

    public static bool IsInChild(ProjectModel model, Node node)
    {
        for (Node? child = node, parent = node.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is not If test || ReferenceEquals(child, test.Test) || ChildBranch(model, test) is not { } branch)
            {
                continue;
            }

            if (branch.Any(statement => ReferenceEquals(statement, child)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The statements of <paramref name="test"/> that run in the child, when its test compares a fork's result with 0.</summary>
    private static IReadOnlyList<Stmt>? ChildBranch(ProjectModel model, If test) => test.Test switch
    {
        Compare { Left: var pid, Ops: [CompareOperator.Eq or CompareOperator.Is], Comparators: [Constant { Value: System.Numerics.BigInteger zero }] }
            when zero.IsZero && IsForkResult(model, pid, test) => test.Body,
        Compare { Left: var pid, Ops: [CompareOperator.NotEq or CompareOperator.IsNot or CompareOperator.Gt], Comparators: [Constant { Value: System.Numerics.BigInteger zero }] }
            when zero.IsZero && IsForkResult(model, pid, test) => test.Orelse,
        UnaryOp { Op: UnaryOperator.Not, Operand: var pid } when IsForkResult(model, pid, test) => test.Body,
        Name pid when IsForkResult(model, pid, test) => test.Orelse,
        _ => null,
    };

    // os.fork() itself, (pid := os.fork()), or a name that the function assigns from os.fork() and nothing else.
    private static bool IsForkResult(ProjectModel model, Expr pid, If test) => pid switch
    {
        Call call => model.Values.QualifiedNameOf(call.Func) == Fork,
        NamedExpr { Value: Call call } => model.Values.QualifiedNameOf(call.Func) == Fork,
        Name name => AssignedOnlyFromFork(model, name.Id, test),
        _ => false,
    };

    private static bool AssignedOnlyFromFork(ProjectModel model, string name, If test)
    {
        Node scope = test;
        while (scope.Parent is not null && scope is not (FunctionDef or AsyncFunctionDef or Module))
        {
            scope = scope.Parent;
        }

        var values = GilScan.Syntax.Ast.AstWalker.DescendantsAndSelf(scope).OfType<Assign>()
            .Where(a => a.Targets is [Name target] && target.Id == name)
            .Select(a => a.Value)
            .Concat(GilScan.Syntax.Ast.AstWalker.DescendantsAndSelf(scope).OfType<NamedExpr>()
                .Where(n => n.Target is Name target && target.Id == name)
                .Select(n => n.Value))
            .ToList();
        return values.Count > 0 && values.All(v => v is Call call && model.Values.QualifiedNameOf(call.Func) == Fork);
    }
}
