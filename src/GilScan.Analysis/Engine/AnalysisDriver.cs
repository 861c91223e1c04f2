using System.Collections.Immutable;
using System.Text;
using GilScan.Analysis.Caching;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Analysis.Suppressions;
using GilScan.Syntax;

namespace GilScan.Analysis.Engine;

/// <summary>
/// Runs rules over a project: parses files in parallel, walks each tree once dispatching to every
/// registered action, runs project actions, applies suppression comments and the configuration's
/// policy, and returns results in a total order, so that the output is the same for any number of
/// jobs. Files that cannot be read or parsed become GIL002/GIL001 findings and notifications; the
/// run goes on. A rule that throws is reported as a notification and the run goes on without it
/// for that file (or the project).
/// <para>
/// With a cache: a file's own results (its parse outcome and file actions) are reused while its
/// content is unchanged; project results are reused only while no file of the run changed. When
/// every file and the project hit the cache, nothing is parsed at all. When project actions must
/// run, every file is parsed (they see the whole project) but the file actions run only on the
/// files that changed.
/// </para>
/// </summary>
public sealed class AnalysisDriver
{
    private readonly ImmutableArray<ActionSet> _registered;
    private readonly ActionTable _fileTable;
    private readonly AnalysisDriverOptions _options;

    public AnalysisDriver(IEnumerable<Rule> rules, AnalysisDriverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _options = options ?? AnalysisDriverOptions.Default;
        Rules = [.. rules.OrderBy(rule => rule.Id, StringComparer.Ordinal)];
        var duplicate = Rules.GroupBy(rule => rule.Id, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Rule {duplicate.Key} is given more than once.", nameof(rules));
        }

        var toolRule = Rules.FirstOrDefault(rule => ToolRules.All.Any(tool => tool.Id == rule.Id));
        if (toolRule is not null)
        {
            throw new ArgumentException($"{toolRule.Id} is reported by the engine itself, not by a rule class.", nameof(rules));
        }

        _registered = [.. Rules.Select(Register)];
        _fileTable = ActionTable.Build(_registered);
        HasProjectActions = _registered.Any(set => set.ProjectStartActions.Count > 0 || set.ProjectEndActions.Count > 0);
    }

    /// <summary>The rules that run, in id order.</summary>
    public ImmutableArray<Rule> Rules { get; }

    /// <summary>True when some rule needs the whole project, so that any change re-parses every file.</summary>
    public bool HasProjectActions { get; }

    /// <param name="documents">The files of the run, with distinct paths, in any order.</param>
    /// <param name="cache">Results of earlier runs, or null to analyse everything.</param>
    /// <param name="progress">Told which phase the run is in and how far it got, from any thread.</param>
    public AnalysisResult Run(IReadOnlyList<SourceDocument> documents, IAnalysisCache? cache = null, AnalysisProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var docs = documents.OrderBy(doc => doc.Path, StringComparer.Ordinal).ToArray();
        for (var i = 1; i < docs.Length; i++)
        {
            if (docs[i].Path == docs[i - 1].Path)
            {
                throw new ArgumentException($"{docs[i].Path} is given more than once.", nameof(documents));
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Jobs };
        var hashes = new string[docs.Length];
        var fileResults = new ResultSet?[docs.Length];
        Parallel.For(0, docs.Length, parallel, i =>
        {
            hashes[i] = ContentHash.Of(docs[i]);
            fileResults[i] = cache?.GetFile(docs[i].Path, hashes[i]);
        });
        var filesFromCache = fileResults.Count(result => result is not null);

        string? projectKey = null;
        ResultSet? projectResults = null;
        if (HasProjectActions)
        {
            projectKey = ProjectKey(docs, hashes, _options.ProjectInputsKey);
            projectResults = cache?.GetProject(projectKey);
        }

        if (filesFromCache == docs.Length && (!HasProjectActions || projectResults is not null))
        {
            return Combine(fileResults!, projectResults, new AnalysisStatistics(docs.Length, 0, filesFromCache, true), executionSuccessful: true);
        }

        var run = new RunState(docs, hashes, fileResults, cache, progress);
        bool successful;
        var models = BuiltModels.None;
        if (HasProjectActions)
        {
            (projectResults, models, successful) = RunWithProject(run, parallel);
            if (successful)
            {
                cache?.PutProject(projectKey!, projectResults);
            }
        }
        else
        {
            successful = RunFilesAlone(run, parallel);
        }

        var statistics = new AnalysisStatistics(docs.Length, run.Parsed, filesFromCache, ProjectFromCache: !HasProjectActions);
        return Combine(fileResults!, projectResults, statistics, successful) with { Models = models };
    }

    private static ActionSet Register(Rule rule)
    {
        var set = new ActionSet();
        rule.Initialize(new RuleRegistrar(set));
        return set;
    }

    // No project actions: each file that missed the cache is parsed, walked and dropped in one go.
    private bool RunFilesAlone(RunState run, ParallelOptions parallel)
    {
        var failures = 0;
        var todo = Enumerable.Range(0, run.Docs.Length).Where(i => run.FileResults[i] is null).ToArray();
        run.Start(AnalysisPhase.Parsing, todo.Length);
        Parallel.ForEach(todo, parallel, i =>
        {
            var doc = run.Docs[i];
            var (tree, failure) = Parse(doc);
            run.CountParsed();
            if (tree is null)
            {
                run.Store(i, failure!, cacheable: true);
            }
            else
            {
                var sink = new FileSink(doc.Path);
                FileWalker.Walk(tree, doc.Path, Rules, _options.Options, [new WalkScope(_fileTable, sink)]);
                if (sink.HasFailures)
                {
                    Interlocked.Increment(ref failures);
                }

                run.Store(i, Finish(sink, LineSuppressions.FromComments(tree.Comments)), cacheable: !sink.HasFailures);
            }

            run.FileDone();
        });
        return failures == 0;
    }

    // Project actions: every file is parsed and kept, project-start actions register, one walk per
    // file runs the file actions (only where the cache missed) and the project's node actions.
    private (ResultSet Results, BuiltModels Models, bool Successful) RunWithProject(RunState run, ParallelOptions parallel)
    {
        var trees = new SyntaxTree?[run.Docs.Length];
        run.Start(AnalysisPhase.Parsing, run.Docs.Length);
        Parallel.For(0, run.Docs.Length, parallel, i =>
        {
            var (tree, failure) = Parse(run.Docs[i]);
            run.CountParsed();
            trees[i] = tree;
            if (tree is null && run.FileResults[i] is null)
            {
                run.Store(i, failure!, cacheable: true);
            }

            run.FileDone();
        });

        var files = Enumerable.Range(0, trees.Length).Where(i => trees[i] is not null)
            .Select(i => new ProjectFile(run.Docs[i].Path, trees[i]!)).ToArray();
        var unparsed = Enumerable.Range(0, trees.Length).Where(i => trees[i] is null).Select(i => run.Docs[i].Path).ToArray();
        var projectSink = new ProjectSink();
        var state = new ProjectState(files, _options.Options, _options.Models, projectSink, _options.ProjectRoot, unparsed, _options.Jobs);
        var started = new ActionSet[Rules.Length];
        var failedAtStart = new bool[Rules.Length];
        run.Start(AnalysisPhase.Model, 0);
        for (var r = 0; r < Rules.Length; r++)
        {
            started[r] = new ActionSet();
            foreach (var start in _registered[r].ProjectStartActions)
            {
                try
                {
                    start(new ProjectStartContext(new ProjectContext(Rules[r], state), started[r]));
                }
                catch (Exception error)
                {
                    projectSink.RuleFailed(Rules[r], null, error);
                    failedAtStart[r] = true;
                    started[r] = new ActionSet();
                    break;
                }
            }
        }

        var projectTable = ActionTable.Build(started);
        var fileFailures = 0;
        var walked = Enumerable.Range(0, trees.Length).Where(i => trees[i] is not null).ToArray();
        run.Start(AnalysisPhase.Rules, walked.Length);
        Parallel.ForEach(walked, parallel, i =>
        {
            var doc = run.Docs[i];
            var tree = trees[i]!;
            var fileSink = run.FileResults[i] is null ? new FileSink(doc.Path) : null;
            var scopes = new List<WalkScope>(2);
            if (fileSink is not null)
            {
                scopes.Add(new WalkScope(_fileTable, fileSink));
            }

            scopes.Add(new WalkScope(projectTable, projectSink));
            FileWalker.Walk(tree, doc.Path, Rules, _options.Options, scopes);
            if (fileSink is not null)
            {
                if (fileSink.HasFailures)
                {
                    Interlocked.Increment(ref fileFailures);
                }

                run.Store(i, Finish(fileSink, LineSuppressions.FromComments(tree.Comments)), cacheable: !fileSink.HasFailures);
            }

            run.FileDone();
        });

        for (var r = 0; r < Rules.Length; r++)
        {
            if (failedAtStart[r])
            {
                continue;
            }

            foreach (var end in _registered[r].ProjectEndActions.Concat(started[r].ProjectEndActions))
            {
                try
                {
                    end(new ProjectContext(Rules[r], state));
                }
                catch (Exception error)
                {
                    projectSink.RuleFailed(Rules[r], null, error);
                    break;
                }
            }
        }

        var suppressions = new Dictionary<string, LineSuppressions>(StringComparer.Ordinal);
        LineSuppressions SuppressionsOf(string path)
        {
            if (!suppressions.TryGetValue(path, out var lines))
            {
                lines = state.FindFile(path) is { } file ? LineSuppressions.FromComments(file.Tree.Comments) : LineSuppressions.Empty;
                suppressions.Add(path, lines);
            }

            return lines;
        }

        var diagnostics = projectSink.TakeDiagnostics()
            .Select(d => _options.Policy.Apply(SuppressionsOf(d.Location.Path).Apply(d)))
            .OfType<Diagnostic>()
            .Order(DiagnosticComparer.Instance);
        var results = new ResultSet([.. diagnostics], [.. projectSink.TakeNotifications().Distinct().Order(NotificationComparer.Instance)]);
        return (results, state.Built(), fileFailures == 0 && !projectSink.HasFailures);
    }

    private (SyntaxTree? Tree, ResultSet? Failure) Parse(SourceDocument doc)
    {
        if (doc.Content is not { } content)
        {
            return (null, FailureResult(ParseFailures.ForUnreadable(doc.Path, doc.ReadError!)));
        }

        try
        {
            var parsed = SyntaxTree.ParseBytes(doc.Path, content);
            return parsed.Tree is { } tree
                ? (tree, null)
                : (null, FailureResult(ParseFailures.ForParseError(doc.Path, content, parsed.Error!)));
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // A bug of the front end on one file must not take the run down: the file gets its GIL001,
            // which names the failure, and every other file is still analysed.
            return (null, FailureResult(ParseFailures.ForFrontEndFailure(doc.Path, error)));
        }
    }

    private ResultSet FailureResult((Diagnostic Diagnostic, ToolNotification Notification) failure)
    {
        var diagnostic = _options.Policy.Apply(failure.Diagnostic);
        return new ResultSet(diagnostic is null ? [] : [diagnostic], [failure.Notification]);
    }

    private ResultSet Finish(FileSink sink, LineSuppressions suppressions)
    {
        var diagnostics = sink.TakeDiagnostics()
            .Select(d => _options.Policy.Apply(suppressions.Apply(d)))
            .OfType<Diagnostic>()
            .Order(DiagnosticComparer.Instance);
        return new ResultSet([.. diagnostics], [.. sink.TakeNotifications().Order(NotificationComparer.Instance)]);
    }

    private static AnalysisResult Combine(ResultSet[] files, ResultSet? project, AnalysisStatistics statistics, bool executionSuccessful)
    {
        var scopes = project is null ? files : [.. files, project];
        return new AnalysisResult(
            [.. scopes.SelectMany(scope => scope.Diagnostics).Order(DiagnosticComparer.Instance)],
            [.. scopes.SelectMany(scope => scope.Notifications).Order(NotificationComparer.Instance)],
            statistics,
            executionSuccessful);
    }

    // Names every input of the project: any change to any file, or a file added or removed, changes it;
    // so does any change to the other inputs that project actions read (lockfiles, environments).
    private static string ProjectKey(SourceDocument[] docs, string[] hashes, string? otherInputs)
    {
        var text = new StringBuilder();
        if (otherInputs is not null)
        {
            text.Append("inputs\0").Append(otherInputs).Append('\n');
        }

        for (var i = 0; i < docs.Length; i++)
        {
            text.Append(docs[i].Path).Append('\0').Append(hashes[i]).Append('\n');
        }

        return ContentHash.OfText(text.ToString());
    }

    /// <summary>What the parallel loops of one run share.</summary>
    private sealed class RunState(SourceDocument[] docs, string[] hashes, ResultSet?[] fileResults, IAnalysisCache? cache, AnalysisProgress? progress)
    {
        private int _done;
        private int _parsed;
        private AnalysisPhase _phase;

        public SourceDocument[] Docs => docs;

        public ResultSet?[] FileResults => fileResults;

        public int Total { get; private set; }

        /// <summary>Enters <paramref name="next"/> with <paramref name="total"/> items to do and tells the progress display.</summary>
        public void Start(AnalysisPhase next, int total)
        {
            _phase = next;
            Total = total;
            Volatile.Write(ref _done, 0);
            progress?.Invoke(next, 0, total);
        }

        public int Parsed => _parsed;

        public void CountParsed() => Interlocked.Increment(ref _parsed);

        public void Store(int index, ResultSet results, bool cacheable)
        {
            fileResults[index] = results;
            if (cacheable)
            {
                cache?.PutFile(docs[index].Path, hashes[index], results);
            }
        }

        public void FileDone() => progress?.Invoke(_phase, Interlocked.Increment(ref _done), Total);
    }
}
