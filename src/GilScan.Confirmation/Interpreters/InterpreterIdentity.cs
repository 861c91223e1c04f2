namespace GilScan.Confirmation.Interpreters;

/// <summary>An interpreter as it described itself when run once (see identify.py).</summary>
public sealed record InterpreterIdentity
{
    /// <summary>What gilscan runs: the path as named or found (a venv's python, a pyenv shim).</summary>
    public required string Command { get; init; }

    /// <summary><c>sys.executable</c>.</summary>
    public required string Executable { get; init; }

    /// <summary><c>sys.prefix</c>: tells a virtual environment from its base interpreter.</summary>
    public required string Prefix { get; init; }

    /// <summary><c>sys.implementation.name</c>: <c>cpython</c>, <c>pypy</c>, ...</summary>
    public required string Implementation { get; init; }

    /// <summary>The Python language version (<c>platform.python_version()</c>).</summary>
    public required string Version { get; init; }

    /// <summary>The implementation's own version (PyPy 7.3.11 implements Python 3.9.16).</summary>
    public required string ImplementationVersion { get; init; }

    /// <summary><c>sysconfig.get_config_var("Py_GIL_DISABLED")</c>: a free-threaded build.</summary>
    public required bool GilDisabledBuild { get; init; }

    /// <summary><c>sys._is_gil_enabled()</c> at start-up, or null where it does not exist (then there is a GIL).</summary>
    public required bool? GilEnabledAtStart { get; init; }

    public required InterpreterOrigin Origin { get; init; }

    public bool IsPyPy => Implementation == "pypy";

    /// <summary>A free-threaded build that starts with the GIL off (an import may still turn it on).</summary>
    public bool IsFreeThreaded => GilDisabledBuild && GilEnabledAtStart == false;

    /// <summary>How reports name it: <c>CPython 3.13.0</c>, <c>CPython 3.13.0 free-threaded</c>, <c>PyPy 7.3.11 (Python 3.9.16)</c>.</summary>
    public string Name => Implementation switch
    {
        "cpython" => $"CPython {Version}{(GilDisabledBuild ? " free-threaded" : "")}",
        "pypy" => $"PyPy {ImplementationVersion} (Python {Version})",
        var other => $"{other} {ImplementationVersion} (Python {Version})",
    };

    /// <summary>The series the audit chart draws this interpreter's thread figures in.</summary>
    public string Family => IsPyPy ? "pypy" : GilDisabledBuild ? "free-threaded" : "gil";
}
