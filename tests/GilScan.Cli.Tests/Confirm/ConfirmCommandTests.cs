using System.Text.Json;
using GilScan.Cli.Tests.Support;
using GilScan.Testing;

namespace GilScan.Cli.Tests.Confirm;

/// <summary><c>gilscan check --confirm</c>: what is refused before anything runs, and what is never run.</summary>
public sealed class ConfirmCommandTests : IDisposable
{
    private readonly TempDirectory _project = new();

    public void Dispose() => _project.Dispose();

    [Theory]
    [InlineData("--cores abc", "gilscan: error: --cores: 'abc' is not a core list such as '0-3,6'.\n")]
    [InlineData("--repeat 0", "gilscan: error: --repeat must be at least 1\n")]
    [InlineData("--confirm-timeout -1", "gilscan: error: --confirm-timeout must be a positive number of seconds\n")]
    public void Bad_confirmation_settings_are_usage_errors(string arguments, string error)
    {
        _project.Write("pyproject.toml", "[project]\nname = \"p\"\n");

        var result = CliRun.Run(CliRun.Shipped, _project.Path, ["check", "--no-cache", "--confirm", .. arguments.Split(' ')]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe(error);
        result.Out.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("--python", "python3")]
    [InlineData("--cores", "0-1")]
    [InlineData("--keep-harness")]
    public void Confirmation_settings_without_confirm_are_usage_errors(params string[] arguments)
    {
        var result = CliRun.Run(CliRun.Shipped, _project.Path, ["check", "--no-cache", .. arguments]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe($"gilscan: error: {arguments[0]} only applies with --confirm\n");
    }

    [Fact]
    public void A_bad_confirm_table_is_a_gil003_finding_on_its_line_with_or_without_confirm()
    {
        _project.Write("pyproject.toml", """
            [project]
            name = "p"

            [tool.gilscan.confirm."jobs:run"]
            args = 1
            scale = "fast"
            """);
        _project.Write("jobs.py", "def run(n):\n    return n\n");

        var result = CliRun.Run(CliRun.Shipped, _project.Path, "check", "--no-cache");

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBe(
            """
            pyproject.toml:4:23: GIL003 The gilscan setting 'confirm."jobs:run"' is invalid: 'args must be an array.'.
            pyproject.toml:4:23: GIL003 The gilscan setting 'confirm."jobs:run"' is invalid: 'scale must be "auto" or a positive number, not 'fast'.'.
            Found 2 findings.

            """);
        result.Error.ShouldBe("gilscan: error: pyproject.toml has 2 invalid settings (GIL003); nothing was checked.\n");
    }

    [Fact]
    public void A_finding_whose_arguments_are_unknown_is_not_run_and_says_so_in_text_and_json()
    {
        _project.Write("pyproject.toml", "[project]\nname = \"p\"\n");
        _project.Write("jobs.py", """
            import threading


            def crunch(n):
                total = 0
                for i in range(n):
                    total += i * i % 7
                return total


            def start(n):
                threading.Thread(target=crunch, args=(n,)).start()
            """);

        var text = CliRun.Run(CliRun.Shipped, _project.Path, "check", "--no-cache", "--confirm");
        var json = CliRun.Run(CliRun.Shipped, _project.Path, "check", "--no-cache", "--confirm", "--format", "json");
        var github = CliRun.Run(CliRun.Shipped, _project.Path, "check", "--no-cache", "--confirm", "--format", "github");

        text.ExitCode.ShouldBe(1);
        text.Error.ShouldBe("gilscan: warning: --confirm runs project code. Nothing to confirm: no finding can be measured.\n");
        text.Out.ShouldBe(
            """
            jobs.py:12:5: GIL101 'crunch' runs on a thread but is CPU-bound pure Python ('loop over range(n) of unknown length, ~6 operations per iteration'); under the GIL it cannot run in parallel with other threads.
              not confirmed: arguments unknown (not constants at the call site); give them in [tool.gilscan.confirm."jobs:crunch"] args = [...]
            Found 1 finding.

            """);
        github.Out.ShouldStartWith("::warning file=jobs.py,line=12,col=5,");
        github.Out.ShouldEndWith("under the GIL it cannot run in parallel with other threads.%0Anot confirmed: arguments unknown (not constants at the call site); give them in [tool.gilscan.confirm.\"jobs:crunch\"] args = [...]\n");
        var finding = JsonDocument.Parse(json.Out).RootElement.GetProperty("findings")[0];
        finding.GetProperty("level").GetString().ShouldBe("warning");
        finding.GetProperty("confidence").GetString().ShouldBe("medium");
        var confirmation = finding.GetProperty("properties").GetProperty("confirmation");
        confirmation.GetProperty("verdict").GetString().ShouldBe("inconclusive");
        confirmation.GetProperty("reason").GetString().ShouldBe(
            "not run: arguments unknown (not constants at the call site); give them in [tool.gilscan.confirm.\"jobs:crunch\"] args = [...]");
        confirmation.GetProperty("k").GetInt32().ShouldBe(0);
        confirmation.GetProperty("runs").GetArrayLength().ShouldBe(0);
    }

    [ConfirmFact]
    public void Blocking_imports_wait_for_a_free_threaded_interpreter_and_import_nothing_without_one()
    {
        var sample = RepositoryRoot.Combine("fixtures", "projects", "audit-sample");

        var result = CliRun.Run(CliRun.Shipped, sample, new Dictionary<string, string> { ["PATH"] = "/nonexistent-gilscan-test-path" }, errorIsTerminal: false,
            "check", "--no-cache", "--select", "GIL403", "sample_app/config.py", "--confirm", "--python", Python313.Path);

        result.Error.ShouldBe("gilscan: warning: --confirm runs project code. Nothing to confirm: no finding can be measured.\n");
        result.Out.ShouldBe(
            """
            sample_app/config.py:1:8: GIL403 'yaml' comes from 'pyyaml 6.0.2', which blocks free-threading on '3.14t': 'it has compiled code and no free-threaded wheel (GIL402)'.
              inconclusive: no free-threaded interpreter was found (python3.13t, python3.14t on PATH); name one with --python to probe the import
            Found 1 finding.

            """);
    }

    [Fact]
    public void Without_confirm_nothing_is_measured_and_no_property_is_attached()
    {
        _project.Write("pyproject.toml", "[project]\nname = \"p\"\n\n[tool.gilscan.confirm.\"jobs:crunch\"]\nargs = [10]\n");
        _project.Write("jobs.py", "import threading\n\ndef crunch(n):\n    total = 0\n    for i in range(n):\n        total += i * i % 7\n    return total\n\nthreading.Thread(target=crunch, args=(10 ** 8,)).start()\n");

        var result = CliRun.Run(CliRun.Shipped, _project.Path, "check", "--no-cache", "--format", "json");

        result.Error.ShouldBeEmpty();
        var properties = JsonDocument.Parse(result.Out).RootElement.GetProperty("findings")[0].GetProperty("properties");
        properties.TryGetProperty("confirmation", out _).ShouldBeFalse();
        properties.GetProperty("arguments")[0].GetString().ShouldBe("100000000");
    }
}
