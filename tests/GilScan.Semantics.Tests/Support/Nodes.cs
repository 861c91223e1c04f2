using GilScan.Semantics.Binding;
using GilScan.Semantics.Project;

namespace GilScan.Semantics.Tests.Support;

/// <summary>Finding nodes in test trees by what they look like.</summary>
public static class Nodes
{
    public static BoundModule Bind(string source, string moduleName = "m", bool isPackage = false)
    {
        var path = moduleName.Replace('.', '/') + (isPackage ? "/__init__.py" : ".py");
        return Binder.Bind(new ModuleEntry(moduleName, path, isPackage, true), TestSource.Parse(source, path));
    }

    public static IEnumerable<T> All<T>(Node root) where T : Node => AstWalker.DescendantsAndSelf(root).OfType<T>();

    /// <summary>The <paramref name="occurrence"/>-th (0-based, in walk order) Name node with this id and context.</summary>
    public static Name NameNode(Node root, string id, ExprContext ctx = ExprContext.Load, int occurrence = 0) =>
        All<Name>(root).Where(n => n.Id == id && n.Ctx == ctx).OrderBy(n => n.Lineno).ThenBy(n => n.ColOffset).ElementAt(occurrence);

    public static T Single<T>(Node root, Func<T, bool> predicate) where T : Node => All<T>(root).Single(predicate);

    public static FunctionDef Function(Node root, string name) => Single<FunctionDef>(root, f => f.Name == name);

    /// <summary>The call whose callee prints as <paramref name="callee"/> (e.g. "ex.submit"), the
    /// <paramref name="occurrence"/>-th in source order.</summary>
    public static Call CallTo(Node root, string callee, int occurrence = 0) =>
        All<Call>(root).Where(c => Dotted(c.Func) == callee).OrderBy(c => c.Lineno).ThenBy(c => c.ColOffset).ElementAt(occurrence);

    public static string? Dotted(Expr e) => e switch
    {
        Name n => n.Id,
        Attribute a when Dotted(a.Value) is { } left => left + "." + a.Attr,
        _ => null,
    };
}
