using GilScan.Semantics.Binding;
using static GilScan.Semantics.Tests.Support.Nodes;

namespace GilScan.Semantics.Tests.Binding;

/// <summary>
/// ScopeOf on trees deeper than ScopeLocator's shortcut depth: the shortcuts a long climb leaves
/// behind must give the answer a plain climb gives, whichever node is asked first.
/// </summary>
public class DeepScopeTests
{
    private const int Depth = 300;

    // Each name says where it runs: g in the module, a and t in the annotation and the parameter
    // of fn, f in fn's body, l in a lambda's body, c in a comprehension, i in its first iterable
    // (evaluated in fn).
    private static readonly string Source =
        $"def fn(a: {Nest("t", "a0")} = {Nest("g", "z")}, *, b=lambda: {Nest("l", "z")}):\n" +
        $"    return {Nest("f", "z")} + [{Nest("c", "v")} for v in {Nest("i", "z")}]\n";

    private static readonly Dictionary<string, ScopeKind> Expected = new()
    {
        ["g"] = ScopeKind.Module,
        ["t"] = ScopeKind.Module,
        ["a0"] = ScopeKind.Module,
        ["f"] = ScopeKind.Function,
        ["l"] = ScopeKind.Lambda,
        ["c"] = ScopeKind.Comprehension,
        ["v"] = ScopeKind.Comprehension,
        ["i"] = ScopeKind.Function,
    };

    // A left-leaning chain of BinOps Depth deep; its last operand the given one.
    private static string Nest(string name, string last) => string.Join(" + ", Enumerable.Repeat(name, Depth)) + " + " + last;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_name_of_a_deep_chain_resolves_in_its_own_scope(bool deepestFirst)
    {
        var m = Bind(Source);
        var names = All<Name>(m.Tree).Where(n => Expected.ContainsKey(n.Id)).ToList();
        names.Count.ShouldBe(6 * Depth + 2 + 1);
        var order = deepestFirst ? names.OrderByDescending(Depth0) : names.OrderBy(Depth0);
        foreach (var name in order) m.ScopeOf(name).Kind.ShouldBe(Expected[name.Id], $"{name.Id} at depth {Depth0(name)}");
        var parameter = All<Arg>(m.Tree).Single(a => a.Name == "a");
        m.ScopeOf(parameter).Kind.ShouldBe(ScopeKind.Function);
    }

    private static int Depth0(Node node)
    {
        var depth = 0;
        for (var p = node.Parent; p is not null; p = p.Parent) depth++;
        return depth;
    }
}
