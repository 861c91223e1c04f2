using GilScan.Confirmation.Interpreters;
using GilScan.Confirmation.Running;

namespace GilScan.Confirmation.Tests;

/// <summary>
/// The real interpreters these tests measure with, identified once per test run: pyenv's CPython 3.13,
/// Debian's /usr/bin/python3 (3.11, with python3-numpy) and Debian's pypy3. .ci/run installs the Debian
/// packages. A test that asks for a missing one is skipped with what to install, except under CI=true,
/// where it fails (<see cref="OptionalTools"/>); tests that use them are <c>[SkippableFact]</c>s.
/// </summary>
public sealed class MachineInterpreters
{
    private const string CPython313Need = "pyenv's CPython 3.13.0 (pyenv install 3.13.0)";
    private const string DebianPythonNeed = "Debian's python3 with NumPy (apt-get install python3-numpy)";
    private const string PyPyNeed = "Debian's pypy3 (apt-get install pypy3)";

    private static readonly Lazy<MachineInterpreters> Instance = new(() => Discover().GetAwaiter().GetResult());

    private InterpreterIdentity? _cpython313;
    private InterpreterIdentity? _debianPython;
    private InterpreterIdentity? _pypy;
    private string _problems = string.Empty;

    public static MachineInterpreters Get() => Instance.Value;

    public InterpreterIdentity CPython313 => Need(_cpython313, CPython313Need);

    public InterpreterIdentity DebianPython => Need(_debianPython, DebianPythonNeed);

    public InterpreterIdentity PyPy => Need(_pypy, PyPyNeed);

    public static string CPython313Path =>
        System.IO.Path.Combine(Environment.GetEnvironmentVariable("PYENV_ROOT") ?? System.IO.Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/root", ".pyenv"),
            "versions", "3.13.0", "bin", "python3");

    /// <summary>Skips the calling test (outside CI) unless every machine interpreter is there: for tests that name their paths themselves.</summary>
    public static void RequireAll()
    {
        var machine = Get();
        _ = machine.CPython313;
        _ = machine.DebianPython;
        _ = machine.PyPy;
    }

    private InterpreterIdentity Need(InterpreterIdentity? found, string what)
    {
        if (found is not null)
        {
            return found;
        }

        var missing = $"{what} is needed by this test{(_problems.Length > 0 ? $" ({_problems})" : string.Empty)}";
        var skip = OptionalTools.SkipReason(missing);
        Skip.If(skip is not null, skip);
        throw new InvalidOperationException(missing + "; CI=true requires it.");
    }

    private static async Task<MachineInterpreters> Discover()
    {
        var found = await new InterpreterDiscovery(new ProcessGroupRunner()).DiscoverAsync(new DiscoveryRequest
        {
            ProjectRoot = RepositoryRoot.DemoProject,
            Named = [CPython313Path, "/usr/bin/python3", "/usr/bin/pypy3"],
            FindOthers = false,
        });
        var debian = found.Interpreters.FirstOrDefault(i => i.Command == "/usr/bin/python3");
        return new MachineInterpreters
        {
            _cpython313 = found.Interpreters.FirstOrDefault(i => i.Command == CPython313Path),
            _debianPython = debian is not null && HasNumpy() ? debian : null,
            _pypy = found.Interpreters.FirstOrDefault(i => i.IsPyPy),
            _problems = string.Join(" ", found.Problems),
        };
    }

    private static bool HasNumpy()
    {
        using var check = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/python3", ["-c", "import numpy"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        });
        if (check is null)
        {
            return false;
        }

        check.WaitForExit();
        return check.ExitCode == 0;
    }
}
