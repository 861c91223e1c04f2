using GilScan.Semantics.Project;
using GilScan.Syntax;
using Ast = GilScan.Syntax.Ast;

namespace GilScan.Cli.Confirm;

/// <summary>Whether a callable can be called without arguments, as its definition says.</summary>
internal enum ParameterNeed
{
    /// <summary>Every parameter has a default (or there are none).</summary>
    None,

    /// <summary>At least one parameter must be given (a method's <c>self</c> counts).</summary>
    Required,

    /// <summary>The definition was not found (nested function, file not analysed, not parsed).</summary>
    Unknown,
}

/// <summary>
/// The analysed files seen as Python modules: which file a module is, the folder that must be on
/// <c>sys.path</c> to import it under that name (the project root, <c>src</c>, or any other source
/// folder), and what a function's definition says about its parameters. Paths are project-relative
/// with '/', as the analysis reports them. Module names are the semantic model's own
/// (<see cref="ModuleIndex"/> over the same files), so a finding's <c>module:qualname</c> target is
/// imported under the name the analysis gave it.
/// </summary>
internal sealed class ProjectModuleFiles(string root, IReadOnlyDictionary<string, byte[]> sources)
{
    private readonly ModuleIndex index = IndexOf(sources.Keys.Where(path => path.EndsWith(".py", StringComparison.Ordinal) || path.EndsWith(".pyi", StringComparison.Ordinal)).ToList());

    private static ModuleIndex IndexOf(IReadOnlyList<string> paths) => ModuleIndex.Build(ProjectLayout.Detect(paths), paths);

    /// <summary>The module's file, as the semantic model names modules; null when no analysed file is that module.</summary>
    public string? FileOf(string module) =>
        index.TryGetModule(module, out var entry) && sources.ContainsKey(entry.RelativePath) ? entry.RelativePath : null;

    /// <summary>The absolute folder to import <paramref name="module"/> from, or null when its file is not among the analysed ones.</summary>
    public string? SourceRootOf(string module)
    {
        if (FileOf(module) is not { } file)
        {
            return null;
        }

        var depth = module.Split('.').Length + (file.EndsWith("/__init__.py", StringComparison.Ordinal) ? 1 : 0);
        var parts = file.Split('/');
        return Path.GetFullPath(Path.Combine([root, .. parts[..^depth]]));
    }

    /// <summary>Whether <c>module.qualname</c> can be called with no arguments.</summary>
    /// <remarks><paramref name="onInstance"/>: the method is called bound to an instance the harness makes, so
    /// <c>self</c> is given.</remarks>
    public ParameterNeed ParametersOf(string module, string qualifiedName, bool onInstance = false) => Definition(module, qualifiedName) switch
    {
        (Ast.FunctionDef function, var inClass) => Need(function.Args, function.DecoratorList, inClass, onInstance),
        (Ast.AsyncFunctionDef coroutine, var inClass) => Need(coroutine.Args, coroutine.DecoratorList, inClass, onInstance),
        _ => ParameterNeed.Unknown,
    };

    /// <summary>True when <c>module.qualname</c> is defined with <c>async def</c>; null when its definition is not found.</summary>
    public bool? IsCoroutine(string module, string qualifiedName) => Definition(module, qualifiedName) switch
    {
        (Ast.AsyncFunctionDef, _) => true,
        (Ast.FunctionDef, _) => false,
        _ => null,
    };

    /// <summary>The module-level (or class-level) def that <c>module.qualname</c> names, and whether it sits in a class.</summary>
    private (Ast.Stmt? Definition, bool InClass) Definition(string module, string qualifiedName)
    {
        if (FileOf(module) is not { } file || SyntaxTree.ParseBytes(file, sources[file]).Tree is not { } tree)
        {
            return (null, false);
        }

        IReadOnlyList<Ast.Stmt> body = tree.Root.Body;
        var parts = qualifiedName.Split('.');
        var inClass = false;
        for (var i = 0; i < parts.Length; i++)
        {
            // The last definition of a name is the one the module ends up with.
            var definition = body.LastOrDefault(s => NameOf(s) == parts[i]);
            var last = i == parts.Length - 1;
            switch (definition)
            {
                case Ast.ClassDef type when !last:
                    body = type.Body;
                    inClass = true;
                    break;
                case Ast.FunctionDef or Ast.AsyncFunctionDef when last:
                    return (definition, inClass);
                default:
                    return (null, false);
            }
        }

        return (null, false);
    }

    private static string? NameOf(Ast.Stmt statement) => statement switch
    {
        Ast.FunctionDef function => function.Name,
        Ast.AsyncFunctionDef coroutine => coroutine.Name,
        Ast.ClassDef type => type.Name,
        _ => null,
    };

    private static ParameterNeed Need(Ast.Arguments parameters, IReadOnlyList<Ast.Expr> decorators, bool inClass, bool onInstance)
    {
        var positional = parameters.Posonlyargs.Count + parameters.Args.Count;
        var required = positional - parameters.Defaults.Count + parameters.KwDefaults.Count(d => d is null);

        // Class.method reached through the class: a classmethod has its class bound; a staticmethod has no
        // receiver; a plain method needs an instance, which no configuration can give as a literal.
        if (inClass && decorators.Any(d => d is Ast.Name { Id: "classmethod" }) && positional > parameters.Defaults.Count)
        {
            required--;
        }
        else if (inClass && onInstance && !decorators.Any(d => d is Ast.Name { Id: "staticmethod" }) && positional > parameters.Defaults.Count)
        {
            required--;
        }

        return required > 0 ? ParameterNeed.Required : ParameterNeed.None;
    }
}
