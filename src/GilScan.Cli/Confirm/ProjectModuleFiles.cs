using GilScan.Confirmation.Planning;
using GilScan.Semantics.Project;
using GilScan.Syntax;
using Ast = GilScan.Syntax.Ast;

namespace GilScan.Cli.Confirm;

/// <summary>
/// The analysed files seen as Python modules, for the targets only the configuration names (a finding's
/// own target comes with its confirmation request): which file a module is, the folder that must be on
/// <c>sys.path</c> to import it under that name (the project root, <c>src</c>, or any other source
/// folder), and whether a function is a coroutine. Module names are the semantic model's own
/// (<see cref="ModuleIndex"/> over the same files). Finding whether a name is an <c>async def</c> parses
/// that one module again: the analysis does not keep trees, and a cached run builds no model.
/// </summary>
internal sealed class ProjectModuleFiles(IReadOnlyDictionary<string, byte[]> sources) : IProjectDefinitions
{
    private readonly ModuleIndex _index = IndexOf(sources.Keys.Where(path => path.EndsWith(".py", StringComparison.Ordinal) || path.EndsWith(".pyi", StringComparison.Ordinal)).ToList());

    private static ModuleIndex IndexOf(IReadOnlyList<string> paths) => ModuleIndex.Build(ProjectLayout.Detect(paths), paths);

    /// <summary>The module's file, as the semantic model names modules; null when no analysed file is that module.</summary>
    public string? FileOf(string module) =>
        _index.TryGetModule(module, out var entry) && sources.ContainsKey(entry.RelativePath) ? entry.RelativePath : null;

    /// <summary>The project-relative folder to import <paramref name="module"/> from, or null when its file is not among the analysed ones.</summary>
    public string? ImportRootOf(string module) =>
        _index.TryGetModule(module, out var entry) && sources.ContainsKey(entry.RelativePath) ? entry.ImportRoot : null;

    /// <summary>True when <c>module.qualname</c> is defined with <c>async def</c>; null when its definition is not found.</summary>
    public bool? IsCoroutine(string module, string qualifiedName) => Definition(module, qualifiedName) switch
    {
        Ast.AsyncFunctionDef => true,
        Ast.FunctionDef => false,
        _ => null,
    };

    /// <summary>The module-level (or class-level) def that <c>module.qualname</c> names.</summary>
    private Ast.Stmt? Definition(string module, string qualifiedName)
    {
        if (FileOf(module) is not { } file || SyntaxTree.ParseBytes(file, sources[file]).Tree is not { } tree)
        {
            return null;
        }

        IReadOnlyList<Ast.Stmt> body = tree.Root.Body;
        var parts = qualifiedName.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            // The last definition of a name is the one the module ends up with.
            var definition = body.LastOrDefault(s => NameOf(s) == parts[i]);
            var last = i == parts.Length - 1;
            switch (definition)
            {
                case Ast.ClassDef type when !last:
                    body = type.Body;
                    break;
                case Ast.FunctionDef or Ast.AsyncFunctionDef when last:
                    return definition;
                default:
                    return null;
            }
        }

        return null;
    }

    private static string? NameOf(Ast.Stmt statement) => statement switch
    {
        Ast.FunctionDef function => function.Name,
        Ast.AsyncFunctionDef coroutine => coroutine.Name,
        Ast.ClassDef type => type.Name,
        _ => null,
    };
}
