using GilScan.Analysis.Engine;
using GilScan.Analysis.Rules;
using GilScan.Analysis.Tests.TestRules;
using GilScan.Testing;

namespace GilScan.Analysis.Tests.Engine;

/// <summary>Project actions: the whole project, node actions registered at project start, shared models.</summary>
public sealed class ProjectActionTests
{
    [Fact]
    public Task A_project_start_action_sees_every_file_and_its_node_actions_run_in_the_same_walk() => Verify<ReportsCrossModuleCalls>.Project(
        [
            ("app/main.py", """
                from app.work import crunch
                def local():
                    pass
                local()
                {|GIL290:crunch(10)|}
                """),
            ("app/work.py", """
                def crunch(n):
                    return n
                crunch(1)
                """),
        ],
        "'crunch' is defined in 'app/work.py'.");

    [Fact]
    public void A_shared_model_is_built_once_for_all_rules_that_ask_for_it()
    {
        var builds = 0;
        var verifier = new Verifier(ReportsFunctionCount.Registry(() => Interlocked.Increment(ref builds)));

        var result = verifier.Run(
            [new ReportsFunctionCount("GIL291"), new ReportsFunctionCount("GIL292")],
            [("a.py", "def f(): pass\ndef g(): pass\n"), ("b.py", "def h(): pass\n")],
            jobs: 2);

        builds.ShouldBe(1);
        result.Diagnostics.Select(d => $"{d.RuleId} {d.Location.Path} {d.Message}").ShouldBe(
        [
            "GIL291 a.py The project defines '3' functions.",
            "GIL292 a.py The project defines '3' functions.",
        ]);
    }

    [Fact]
    public void The_result_carries_the_models_the_rules_asked_for_and_no_other()
    {
        var verifier = new Verifier(ReportsFunctionCount.Registry(() => { }).With(_ => new NotificationModel([])));

        var result = verifier.Run([new ReportsFunctionCount("GIL291")], [("a.py", "def f(): pass\ndef g(): pass\n")]);

        result.Models.Find<FunctionCountModel>().ShouldBe(new FunctionCountModel(2));
        result.Models.Find<NotificationModel>().ShouldBeNull();
        result.Models.Types.ShouldBe([typeof(FunctionCountModel)]);
    }

    [Fact]
    public void A_model_whose_builder_failed_is_not_on_the_result()
    {
        var verifier = new Verifier(ProjectModelRegistry.Empty.With<FunctionCountModel>(_ => throw new InvalidOperationException("no model today")));

        var result = verifier.Run([new ReportsFunctionCount("GIL291")], [("a.py", "def f(): pass\n")]);

        result.ExecutionSuccessful.ShouldBeFalse();
        result.Models.Types.ShouldBeEmpty();
    }

    [Fact]
    public void Asking_for_a_model_nobody_registered_is_a_rule_failure_that_names_the_model()
    {
        var result = Verifier.Default.Run([new ReportsFunctionCount("GIL291")], [("a.py", "def f(): pass\n")]);

        result.ExecutionSuccessful.ShouldBeFalse();
        result.Notifications.ShouldHaveSingleItem().Message.ShouldBe(
            "Rule GIL291 failed on the project and its results there are incomplete: InvalidOperationException: No project model of type GilScan.Analysis.Tests.TestRules.FunctionCountModel is registered; register its builder in the ProjectModelRegistry given to the driver.");
    }

    [Fact]
    public void A_project_rule_sees_only_files_that_parsed_in_path_order()
    {
        IReadOnlyList<string>? seen = null;
        var rule = new ProjectSpy(files => seen = files);

        Verifier.Default.Run([rule], [("z.py", "pass\n"), ("a.py", "pass\n"), ("broken.py", "def (\n")]);

        seen.ShouldBe(["a.py", "z.py"]);
    }

    [Fact]
    public void A_shared_model_is_given_the_project_root_and_the_files_that_did_not_parse()
    {
        ProjectModelInput? given = null;
        var models = ProjectModelRegistry.Empty.With(input =>
        {
            given = input;
            return new NotificationModel([]);
        });
        var driver = new AnalysisDriver([new NotifiesFromModel("GIL294")], new AnalysisDriverOptions { Models = models, ProjectRoot = "/srv/project" });

        driver.Run([SourceDocument.FromText("z.py", "pass\n"), SourceDocument.FromText("b.py", "def (\n"), SourceDocument.FromText("a.py", "print(\n")]);

        given.ShouldNotBeNull();
        given.ProjectRoot.ShouldBe("/srv/project");
        given.Files.Select(f => f.Path).ShouldBe(["z.py"]);
        given.UnparsedFiles.ShouldBe(["a.py", "b.py"]);
    }

    [Fact]
    public void Equal_notifications_that_several_rules_take_from_one_model_are_written_once()
    {
        var lockfileProblem = new Diagnostics.ToolNotification(Diagnostics.RuleLevel.Warning, "uv.lock does not parse") { Path = "uv.lock" };
        var models = ProjectModelRegistry.Empty.With(_ => new NotificationModel([lockfileProblem]));
        var driver = new AnalysisDriver([new NotifiesFromModel("GIL294"), new NotifiesFromModel("GIL295")], new AnalysisDriverOptions { Models = models });

        var result = driver.Run([SourceDocument.FromText("a.py", "pass\n")]);

        result.ExecutionSuccessful.ShouldBeTrue();
        result.Notifications.ShouldBe([lockfileProblem]);
    }

    [Fact]
    public void Findings_are_identical_whatever_the_number_of_jobs()
    {
        var files = Enumerable.Range(0, 40)
            .Select(i => ($"pkg/m{i:D2}.py", $"def f{i}():\n    pass\nf{(i + 1) % 40}()\nf{i}()\nprint(f{(i + 7) % 40})\n"))
            .Append(("pkg/bad.py", "def broken(:\n"))
            .ToList();
        AnalysisResult RunWith(int jobs) => Verifier.Default.Run([new ReportsEveryCall(), new ReportsCrossModuleCalls()], files, jobs);

        var one = RunWith(1);
        var four = RunWith(4);

        one.Diagnostics.Length.ShouldBe(41 + 80 + 40);
        four.Diagnostics.Select(d => $"{d.Location} {d.RuleId} {d.Message}").ShouldBe(one.Diagnostics.Select(d => $"{d.Location} {d.RuleId} {d.Message}"));
        four.Notifications.Select(n => n.Message).ShouldBe(one.Notifications.Select(n => n.Message));
    }

    private sealed record NotificationModel(IReadOnlyList<Diagnostics.ToolNotification> Notifications);

    /// <summary>Test-only GIL294/GIL295: pass on the notifications of the shared <see cref="NotificationModel"/> at project end.</summary>
    private sealed class NotifiesFromModel(string id) : Rule(Diagnostics.RuleDescriptor.Create(
        id, name: "Notifies" + id, title: "Notifies", message: "Never reported.", category: Diagnostics.RuleCategory.Asyncio, level: Diagnostics.RuleLevel.Note))
    {
        public override void Initialize(RuleRegistrar on) => on.ProjectEnd(project =>
        {
            foreach (var notification in project.GetModel<NotificationModel>().Notifications)
            {
                project.Notify(notification);
            }
        });
    }

    /// <summary>Test-only GIL293: hands the paths of the project's files to a callback at project start.</summary>
    private sealed class ProjectSpy(Action<IReadOnlyList<string>> seen) : Rule(Descriptor)
    {
        private static readonly Diagnostics.RuleDescriptor Descriptor = Diagnostics.RuleDescriptor.Create(
            "GIL293", name: "Spy", title: "Spy", message: "Spy.", category: Diagnostics.RuleCategory.Asyncio, level: Diagnostics.RuleLevel.Note);

        public override void Initialize(RuleRegistrar on) => on.ProjectStart(start => seen([.. start.Project.Files.Select(f => f.Path)]));
    }
}
