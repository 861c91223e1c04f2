using GilScan.Analysis.Diagnostics;
using GilScan.Syntax.Ast;
using AstAttribute = GilScan.Syntax.Ast.Attribute;
using AstTuple = GilScan.Syntax.Ast.Tuple;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// Finds the absolute imports of one parsed file. Relative imports (<c>from . import x</c>) are the
/// project's own; <c>from __future__</c> is a compiler directive; imports in the body of
/// <c>if TYPE_CHECKING:</c> never run. Pure and thread-safe: one call per file, in any order.
/// </summary>
public static class ImportSiteCollector
{
    private static readonly HashSet<string> ImportErrors = new(StringComparer.Ordinal) { "ImportError", "ModuleNotFoundError" };

    /// <param name="relativePath">The file's path relative to the project root, '/' separators.</param>
    /// <param name="root">The file's tree.</param>
    public static IReadOnlyList<ImportSite> Collect(string relativePath, Module root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var path = Location.NormalizePath(relativePath);
        var sites = new List<ImportSite>();
        foreach (var node in AstWalker.DescendantsAndSelf(root))
        {
            switch (node)
            {
                case Import import when !OnlyForTypeCheckers(import):
                    var guarded = IsGuarded(import);
                    sites.AddRange(import.Names.Select(alias => new ImportSite(alias.Name, new Location(path, SpanOf(alias.Range)), guarded)));
                    break;
                case ImportFrom { Level: null or 0, Module: { } module } from when module != "__future__" && !OnlyForTypeCheckers(from):
                    sites.Add(new ImportSite(module, new Location(path, SpanOf(from.Range)), IsGuarded(from)));
                    break;
            }
        }

        return sites;
    }

    private static SourceSpan SpanOf(SourceRange range) =>
        new(range.StartLine, range.StartColumn, range.StartColumnUtf16, range.EndLine, range.EndColumn, range.EndColumnUtf16);

    /// <summary>True in the body (not the else branch) of <c>if TYPE_CHECKING:</c> or <c>if typing.TYPE_CHECKING:</c>.</summary>
    private static bool OnlyForTypeCheckers(Stmt statement)
    {
        for (Node? child = statement, parent = statement.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is If conditional && Holds(conditional.Body, child) && IsTypeChecking(conditional.Test))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTypeChecking(Expr test) => test switch
    {
        Name { Id: "TYPE_CHECKING" } => true,
        AstAttribute { Attr: "TYPE_CHECKING", Value: Name { Id: "typing" or "typing_extensions" } } => true,
        _ => false,
    };

    /// <summary>True in the body of a <c>try</c> with a handler for ImportError, ModuleNotFoundError or any exception.</summary>
    private static bool IsGuarded(Stmt statement)
    {
        for (Node? child = statement, parent = statement.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            (IReadOnlyList<Stmt>? body, IReadOnlyList<ExceptHandlerBase>? handlers) = parent switch
            {
                Try t => (t.Body, t.Handlers),
                TryStar t => (t.Body, t.Handlers),
                _ => (null, null),
            };
            if (body is not null && Holds(body, child) && handlers!.OfType<ExceptHandler>().Any(h => CatchesImportError(h.Type)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Holds(IReadOnlyList<Stmt> statements, Node? node) => statements.Any(s => ReferenceEquals(s, node));

    private static bool CatchesImportError(Expr? type) => type switch
    {
        null => true,
        Name { Id: var id } => ImportErrors.Contains(id) || id is "Exception" or "BaseException",
        AstAttribute { Attr: var attr, Value: Name { Id: "builtins" } } => ImportErrors.Contains(attr),
        AstTuple tuple => tuple.Elts.Any(CatchesImportError),
        _ => false,
    };
}
