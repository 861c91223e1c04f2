using GilScan.Confirmation.Interpreters;
using GilScan.Confirmation.Running;

namespace GilScan.Confirmation.Tests;

/// <summary>
/// The real interpreters these tests measure with, identified once per test run: pyenv's CPython 3.13,
/// Debian's /usr/bin/python3 (3.11, with python3-numpy) and Debian's pypy3. .ci/run installs the Debian
/// packages; a missing one fails the tests that need it with a message saying what to install.
/// </summary>
public sealed class MachineInterpreters
{
    private static readonly Lazy<MachineInterpreters> Instance = new(() => Discover().GetAwaiter().GetResult());

    public static MachineInterpreters Get() => Instance.Value;

    public required InterpreterIdentity CPython313 { get; init; }

    public required InterpreterIdentity DebianPython { get; init; }

    public required InterpreterIdentity PyPy { get; init; }

    public static string CPython313Path =>
        System.IO.Path.Combine(Environment.GetEnvironmentVariable("PYENV_ROOT") ?? System.IO.Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/root", ".pyenv"),
            "versions", "3.13.0", "bin", "python3");

    private static async Task<MachineInterpreters> Discover()
    {
        var found = await new InterpreterDiscovery(new ProcessGroupRunner()).DiscoverAsync(new DiscoveryRequest
        {
            ProjectRoot = RepositoryRoot.DemoProject,
            Named = [CPython313Path, "/usr/bin/python3", "/usr/bin/pypy3"],
            FindOthers = false,
        });
        InterpreterIdentity Need(Func<InterpreterIdentity, bool> match, string what) =>
            found.Interpreters.FirstOrDefault(match)
            ?? throw new InvalidOperationException($"{what} is needed by these tests ({string.Join(" ", found.Problems)}).");
        return new MachineInterpreters
        {
            CPython313 = Need(i => i.Command == CPython313Path, "pyenv's CPython 3.13.0 (pyenv install 3.13.0)"),
            DebianPython = Need(i => i.Command == "/usr/bin/python3", "Debian's python3 (apt-get install python3-numpy)"),
            PyPy = Need(i => i.IsPyPy, "Debian's pypy3 (apt-get install pypy3)"),
        };
    }
}
