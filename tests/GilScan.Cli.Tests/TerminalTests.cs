using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using GilScan.Cli.Tests.Support;
using GilScan.Testing;

namespace GilScan.Cli.Tests;

/// <summary>
/// The built gilscan binary on a pseudo-terminal, as a person runs it: util-linux's <c>script</c>
/// gives it a terminal for standard input, output and error. Each output mode that behaves
/// differently on a terminal is run here: the progress line on standard error (every format), colour
/// in the text formats (auto, NO_COLOR), machine formats without escapes. The transcript, with the
/// progress line's redraws taken out, must be exactly what the same run writes in-process.
/// </summary>
public sealed partial class TerminalTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _project;

    public TerminalTests() => _project = _temp.CopyFrom(RepositoryRoot.Combine("fixtures", "projects", "pool-service"), "pool-service");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Text_on_a_terminal_shows_progress_then_coloured_findings_and_exits_1()
    {
        var run = OnTerminal([], "check", "--no-cache");

        run.Exit.ShouldBe(1, run.Raw);
        run.Phases.ShouldBe(["finding files", "reading", "parsing", "building the project model", "checking"]);
        run.Text.ShouldBe(InProcess("check", "--no-cache", "--color", "always"));
        run.Text.ShouldContain("\u001b[1;31mGIL101\u001b[0m");
        run.Text.ShouldEndWith("Found 8 findings (2 suppressed).\n");
        run.Raw.ShouldNotContain("internal error");
    }

    [Fact]
    public void Grouped_on_a_terminal_is_coloured_and_grouped_by_file()
    {
        var run = OnTerminal([], "check", "--no-cache", "--output-format", "grouped");

        run.Exit.ShouldBe(1, run.Raw);
        run.Phases.ShouldContain("checking");
        run.Text.ShouldBe(InProcess("check", "--no-cache", "--format", "grouped", "--color", "always"));
        run.Text.ShouldStartWith("\u001b[1;4msrc/pool_service/handlers.py\u001b[0m:\n  15\u001b[36m:\u001b[0m5  \u001b[1;31mGIL202\u001b[0m ");
    }

    [Fact]
    public void No_color_turns_colour_off_on_a_terminal_but_keeps_the_progress_line()
    {
        var run = OnTerminal(new() { ["NO_COLOR"] = "1" }, "check", "--no-cache");

        run.Exit.ShouldBe(1, run.Raw);
        run.Phases.ShouldContain("checking");
        run.Text.ShouldBe(InProcess("check", "--no-cache"));
        run.Text.ShouldNotContain("\u001b");
    }

    [Fact]
    public void Json_on_a_terminal_has_no_colour_escapes()
    {
        var run = OnTerminal([], "check", "--no-cache", "--format", "json");

        run.Exit.ShouldBe(1, run.Raw);
        run.Phases.ShouldContain("checking");
        run.Text.ShouldBe(InProcess("check", "--no-cache", "--format", "json"));
        run.Text.ShouldNotContain("\u001b");
    }

    [Fact]
    public void Sarif_to_a_file_from_a_terminal_prints_only_the_progress_line()
    {
        var run = OnTerminal([], "check", "--no-cache", "--format", "sarif", "--output", "out.sarif");

        run.Exit.ShouldBe(1, run.Raw);
        run.Phases.ShouldContain("checking");
        run.Text.ShouldBeEmpty();
        var fromTerminal = File.ReadAllBytes(Path.Combine(_project, "out.sarif"));
        InProcess("check", "--no-cache", "--format", "sarif", "--output", "in-process.sarif");
        fromTerminal.ShouldBe(File.ReadAllBytes(Path.Combine(_project, "in-process.sarif")));
    }

    [Fact]
    public void Redirected_output_has_neither_progress_nor_colour_outside_ci()
    {
        var (exit, stdout, stderr) = Redirected("check", "--no-cache");

        exit.ShouldBe(1, stderr);
        stderr.ShouldBeEmpty();
        stdout.ShouldBe(InProcess("check", "--no-cache"));
    }

    [Fact]
    public void Standard_input_is_checked_under_the_stdin_filename()
    {
        var source = File.ReadAllBytes(Path.Combine(_project, "src", "pool_service", "handlers.py"));

        var (exit, stdout, stderr) = Redirected(source, "check", "-", "--stdin-filename", "app/f.py", "--no-cache");

        exit.ShouldBe(1, stderr);
        stdout.ShouldBe(
            "app/f.py:15:5: GIL202 Coroutine 'slow_report' blocks the event loop on 'time.sleep' (called in 'slow_report'); use an asynchronous API or 'await asyncio.to_thread(...)'.\n"
            + "Found 1 finding (1 suppressed).\n");
        File.Exists(Path.Combine(_project, "app", "f.py")).ShouldBeFalse();
    }

    private static string Binary => Path.Combine(AppContext.BaseDirectory, "gilscan");

    private string InProcess(params string[] args) => CliRun.Run(CliRun.Shipped, _project, args).Out;

    private TerminalRun OnTerminal(Dictionary<string, string> environment, params string[] args)
    {
        var command = string.Join(' ', new[] { Binary }.Concat(args).Select(Quote));
        var start = new ProcessStartInfo("script") { WorkingDirectory = _project, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "-q", "-e", "-c", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("CI");
        start.Environment.Remove("NO_COLOR");
        start.Environment["TERM"] = "xterm-256color";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromMinutes(2)).ShouldBeTrue("gilscan did not finish on the terminal");
        return TerminalRun.From(process.ExitCode, stdout.Result + stderr.Result);
    }

    private (int Exit, string Out, string Error) Redirected(params string[] args) => Redirected(null, args);

    private (int Exit, string Out, string Error) Redirected(byte[]? input, params string[] args)
    {
        var start = new ProcessStartInfo(Binary) { WorkingDirectory = _project, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("CI");
        start.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.BaseStream.Write(input);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromMinutes(2)).ShouldBeTrue("gilscan did not finish");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>What a terminal showed: the raw transcript, the progress phases drawn, and the text left once the progress line is taken out.</summary>
    private sealed partial record TerminalRun(int Exit, string Raw, IReadOnlyList<string> Phases, string Text)
    {
        public static TerminalRun From(int exit, string transcript)
        {
            // The terminal turns each \n into \r\n; the progress line is "\r" + text, redrawn in place and
            // erased with "\r" + spaces + "\r" before the report is written.
            var raw = transcript.Replace("\r\n", "\n", StringComparison.Ordinal);
            var phases = ProgressText().Matches(raw).Select(m => m.Groups["phase"].Value).Distinct().ToList();
            var text = new StringBuilder(ProgressSegment().Replace(raw, string.Empty)).Replace("\r", string.Empty).ToString();
            return new TerminalRun(exit, raw, phases, text);
        }

        [GeneratedRegex(@"\rgilscan: (?<phase>[a-z ]+?)(?: [0-9,]+/[0-9,]+ files)? *(?=\r)")]
        private static partial Regex ProgressText();

        [GeneratedRegex(@"\r[^\r\n]*(?=\r)")]
        private static partial Regex ProgressSegment();
    }
}
