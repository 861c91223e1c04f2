using GilScan.Semantics;
using GilScan.Rules.Shared;
using GilScan.Semantics.Declarations;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Asyncio;

/// <summary>Where a coroutine runs, for how much its blocking matters.</summary>
public enum CoroutineContext
{
    /// <summary>Code that serves requests or events while the loop runs: blocking stalls everything else.</summary>
    Serving,
    /// <summary>Start-up or shutdown code (an entry point given to <c>asyncio.run</c>, a start-up hook):
    /// it runs once, usually before the loop serves anything.</summary>
    StartUp,
    /// <summary>A test: it blocks only its own test run.</summary>
    Test,
}

/// <summary>
/// Tells test code and start-up code from serving code. Test code: modules named <c>test_*.py</c>,
/// <c>*_test.py</c> or <c>conftest.py</c>, or under a <c>tests</c>, <c>test</c>, <c>testing</c>, <c>_tests</c> or <c>unit_tests</c> folder, and functions named
/// <c>test*</c>. Start-up code: coroutines handed to <c>asyncio.run</c> (the program's entry point) and
/// coroutines whose name says start-up or shutdown (<c>startup</c>, <c>on_startup</c>, <c>setup</c>,
/// <c>lifespan</c>, <c>shutdown</c>, <c>main</c>).
/// </summary>
public sealed class CoroutineContexts
{
    private static readonly HashSet<string> StartUpNames = new(StringComparer.Ordinal)
    {
        "main", "async_main", "amain", "startup", "start_up", "on_startup", "on_start", "setup", "async_setup", "setup_hook",
        "lifespan", "shutdown", "on_shutdown", "cleanup", "teardown", "initialize", "async_init", "init_app", "create_app",
    };

    private readonly HashSet<ProjectFunction> _entryPoints = [];

    public CoroutineContexts(ProjectModel model)
    {
        foreach (var function in model.OwnFunctions)
        {
            foreach (var site in model.CallGraph.SitesIn(function))
            {
                if (site.CalleeName is not ("asyncio.run" or "asyncio.runners.run" or "asyncio.BaseEventLoop.run_until_complete" or "asyncio.AbstractEventLoop.run_until_complete") ||
                    site.Call.Args.Count == 0 || site.Call.Args[0] is not Call entry || model.CallGraph.SiteOf(entry) is not { } entrySite)
                {
                    continue;
                }

                foreach (var target in entrySite.Targets)
                {
                    _entryPoints.Add(target.Function);
                }
            }
        }
    }

    public CoroutineContext Of(ProjectFunction coroutine)
    {
        if (TestCode.IsTestCode(coroutine))
        {
            return CoroutineContext.Test;
        }

        var name = coroutine.Node is FunctionDef f ? f.Name : coroutine.Node is AsyncFunctionDef a ? a.Name : "";
        return _entryPoints.Contains(coroutine) || StartUpNames.Contains(name.TrimStart('_')) ? CoroutineContext.StartUp : CoroutineContext.Serving;
    }

    public static string Describe(CoroutineContext context) => context switch
    {
        CoroutineContext.StartUp => "start-up",
        CoroutineContext.Test => "test",
        _ => "serving",
    };
}
