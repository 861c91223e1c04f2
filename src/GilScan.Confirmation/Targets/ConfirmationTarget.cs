using System.Collections.Immutable;
using GilScan.Analysis.Confirmation;

namespace GilScan.Confirmation.Targets;

/// <summary>
/// One thing to measure: a callable (or, for an import probe, a module) of the project, with the
/// arguments to call it with. Rules produce these from findings (arguments constant-folded from the call
/// site); <c>[tool.gilscan.confirm."module:function"]</c> can supply or replace the arguments.
/// </summary>
public sealed record ConfirmationTarget
{
    /// <summary>The project's root folder: the harness runs there and puts it on <c>sys.path</c>.</summary>
    public required string ProjectRoot { get; init; }

    /// <summary>The dotted module name to import (<c>app.jobs</c>).</summary>
    public required string Module { get; init; }

    /// <summary>The callable's qualified name inside the module (<c>crunch</c>, <c>Jobs.crunch</c>); empty for an import probe.</summary>
    public string Function { get; init; } = "";

    public required ConfirmationKind Kind { get; init; }

    public ImmutableArray<PythonValue> Arguments
    {
        get;
        init => field = value.IsDefault || value.Any(a => a is null)
            ? throw new ArgumentException("Arguments must be initialised and hold no nulls.", nameof(Arguments))
            : value;
    } = [];

    public ImmutableSortedDictionary<string, PythonValue> KeywordArguments
    {
        get;
        init => field = (value ?? throw new ArgumentNullException(nameof(KeywordArguments))).WithComparers(StringComparer.Ordinal);
    } = ImmutableSortedDictionary<string, PythonValue>.Empty.WithComparers(StringComparer.Ordinal);

    public ArgumentScale Scale { get; init; } = ArgumentScale.None;

    /// <summary>The state a lost-update measurement reads before and after the threads run; null for other kinds.</summary>
    public SharedState? State { get; init; }

    /// <summary>Folders put in front of <c>sys.path</c>; empty means the project root (and its <c>src</c> when the module lives there).</summary>
    public ImmutableArray<string> SearchPaths { get; init; } = [];

    public ConfirmationSettings Settings { get; init; } = ConfirmationSettings.Default;

    /// <summary>The key of <c>[tool.gilscan.confirm."module:function"]</c>, and how messages name the target.</summary>
    public string Key => Function.Length == 0 ? Module : $"{Module}:{Function}";

    /// <summary>The call as Python source, for warnings and reports: <c>app.jobs.crunch(1000, mode='fast')</c>.</summary>
    public string CallText =>
        Kind == ConfirmationKind.ImportProbe
            ? $"import {Module}"
            : $"{Module}.{Function}({string.Join(", ", Arguments.Select(a => a.ToPythonSource()).Concat(KeywordArguments.Select(kv => $"{kv.Key}={kv.Value.ToPythonSource()}")))})";

    /// <summary>Replaces the arguments (and scale) with what the configuration gives for this target.</summary>
    public ConfirmationTarget With(Configuration.ConfirmationOverride configured) => this with
    {
        Arguments = configured.Arguments ?? Arguments,
        KeywordArguments = configured.KeywordArguments ?? KeywordArguments,
        Scale = configured.Scale ?? Scale,
    };

    /// <summary>The problems that make this target unmeasurable, as sentences; empty when it is fine.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(Settings.Problems());
        if (!Directory.Exists(ProjectRoot))
        {
            problems.Add($"The project root '{ProjectRoot}' does not exist.");
        }

        if (!PythonNames.IsDottedName(Module))
        {
            problems.Add($"'{Module}' is not a Python module name.");
        }

        if (Kind == ConfirmationKind.ImportProbe ? Function.Length != 0 : !PythonNames.IsDottedName(Function))
        {
            problems.Add(Kind == ConfirmationKind.ImportProbe
                ? "An import probe imports a module; it names no function."
                : $"'{Function}' is not a qualified Python name.");
        }

        if (Kind == ConfirmationKind.LostUpdates)
        {
            problems.AddRange(State is null ? ["A lost-update measurement needs the shared state to read."] : State.Problems());
        }

        problems.AddRange(KeywordArguments.Keys.Where(k => !PythonNames.IsIdentifier(k)).Select(k => $"'{k}' is not a keyword argument name."));
        return problems;
    }

    /// <summary>The folders to put on <c>sys.path</c>, in order.</summary>
    public ImmutableArray<string> ResolveSearchPaths()
    {
        if (!SearchPaths.IsEmpty)
        {
            return SearchPaths;
        }

        var root = Path.GetFullPath(ProjectRoot);
        var top = Module.Split('.')[0];
        var source = Path.Combine(root, "src");
        var inSource = Directory.Exists(Path.Combine(source, top)) || File.Exists(Path.Combine(source, top + ".py"));
        return inSource ? [source, root] : [root];
    }
}
