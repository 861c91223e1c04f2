using System.Diagnostics;
using System.Text;
using GilScan.Cli.Tests.Support;
using GilScan.Testing;

namespace GilScan.Cli.Tests;

/// <summary>
/// The wheel build/wheel.sh makes (dist/gilscan-*.whl, a NativeAOT executable): installed into a fresh
/// venv of pyenv's CPython 3.13 with pip from the file, run with no dotnet on PATH, writing the same
/// bytes as the JIT build; and the GitHub Action's scripts installing it. Skipped (outside CI) until
/// the wheel is built; .ci/run builds it first.
/// </summary>
[Collection(WheelCollection.Name)]
public sealed class NativeBinaryTests(WheelFixture wheel) : IClassFixture<WheelFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public void The_wheel_installs_into_a_fresh_venv_and_checks_a_project_without_dotnet_on_path()
    {
        var venv = wheel.RequireVenv();
        var project = _temp.CopyFrom(RepositoryRoot.Combine("fixtures", "projects", "pool-service"), "pool-service");

        var (exit, stdout, stderr) = Run(Path.Combine(venv, "bin", "gilscan"), project, OnlyVenvOnPath(venv), "check", "--no-cache");

        exit.ShouldBe(1, stderr);
        stderr.ShouldBeEmpty();
        stdout.ShouldBe(CliRun.Run(CliRun.Shipped, project, "check", "--no-cache").Out);
        stdout.ShouldEndWith("Found 8 findings (2 suppressed).\n");

        var (moduleExit, moduleOut, moduleError) = Run(Path.Combine(venv, "bin", "python"), project, OnlyVenvOnPath(venv), "-m", "gilscan", "rules");
        moduleExit.ShouldBe(0, moduleError);
        moduleOut.ShouldStartWith("GIL001  error    SyntaxError");
    }

    [SkippableFact]
    public void The_native_binary_writes_the_same_sarif_json_and_text_bytes_as_the_jit_build()
    {
        var venv = wheel.RequireVenv();
        var project = _temp.CopyFrom(RepositoryRoot.Combine("fixtures", "projects", "pool-service"), "pool-service");
        var native = Path.Combine(venv, "bin", "gilscan");
        var jit = Path.Combine(AppContext.BaseDirectory, "gilscan");

        foreach (var format in new[] { "sarif", "json", "text", "github" })
        {
            Run(native, project, OnlyVenvOnPath(venv), "check", "--no-cache", "--format", format, "--output", $"native.{format}");
            Run(jit, project, new Dictionary<string, string>(), "check", "--no-cache", "--format", format, "--output", $"jit.{format}");
            File.ReadAllBytes(Path.Combine(project, $"native.{format}")).ShouldBe(File.ReadAllBytes(Path.Combine(project, $"jit.{format}")), format);
        }

        var (exit, _, error) = Run(native, project, OnlyVenvOnPath(venv), "check", "--no-cache", "--format", "sarif", "--output", "baseline.sarif", "--write-baseline", "base.sarif");
        exit.ShouldBe(0, error);
        var (again, againOut, againError) = Run(native, project, OnlyVenvOnPath(venv), "check", "--no-cache", "--baseline", "base.sarif");
        again.ShouldBe(0, againError);
        againOut.ShouldBe("All checks passed! (2 suppressed, 8 already in the baseline)\n");
    }

    [SkippableFact]
    public void The_action_scripts_install_the_wheel_and_write_sarif_for_upload()
    {
        wheel.RequireVenv();
        var workspace = _temp.Combine("repo");
        Directory.CreateDirectory(Path.Combine(workspace, ".git"));
        _temp.CopyFrom(RepositoryRoot.Combine("fixtures", "projects", "pool-service"), Path.Combine("repo", "services", "pool-service"));
        var runner = _temp.Combine("runner");
        Directory.CreateDirectory(runner);
        var githubPath = Path.Combine(runner, "path.txt");
        var githubOutput = Path.Combine(runner, "output.txt");
        File.WriteAllText(githubPath, string.Empty);
        File.WriteAllText(githubOutput, string.Empty);
        var environment = new Dictionary<string, string>
        {
            ["GITHUB_ACTION_PATH"] = RepositoryRoot.Path,
            ["GITHUB_WORKSPACE"] = workspace,
            ["GITHUB_PATH"] = githubPath,
            ["GITHUB_OUTPUT"] = githubOutput,
            ["RUNNER_TEMP"] = runner,
            ["GILSCAN_WHEEL"] = wheel.WheelPath!,
            ["PATH"] = Path.GetDirectoryName(WheelFixture.Python313)! + ":/usr/bin:/bin",
        };

        var (installExit, installOut, installError) = Run("bash", workspace, environment, Path.Combine(RepositoryRoot.Path, "build", "action", "install.sh"));
        installExit.ShouldBe(0, installOut + installError);
        var bin = File.ReadAllText(githubPath).Trim();
        bin.ShouldBe(Path.Combine(runner, "gilscan-tool", "venv", "bin"));

        environment["PATH"] = bin + ":/usr/bin:/bin";
        environment["GILSCAN_PATHS"] = "services";
        environment["GILSCAN_SARIF"] = "gilscan.sarif";
        var (checkExit, checkOut, checkError) = Run("bash", workspace, environment, Path.Combine(RepositoryRoot.Path, "build", "action", "check.sh"));

        checkExit.ShouldBe(0, checkOut + checkError);
        File.ReadAllText(githubOutput).ShouldBe("sarif-file=gilscan.sarif\nexit-code=1\n");
        var sarif = File.ReadAllText(Path.Combine(workspace, "gilscan.sarif"));
        sarif.ShouldContain("\"uri\": \"services/pool-service/src/pool_service/workers.py\"");
        sarif.ShouldNotContain("\"suppressions\"");
    }

    private static Dictionary<string, string> OnlyVenvOnPath(string venv) => new() { ["PATH"] = Path.Combine(venv, "bin") };

    internal static (int Exit, string Out, string Error) Run(string program, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CI"] = "true";
        start.Environment.Remove("DOTNET_ROOT");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromMinutes(5)).ShouldBeTrue($"{program} did not finish");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>The newest dist/gilscan-*.whl, installed once into a fresh venv (pyenv's CPython 3.13, <c>pip install --no-index</c>).</summary>
public sealed class WheelFixture : IDisposable
{
    private readonly Lazy<(string? Venv, string? Problem)> _venv;
    private readonly string _folder = Directory.CreateTempSubdirectory("gilscan-wheel-").FullName;

    public WheelFixture()
    {
        WheelPath = Directory.Exists(RepositoryRoot.Combine("dist"))
            ? Directory.GetFiles(RepositoryRoot.Combine("dist"), "gilscan-*.whl").OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        _venv = new Lazy<(string?, string?)>(Install);
    }

    public static string Python313 => Path.Combine(
        Environment.GetEnvironmentVariable("PYENV_ROOT") ?? Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/root", ".pyenv"), "versions", "3.13.0", "bin", "python3");

    public string? WheelPath { get; }

    /// <summary>The venv with the wheel installed; skips the test (outside CI) when there is no wheel or no CPython 3.13.</summary>
    public string RequireVenv()
    {
        var missing = WheelPath is null ? "no wheel in dist/: run 'bash build/wheel.sh'"
            : !File.Exists(Python313) ? $"pyenv's CPython 3.13.0 is not installed at {Python313}"
            : null;
        var skip = OptionalTools.SkipReason(missing);
        Skip.If(skip is not null, skip);
        if (missing is not null)
        {
            throw new InvalidOperationException(missing);
        }

        var (path, problem) = _venv.Value;
        return path ?? throw new InvalidOperationException(problem);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (string? Venv, string? Problem) Install()
    {
        var path = Path.Combine(_folder, "venv");
        var log = new StringBuilder();
        foreach (var (program, args) in new[]
        {
            (Python313, new[] { "-m", "venv", path }),
            (Path.Combine(path, "bin", "python"), new[] { "-m", "pip", "install", "--no-index", "--disable-pip-version-check", "--quiet", WheelPath! }),
        })
        {
            var (exit, stdout, stderr) = NativeBinaryTests.Run(program, _folder, new Dictionary<string, string>(), args);
            log.Append(stdout).Append(stderr);
            if (exit != 0)
            {
                return (null, $"{program} {string.Join(' ', args)} failed: {log}");
            }
        }

        return (path, null);
    }
}

/// <summary>Tests that use the installed wheel run one after another.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WheelCollection
{
    public const string Name = "wheel";
}
