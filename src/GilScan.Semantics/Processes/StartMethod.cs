namespace GilScan.Semantics.Processes;

/// <summary>How multiprocessing starts a child process, which decides what is pickled to start it.</summary>
public enum StartMethod
{
    /// <summary>The code does not choose: fork on Linux up to Python 3.13, forkserver on Linux from
    /// 3.14, spawn on macOS and Windows.</summary>
    PlatformDefault,
    /// <summary>The child is a copy of the parent: a Process's target and arguments are inherited, not pickled.</summary>
    Fork,
    /// <summary>A fresh interpreter: the Process object (target, args, kwargs) is pickled.</summary>
    Spawn,
    /// <summary>Forked from a clean server process: the Process object is pickled as under spawn.</summary>
    Forkserver,
}

/// <summary>The start method of a pool, process or the whole program, and the call that chose it.</summary>
public sealed record StartMethodFact(StartMethod Method, LocatedNode? ChosenAt)
{
    public static StartMethodFact Default { get; } = new(StartMethod.PlatformDefault, null);

    /// <summary>Starting a Process pickles its target and arguments for certain.</summary>
    public bool PicklesProcess => Method is StartMethod.Spawn or StartMethod.Forkserver;

    /// <summary>As the code spells it ("spawn"), or "default".</summary>
    public string Name => Method switch
    {
        StartMethod.Fork => "fork",
        StartMethod.Spawn => "spawn",
        StartMethod.Forkserver => "forkserver",
        _ => "default",
    };

    public static StartMethod? Parse(string text) => text switch
    {
        "fork" => StartMethod.Fork,
        "spawn" => StartMethod.Spawn,
        "forkserver" => StartMethod.Forkserver,
        _ => null,
    };
}
