namespace GilScan.Confirmation.Interpreters;

/// <summary>Why an interpreter takes part in a confirmation.</summary>
public enum InterpreterOrigin
{
    /// <summary>Named with <c>--python</c>.</summary>
    Named,

    /// <summary>The project's own virtual environment (<c>.venv</c>).</summary>
    ProjectEnvironment,

    /// <summary><c>python3</c> on PATH, when neither <c>--python</c> nor <c>.venv</c> gave one.</summary>
    PathPython,

    /// <summary>A free-threaded or PyPy interpreter found on PATH (<c>python3.13t</c>, <c>python3.14t</c>, <c>pypy3</c>).</summary>
    FoundOnPath,
}
