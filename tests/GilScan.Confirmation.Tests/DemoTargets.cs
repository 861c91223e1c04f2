using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Configuration;
using GilScan.Confirmation.Targets;

namespace GilScan.Confirmation.Tests;

/// <summary>
/// Targets in fixtures/confirm/demo. Their arguments come from the demo's pyproject.toml, as
/// <c>[tool.gilscan.confirm."module:function"]</c> supplies them to gilscan.
/// </summary>
internal static class DemoTargets
{
    /// <summary>Short runs for tests: 3 repeats on cores 0-1, a 30 s limit.</summary>
    public static ConfirmationSettings TestSettings { get; } = new()
    {
        Cores = CoreSet.Of([0, 1]),
        Repeat = 3,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static readonly Lazy<IReadOnlyDictionary<string, ConfirmationOverride>> Configured = new(() =>
    {
        var (overrides, problems) = ConfirmationOverrides.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.DemoProject, "pyproject.toml")));
        return problems.IsEmpty ? overrides : throw new InvalidOperationException(string.Join(" ", problems));
    });

    public static ConfirmationTarget PureLoop => Configure(Target("demo.cpu", "pure_loop", ConfirmationKind.ThreadWork));

    public static ConfirmationTarget Vectorised => Configure(Target("demo.vectorised", "vectorised", ConfirmationKind.ThreadWork));

    public static ConfirmationTarget CpuHandler => Configure(Target("demo.handlers", "cpu_handler", ConfirmationKind.CoroutineWork));

    public static ConfirmationTarget AwaitingHandler => Configure(Target("demo.handlers", "awaiting_handler", ConfirmationKind.CoroutineWork));

    public static ConfirmationTarget Target(string module, string function, ConfirmationKind kind, params PythonValue[] arguments) => new()
    {
        ProjectRoot = RepositoryRoot.DemoProject,
        Module = module,
        Function = function,
        Kind = kind,
        Arguments = [.. arguments],
        Settings = TestSettings,
    };

    private static ConfirmationTarget Configure(ConfirmationTarget target) => target.With(Configured.Value[target.Key]);
}
