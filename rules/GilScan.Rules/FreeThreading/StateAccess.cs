using GilScan.Syntax.Ast;
using Attribute = GilScan.Syntax.Ast.Attribute;
using Tuple = GilScan.Syntax.Ast.Tuple;

namespace GilScan.Rules.FreeThreading;

/// <summary>What a piece of code does to state that other threads may share.</summary>
public enum AccessKind
{
    /// <summary>Reads a value and writes back something computed from it: <c>x += 1</c>, <c>d[k] = d.get(k, 0) + 1</c>,
    /// <c>x = x + [...]</c>. Two threads that read the same old value write one update.</summary>
    ReadModifyWrite,

    /// <summary>Tests the state and acts on what it saw: <c>if k not in d: d[k] = []</c> followed by <c>d[k].append(v)</c>,
    /// <c>if k in d: del d[k]</c>, <c>if q: q.pop()</c>. Another thread can change it in between.</summary>
    CheckThenAct,

    /// <summary>Iterates a container: <c>for k in d</c>, <c>d.items()</c> in a comprehension, <c>sum(d.values())</c>.</summary>
    Iteration,

    /// <summary>Inserts into or removes from a container: <c>d[k] = v</c>, <c>del d[k]</c>, <c>lst.append(x)</c>, <c>s.discard(x)</c>.</summary>
    SizeChange,
}

/// <summary>
/// One access to possibly shared state in a function's own code, found from the syntax alone; whether it
/// is shared is decided per thread context (<see cref="ObjectFacts"/>).
/// </summary>
/// <param name="Node">Where it is reported: the statement, the loop header (<c>For</c>, a comprehension's
/// generator) or the call.</param>
/// <param name="State">The variable, attribute or item updated (<c>hits</c>, <c>self.total</c>, <c>counts[w]</c>),
/// or the container iterated or changed.</param>
/// <param name="Code">The code in a few words, for messages ("hits += 1").</param>
/// <param name="Key">For an item (<c>counts[w]</c>): the key, whose value may differ per thread.</param>
/// <param name="Pattern">How a message names the pattern ("augmented assignment", "check-then-act").</param>
public sealed record StateAccess(AccessKind Kind, Node Node, Expr State, string Code, Expr? Key, string Pattern);
