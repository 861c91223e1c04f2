using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Knowledge;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// What a dependency audit looks at, as <c>gilscan audit</c> and <c>gilscan check</c> take it from
/// the command line: the target (<c>--target 3.13t|3.14t</c>; by default the newest free-threaded
/// CPython the project's requires-python allows), the platform (<c>--platform</c>, Linux x86_64 by
/// default), an environment (<c>--python-env</c>), a directory of wheels (<c>--wheels</c>).
/// </summary>
public sealed record DependencyAuditOptions
{
    /// <summary>The interpreter to audit for; null takes it from the project (<see cref="TargetChoice.ForProject"/>).</summary>
    public FreeThreadedTarget? Target { get; init; }

    /// <summary>The platform whose markers and wheels count.</summary>
    public TargetPlatform Platform { get; init; } = TargetPlatform.Default;

    /// <summary>An installed environment to scan; when null, the project's .venv/venv if <see cref="FindProjectEnvironment"/>.</summary>
    public string? PythonEnvironment { get; init; }

    /// <summary>A directory of .whl files to scan.</summary>
    public string? WheelsDirectory { get; init; }

    public bool FindProjectEnvironment { get; init; } = true;

    /// <summary>The knowledge base; the bundled one when null.</summary>
    public KnowledgeBase? Knowledge { get; init; }
}
