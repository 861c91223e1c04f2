using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Knowledge;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// What a dependency audit looks at, as <c>gilscan audit</c> and <c>gilscan check</c> take it from
/// the command line: the target (<c>--target 3.13t|3.14t</c>), an environment (<c>--python-env</c>),
/// a directory of wheels (<c>--wheels</c>).
/// </summary>
public sealed record DependencyAuditOptions
{
    public FreeThreadedTarget Target { get; init; } = FreeThreadedTarget.Default;

    /// <summary>An installed environment to scan; when null, the project's .venv/venv if <see cref="FindProjectEnvironment"/>.</summary>
    public string? PythonEnvironment { get; init; }

    /// <summary>A directory of .whl files to scan.</summary>
    public string? WheelsDirectory { get; init; }

    public bool FindProjectEnvironment { get; init; } = true;

    /// <summary>The knowledge base; the bundled one when null.</summary>
    public KnowledgeBase? Knowledge { get; init; }
}
