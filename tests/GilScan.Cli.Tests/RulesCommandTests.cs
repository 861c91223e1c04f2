using GilScan.Cli.Tests.Support;
using GilScan.Testing;

namespace GilScan.Cli.Tests;

/// <summary><c>gilscan rules</c> and <c>gilscan rules GILnnn</c>.</summary>
public sealed class RulesCommandTests
{
    [Fact]
    public void Rules_lists_every_rule_with_its_level_name_and_title()
    {
        var result = CliRun.Run(CliRun.Shipped, RepositoryRoot.Path, "rules");

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldBe(
            "GIL001  error    SyntaxError                                 Python syntax error\n"
            + "GIL002  error    UnreadableSourceFile                        Unreadable or undecodable source file\n"
            + "GIL003  error    InvalidConfiguration                        Invalid gilscan configuration\n"
            + "GIL101  warning  CpuBoundThreadTarget                        CPU-bound pure-Python work on a thread\n"
            + "GIL102  warning  CpuBoundPoolTask                            CPU-bound pure-Python work submitted to a thread pool\n"
            + "GIL201  warning  CpuBoundCoroutineWork                       CPU-bound work in a coroutine without an await\n"
            + "GIL202  warning  BlockingIoInCoroutine                       Blocking synchronous I/O reachable from a coroutine\n"
            + "GIL301  warning  LargeObjectPickledPerTask                   Large object pickled per task\n"
            + "GIL302  warning  PerItemProcessMessages                      Per-item messages to a process pool\n"
            + "GIL303  warning  UnpicklableProcessCallable                  Unpicklable callable sent to a process\n"
            + "GIL401  warning  GilReenablingDependency                     Dependency whose extension modules re-enable the GIL\n"
            + "GIL402  warning  CompiledDependencyWithoutFreeThreadedWheel  Compiled dependency without a free-threaded wheel\n"
            + "GIL403  warning  BlockingDependencyImport                    Import of a dependency that blocks free-threading\n"
            + "GIL501  warning  UnsynchronisedReadModifyWrite               Unsynchronised read-modify-write of state shared by threads\n"
            + "GIL502  warning  SharedContainerIteratedWhileChanged         Shared container iterated while another thread changes it\n");
    }

    [Fact]
    public void Rules_with_an_id_prints_its_page()
    {
        var result = CliRun.Run(CliRun.Shipped, RepositoryRoot.Path, "rules", "gil003");

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldBe(File.ReadAllText(RepositoryRoot.Combine("rules", "docs", "GIL003.md")).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void An_unknown_rule_is_a_usage_error()
    {
        var result = CliRun.Run(CliRun.Shipped, RepositoryRoot.Path, "rules", "GIL999");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("gilscan: error: no rule GIL999; 'gilscan rules' lists them.\n");
    }
}
