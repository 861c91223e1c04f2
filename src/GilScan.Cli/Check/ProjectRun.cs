using System.Globalization;
using GilScan.Analysis.Caching;
using GilScan.Analysis.Configuration;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Discovery;
using GilScan.Analysis.Engine;
using GilScan.Analysis.Rules;
using GilScan.Cli.Confirm;
using GilScan.Cli.Output;
using GilScan.Confirmation.Findings;
using GilScan.Reporting.Check;
using GilScan.Rules.Shared;
using GilScan.Semantics;

namespace GilScan.Cli.Check;

/// <summary>What a command asks of the run it shares with <c>check</c>, besides the command line's options.</summary>
internal sealed record RunRequest
{
    /// <summary>The shared models (the app's, or the app's with a command's own builders).</summary>
    public required ProjectModelRegistry Models { get; init; }

    /// <summary>Rule ids that run whatever the selection says and whether or not their model has inputs (<c>audit</c>: GIL401-403, the subject of its report).</summary>
    public IReadOnlyList<string> AlwaysEnabled { get; init; } = [];

    /// <summary>Whether the results cache may be used (and <c>--no-cache</c> was not given).</summary>
    public bool UseCache { get; init; } = true;
}

/// <summary>What the shared part of a run found, before a command turns it into its output.</summary>
internal sealed record ProjectRunResult(
    IReadOnlyList<RuleDescriptor> RulesRan,
    AnalysisResult Analysis,
    IReadOnlyList<ToolNotification> Notifications,
    IReadOnlyDictionary<string, byte[]> Sources,
    int FileCount);

/// <summary>
/// The part of <c>gilscan check</c> that <c>gilscan audit</c> runs too: resolve the project, load its
/// configuration, select the rules, discover and read the files, and run the driver (with the results
/// cache when allowed). The commands differ only in what they write from the result.
/// </summary>
internal sealed class ProjectRun(GilScanApp app, CliHost host, CheckOptions options)
{
    /// <summary>The project's setup, or the usage error (missing input, a rule code that is malformed or matches no rule) that prevents one.</summary>
    public (ProjectSetup? Setup, string? UsageError) ResolveSetup()
    {
        var (setup, problem) = ProjectSetup.Resolve(options, host);
        if (setup is null)
        {
            return (null, problem);
        }

        var codes = (options.Select ?? []).Select(code => ("--select", code))
            .Concat(options.ExtendSelect.Select(code => ("--extend-select", code)))
            .Concat(options.Ignore.Select(code => ("--ignore", code)));
        foreach (var (option, code) in codes)
        {
            if (RuleSelectors.Problem(code, app.Catalog.Ids) is { } codeProblem)
            {
                return (null, $"{option}: {codeProblem}");
            }
        }

        return (setup, null);
    }

    /// <summary>
    /// Loads the configuration (the defaults without a file) and prints its warnings to standard error.
    /// The <c>[tool.gilscan.confirm."module:function"]</c> tables are checked on every run, as every
    /// other setting is, not only with --confirm: their problems are errors (GIL003) too.
    /// </summary>
    public ConfigurationResult LoadConfiguration(ProjectSetup setup)
    {
        var config = setup.ConfigFile is null
            ? new ConfigurationResult(GilScanSettings.Defaults, [], [])
            : ConfigurationLoader.Load(setup.ConfigFile, app.Catalog.Ids);
        foreach (var warning in config.Warnings)
        {
            host.Error.WriteLine($"gilscan: warning: {DisplayConfigPath(warning.FilePath)}:{warning.Line}:{warning.StartColumn + 1}: {warning.Key}: {warning.Message}");
        }

        var confirmTables = ConfirmConfiguration.Read(setup.ConfigFile);
        return confirmTables.Problems.IsEmpty
            ? config
            : config with { Errors = [.. config.Errors.Concat(confirmTables.Problems).OrderBy(p => p.Line).ThenBy(p => p.StartColumn)] };
    }

    /// <summary>
    /// With <c>--confirm</c>, measures the confirmable findings of the analysis (<see cref="ConfirmationRun"/>);
    /// without it, the findings as they are. Call it after <see cref="Analyse"/>, whose cache is saved by
    /// then: measured results are never cached.
    /// </summary>
    public ConfirmationOutcome Confirm(ProjectSetup setup, GilScanSettings settings, System.Collections.Immutable.ImmutableArray<Diagnostic> diagnostics, IReadOnlyDictionary<string, byte[]> sources) =>
        options.Confirm is { } confirm
            ? new ConfirmationRun(host, confirm).Run(new ConfirmationInput
            {
                Diagnostics = diagnostics,
                ProjectRoot = setup.Root,
                Sources = sources,
                Overrides = ConfirmConfiguration.Read(setup.ConfigFile).Overrides,
                LatencyBudgetMs = settings.Options.LatencyBudgetMs,
            })
            : ConfirmationOutcome.Unchanged(diagnostics);

    /// <summary>Selects the rules, discovers and reads the files, and runs the driver.</summary>
    public ProjectRunResult Analyse(ProjectSetup setup, GilScanSettings settings, RunRequest request)
    {
        var selected = RuleSelection.Resolve(
            app.Catalog.Descriptors,
            options.Select ?? (settings.Select is { } select ? [.. select] : null),
            [.. settings.ExtendSelect, .. options.ExtendSelect],
            [.. settings.Ignore, .. options.Ignore]);
        var always = request.AlwaysEnabled.Where(id => app.Catalog.Find(id) is not null);
        IReadOnlyList<string> enabled = [.. selected.Union(always, StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var policy = new DiagnosticPolicy(enabled, settings.Severity, settings.PerFileIgnores);
        var rules = WithoutIdleRules(app.Catalog.RulesFor(enabled), setup.Root, request);

        var progress = new ProgressLine(host);
        var (documents, discoveryProblems) = ReadDocuments(setup, settings, progress);

        var analysisOptions = settings.Options with { PythonEnvironment = options.PythonEnvironment };
        var driver = new AnalysisDriver(rules, new AnalysisDriverOptions
        {
            Options = analysisOptions,
            Policy = policy,
            Models = request.Models,
            Jobs = options.Jobs,
            ProjectRoot = setup.Root,
            ProjectInputsKey = ModelInputsKey(rules, setup.Root, request.Models, analysisOptions),
        });
        using var cache = options.NoCache || !request.UseCache
            ? null
            : FileAnalysisCache.Open(setup.CacheDirectory, CacheKey.For(rules, policy, analysisOptions, request.Models), app.Catalog.Descriptors, setup.Root);
        AnalysisResult result;
        try
        {
            result = driver.Run(documents, cache, progress.Enabled ? progress.ForDriver(driver.HasProjectActions) : null);
        }
        finally
        {
            progress.Clear();
        }

        SaveCache(cache);
        result = WithinInputs(result, rules, setup);

        var notifications = result.Notifications
            .Concat(discoveryProblems.Select(p => new ToolNotification(RuleLevel.Warning, p.Message) { Path = p.Path.Length == 0 ? null : p.Path }))
            .Order(NotificationComparer.Instance)
            .ToList();
        var rulesRan = app.Catalog.Descriptors.Where(rule => enabled.Contains(rule.Id) || rule.Id == ToolRules.InvalidConfiguration.Id).ToList();
        var sources = documents.Where(d => d.Content is not null).ToDictionary(d => d.Path, d => d.Content!, StringComparer.Ordinal);
        return new ProjectRunResult(rulesRan, result, notifications, sources, documents.Length);
    }

    // The files of the run: standard input as the one file named by --stdin-filename, or the files
    // discovered under the inputs, read in parallel.
    private (SourceDocument[] Documents, IReadOnlyList<DiscoveryProblem> Problems) ReadDocuments(ProjectSetup setup, GilScanSettings settings, ProgressLine progress)
    {
        if (options.Stdin is { } stdin)
        {
            return ([SourceDocument.FromBytes(setup.Relative(setup.Inputs[0]), stdin)], []);
        }

        progress.Show("finding files");
        var excludes = new GlobSet([.. settings.Exclude ?? [.. DefaultExcludes.Patterns], .. settings.ExtendExclude]);
        var discovered = new FileDiscovery(setup.Root, excludes, settings.RespectGitignore).Discover(setup.Inputs);
        var files = discovered.Files.Where(file => !setup.NestedProjects.Any(nested => FileDiscovery.IsUnder(file.AbsolutePath, nested))).ToList();
        var documents = new SourceDocument[files.Count];
        var read = 0;
        progress.Show("reading", 0, documents.Length, "files");
        Parallel.For(0, documents.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Jobs }, i =>
        {
            documents[i] = SourceDocument.Read(files[i].RelativePath, files[i].AbsolutePath);
            progress.Show("reading", Interlocked.Increment(ref read), documents.Length, "files");
        });
        return (documents, discovered.Problems);
    }

    // A rule that reports on a model's own inputs (GIL401-403 on manifests and lockfiles) reports nothing
    // where the root holds none, but as a project rule it would make every run parse and keep every file;
    // so it runs only when they exist, or when the command always runs it (audit). It still counts as run (SARIF).
    private static IReadOnlyList<Rule> WithoutIdleRules(IReadOnlyList<Rule> rules, string root, RunRequest request)
    {
        var inputsExist = new Dictionary<Type, bool>();
        return [.. rules.Where(rule => rule.ReportsOnInputsOf is not { } model
            || request.AlwaysEnabled.Contains(rule.Id)
            || request.Models.InputsOf(model) is not { } inputs
            || (inputsExist.TryGetValue(model, out var exist) ? exist : inputsExist[model] = inputs.ExistUnder(root)))];
    }

    // A rule that reports on a model's own inputs (manifests and lockfiles) reads every one under the
    // project root, but a run reports on what it was asked to check: the lockfiles in or below an input
    // folder, and those of the folders that hold an input (they govern it). `check src/app/x.py` then
    // says nothing of the lockfile of an unrelated project nested elsewhere in the repository.
    private static AnalysisResult WithinInputs(AnalysisResult result, IReadOnlyList<Rule> rules, ProjectSetup setup)
    {
        var inputFolders = setup.Inputs.Select(input => Directory.Exists(input) ? input : Path.GetDirectoryName(input) ?? setup.Root).ToList();
        if (inputFolders.Any(folder => FileDiscovery.IsUnder(setup.Root, folder)))
        {
            return result;
        }

        var inputRules = rules.Where(rule => rule.ReportsOnInputsOf is not null).Select(rule => rule.Id).ToHashSet(StringComparer.Ordinal);
        bool Covered(string path)
        {
            var full = Path.GetFullPath(path, setup.Root);
            var folder = Path.GetDirectoryName(full) ?? setup.Root;
            return inputFolders.Any(input => FileDiscovery.IsUnder(full, input) || FileDiscovery.IsUnder(input, folder));
        }

        return result with
        {
            Diagnostics = [.. result.Diagnostics.Where(d => !inputRules.Contains(d.RuleId) || Covered(d.Location.Path))],
            Notifications = [.. result.Notifications.Where(n => n.Path is null || !IsDependencyInput(n.Path) || Covered(n.Path))],
        };
    }

    private static bool IsDependencyInput(string path) => GilScan.Dependencies.Inputs.DependencyInputReader.KindOf(path) is not null;

    // The project results of the rules that run depend on the inputs of the models those rules report on.
    // The inputs of the models the rules report on (lockfiles), and those of the semantic model (the
    // installed packages it follows calls into, of --python-env or the project's environment), which
    // every rule of the semantic model reads.
    private static string? ModelInputsKey(IReadOnlyList<Rule> rules, string root, ProjectModelRegistry models, AnalysisOptions analysis)
    {
        var keys = rules.Select(rule => rule.ReportsOnInputsOf).OfType<Type>().Append(typeof(ProjectModel)).Distinct().OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => models.InputsOf(type)?.KeyOf(root)).OfType<string>().ToList();
        if (analysis.PythonEnvironment is { } environment)
        {
            keys.Add(InstalledPackageSources.Fingerprint(environment));
        }

        return keys.Count == 0 ? null : string.Join('\n', keys);
    }

    /// <summary>
    /// Prints the notifications that no finding shows already (discovery problems, unreadable lockfiles,
    /// rules that failed; GIL001/GIL002 are findings) to standard error, one line each, with the line
    /// and column when the notification has a position.
    /// </summary>
    public static void WriteStandaloneNotifications(CliHost host, IEnumerable<ToolNotification> notifications, Func<string, string> displayPath)
    {
        foreach (var notification in notifications.Where(CheckReport.IsStandalone))
        {
            var where = notification.Path is null ? string.Empty
                : notification.Span is { } span ? string.Create(CultureInfo.InvariantCulture, $"{displayPath(notification.Path)}:{span.StartLine}:{span.StartColumnUtf16 + 1}: ")
                : displayPath(notification.Path) + ": ";
            host.Error.WriteLine($"gilscan: {DiagnosticJson.LevelName(notification.Level)}: {where}{notification.Message}");
        }
    }

    /// <summary>A path as messages about the configuration show it: relative to the current folder.</summary>
    public string DisplayConfigPath(string absolutePath) =>
        Path.GetRelativePath(host.CurrentDirectory, absolutePath).Replace('\\', '/');

    private void SaveCache(FileAnalysisCache? cache)
    {
        try
        {
            cache?.Save();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            host.Error.WriteLine($"gilscan: warning: the results cache could not be written: {error.Message}");
        }
    }
}
