using System.Collections.Concurrent;
using GilScan.Analysis.Diagnostics;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// Builds the findings of the three dependency rules in one run: the project's dependency audit
/// (verdicts, done before any file is read), the imports collected from every parsed file (from any
/// thread), and the findings computed once when the files are all in. GIL401, GIL402 and GIL403 then each take their own diagnostics from
/// <see cref="Complete"/>, so the audit and the import resolution run once, not three times.
/// </summary>
public sealed class DependencyFindingsBuilder
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<ImportSite>> _importsByFile = new(StringComparer.Ordinal);
    private readonly Lazy<DependencyFindingSet> _findings;
    private volatile bool _completed;

    public DependencyFindingsBuilder(ProjectDependencyAudit dependencies)
    {
        Dependencies = dependencies ?? throw new ArgumentNullException(nameof(dependencies));
        _findings = new Lazy<DependencyFindingSet>(Compute, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ProjectDependencyAudit Dependencies { get; }

    /// <summary>Collects the imports of one parsed file. Thread-safe; a file given twice keeps its first imports.</summary>
    public void AddFile(string relativePath, Module root)
    {
        var path = Location.NormalizePath(relativePath);
        ThrowIfCompleted();
        _importsByFile.TryAdd(path, Dependencies.CollectImports(path, root));
    }

    /// <summary>Records a project file that could not be parsed: it has no imports, but its name still shadows dependencies.</summary>
    public void AddUnparsedFile(string relativePath)
    {
        ThrowIfCompleted();
        _importsByFile.TryAdd(Location.NormalizePath(relativePath), []);
    }

    /// <summary>The findings, computed on the first call (after every file was added); later calls return the same set.</summary>
    public DependencyFindingSet Complete() => _findings.Value;

    /// <summary>The diagnostics of one dependency rule (GIL401, GIL402 or GIL403).</summary>
    public IEnumerable<Diagnostic> DiagnosticsOf(string ruleId) => Complete().Diagnostics.Where(d => d.RuleId == ruleId);

    private DependencyFindingSet Compute()
    {
        _completed = true;
        var files = _importsByFile.Keys.Order(StringComparer.Ordinal).ToList();
        return Dependencies.Report(files.SelectMany(f => _importsByFile[f]), files);
    }

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw new InvalidOperationException("The findings were already computed; add every file before calling Complete.");
        }
    }
}
