using GilScan.Semantics.Binding;
using GilScan.Semantics.Calls;
using GilScan.Semantics.Catalog;
using GilScan.Semantics.Constants;
using GilScan.Semantics.Declarations;
using GilScan.Semantics.Effects;
using GilScan.Semantics.Flow;
using GilScan.Semantics.Project;
using GilScan.Semantics.Values;

namespace GilScan.Semantics;

/// <summary>
/// The semantic model of a whole project, built once and shared by all rules: module names, bound
/// modules (scopes, bindings, references), functions and classes, value and type facts, constants,
/// the call graph and effect summaries. Building binds files in parallel; the result is read-only
/// and every query is thread-safe and deterministic.
/// </summary>
public sealed class ProjectModel
{
    private readonly Dictionary<string, BoundModule> _modulesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<Module, BoundModule> _modulesByTree = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<BoundModule, ModuleDeclarations> _declarations = new();
    private readonly Dictionary<Node, ProjectFunction> _functionsByNode = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Node, ProjectClass> _classesByNode = new(ReferenceEqualityComparer.Instance);

    private ProjectModel(ProjectLayout layout, ModuleIndex index, CallCatalog catalog)
    {
        Layout = layout;
        Index = index;
        Catalog = catalog;
        Values = new ValueEvaluator(this);
        Constants = new ConstantEvaluator(this);
    }

    public ProjectLayout Layout { get; }

    public ModuleIndex Index { get; }

    public CallCatalog Catalog { get; }

    /// <summary>Every module, sorted by module name (then path).</summary>
    public IReadOnlyList<BoundModule> Modules { get; private set; } = [];

    /// <summary>Every function, lambda and module body, in <see cref="ProjectFunction.Id"/> order.</summary>
    public IReadOnlyList<ProjectFunction> Functions { get; private set; } = [];

    /// <summary>The functions of the project's own modules, in <see cref="ProjectFunction.Id"/> order:
    /// <see cref="Functions"/> without those of installed packages, which are followed for their effects
    /// but never reported on.</summary>
    public IReadOnlyList<ProjectFunction> OwnFunctions { get; private set; } = [];

    /// <summary>Whether the model follows calls into installed packages (any module is a library one).</summary>
    public bool HasLibraryModules { get; private set; }

    public IReadOnlyList<ProjectClass> Classes { get; private set; } = [];

    /// <summary>Which bindings of a local reach each read of it (flow-sensitive locals).</summary>
    public LocalFlow Flow { get; private set; } = LocalFlow.None;

    /// <summary>Notes on how the model was built, for the run's notifications.</summary>
    public IReadOnlyList<string> Notes { get; private init; } = [];

    /// <summary>The parallelism the run allows (<c>--jobs</c>), for every parallel phase and query.</summary>
    public ParallelOptions Parallelism { get; private set; } = new();

    /// <summary>Qualified names, types and other facts of expressions.</summary>
    public ValueEvaluator Values { get; private set; }

    public CallGraph CallGraph { get; private set; } = null!;

    /// <summary>Effect summaries of every function.</summary>
    public EffectAnalysis Effects { get; private set; } = null!;

    /// <summary>How long each phase of <see cref="Build"/> took and how much it allocated (for
    /// performance reports).</summary>
    public IReadOnlyList<BuildPhase> BuildPhases { get; private set; } = [];

    /// <summary>Constant folding of expressions.</summary>
    public ConstantEvaluator Constants { get; }

    /// <param name="jobs">Threads the parallel phases may use; 0 for every core.</param>
    /// <param name="notes">What the caller wants said about how the model was built (installed packages
    /// read only in part); rules pass them on as notifications (<see cref="Notes"/>).</param>
    public static ProjectModel Build(ProjectLayout layout, IReadOnlyList<SourceFile> files, CallCatalog? catalog = null, int jobs = 0,
        IReadOnlyList<string>? notes = null)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = jobs >= 1 ? jobs : Environment.ProcessorCount };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var phases = new List<BuildPhase>();
        var allocated = GC.GetTotalAllocatedBytes();
        void Phase(string name)
        {
            var now = GC.GetTotalAllocatedBytes();
            phases.Add(new BuildPhase(name, clock.Elapsed, now - allocated));
            allocated = now;
            clock.Restart();
        }
        var libraryPaths = files.Where(f => f.IsLibrary).Select(f => ProjectLayout.Normalize(f.RelativePath)).ToHashSet(StringComparer.Ordinal);
        var libraryRoots = libraryPaths.Select(p => layout.Split(p).Root).ToHashSet(StringComparer.Ordinal);
        var index = ModuleIndex.Build(layout, files.Select(f => f.RelativePath), libraryPaths, libraryRoots);
        var project = new ProjectModel(layout, index, catalog ?? CallCatalog.Default) { Parallelism = parallel, Notes = notes ?? [] };
        var bound = new (BoundModule Module, ModuleDeclarations Declarations)[files.Count];
        Parallel.For(0, files.Count, parallel, i =>
        {
            // A library module that lost its name to a project module is not in the index.
            if (index.ByPath(files[i].RelativePath) is not { } entry) return;
            var module = Binder.Bind(entry, files[i].Tree, index);
            bound[i] = (module, DeclarationCollector.Collect(module));
        });
        project.Register(bound.Where(b => b.Module is not null).OrderBy(b => b.Module.Name, StringComparer.Ordinal)
            .ThenBy(b => b.Module.Entry.RelativePath, StringComparer.Ordinal).ToList());
        Phase("bind");
        project.Flow = LocalFlow.Build(project.Functions, parallel);
        Phase("flow");

        // Bases are resolved with a throw-away evaluator: its caches saw classes without their MRO.
        ClassHierarchy.Resolve(project.Classes, new ValueEvaluator(project));
        project.Values = new ValueEvaluator(project);
        Phase("classes");
        project.CallGraph = CallGraph.Build(project);
        Phase("call graph");
        project.Effects = EffectAnalysis.Build(project);
        Phase("effects");
        project.BuildPhases = phases;
        return project;
    }

    private void Register(List<(BoundModule Module, ModuleDeclarations Declarations)> modules)
    {
        var functions = new List<ProjectFunction>();
        var classes = new List<ProjectClass>();
        foreach (var (module, declarations) in modules)
        {
            _modulesByName.TryAdd(module.Name, module);
            _modulesByTree[module.Tree] = module;
            _declarations[module] = declarations;
            foreach (var f in declarations.Functions)
            {
                f.Id = functions.Count;
                functions.Add(f);
                _functionsByNode[f.Node] = f;
            }
            foreach (var c in declarations.Classes)
            {
                c.Mro = [c];
                classes.Add(c);
                _classesByNode[c.Node] = c;
            }
        }
        Modules = modules.Select(m => m.Module).ToList();
        Functions = functions;
        OwnFunctions = functions.Where(f => !f.Module.Entry.IsLibrary).ToList();
        HasLibraryModules = OwnFunctions.Count != functions.Count || Modules.Any(m => m.Entry.IsLibrary);
        Classes = classes;
    }

    public BoundModule? ModuleNamed(string name) => _modulesByName.GetValueOrDefault(name);

    public BoundModule? ModuleAt(string relativePath) =>
        Index.ByPath(relativePath) is { } entry ? Modules.FirstOrDefault(m => ReferenceEquals(m.Entry, entry)) : null;

    public ModuleDeclarations DeclarationsOf(BoundModule module) => _declarations[module];

    /// <summary>The module whose tree holds <paramref name="node"/>.</summary>
    public BoundModule ModuleOf(Node node)
    {
        // Climbing to the root from every node of a deep tree (f()()()...) is quadratic, so a long
        // climb leaves every ShortcutSpacing-th node behind as a shortcut to its module; real code
        // is shallower than ShortcutDepth and never consults them.
        List<Node>? shortcuts = null;
        var steps = 0;
        var root = node;
        while (root.Parent is not null)
        {
            if (++steps > ScopeLocator.ShortcutDepth)
            {
                if (_moduleShortcuts.TryGetValue(root, out var known)) return Remember(known);
                if (steps % 32 == 0) (shortcuts ??= []).Add(root);
            }
            root = root.Parent;
        }
        return root is Module m && _modulesByTree.TryGetValue(m, out var bound)
            ? Remember(bound)
            : throw new ArgumentException("the node is not part of this project", nameof(node));

        BoundModule Remember(BoundModule module)
        {
            if (shortcuts is not null)
                foreach (var shortcut in shortcuts) _moduleShortcuts.TryAdd(shortcut, module);
            return module;
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Node, BoundModule> _moduleShortcuts = new(ReferenceEqualityComparer.Instance);

    /// <summary>The function a def, lambda or Module node defines.</summary>
    public ProjectFunction? FunctionOf(Node definition) => _functionsByNode.GetValueOrDefault(definition);

    public ProjectClass? ClassOf(Node classDef) => _classesByNode.GetValueOrDefault(classDef);

    /// <summary>The function whose code runs <paramref name="node"/>: the nearest def or lambda whose
    /// body holds it (decorators and defaults run in the enclosing code; comprehensions and class
    /// bodies are part of the code around them), else the module body.</summary>
    public ProjectFunction EnclosingFunction(Node node)
    {
        var below = node;
        for (var p = node.Parent; p is not null; below = p, p = p.Parent)
        {
            switch (p)
            {
                case FunctionDef or AsyncFunctionDef when below is Stmt:
                case Lambda l when ReferenceEquals(l.Body, below):
                case Module:
                    return _functionsByNode[p];
            }
        }
        return _functionsByNode[node];
    }
}

/// <summary>One phase of <see cref="ProjectModel.Build"/>: its wall time and managed allocations.</summary>
public sealed record BuildPhase(string Name, TimeSpan Elapsed, long AllocatedBytes)
{
    public override string ToString() => $"{Name} {Elapsed.TotalSeconds:F2} s ({AllocatedBytes / 1e6:F0} MB allocated)";
}
