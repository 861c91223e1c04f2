namespace GilScan.Semantics.Catalog;

/// <summary>
/// One entry of the call catalog (rules/knowledge/calls/*.json). <see cref="Name"/> is a dotted qualified name
/// ("json.loads", "numpy.ndarray.sum", "_hashlib.HASH.update") or a prefix ending in ".*"
/// ("numpy.*"), matched against the callee's qualified name after import aliases are resolved.
/// </summary>
public sealed record CatalogEntry
{
    public required string Name { get; init; }

    public required CallCategory Category { get; init; }

    /// <summary>Where the claim comes from: a URL to documentation or source.</summary>
    public string? Source { get; init; }

    /// <summary>Why, when no single source states it.</summary>
    public string? Reason { get; init; }

    /// <summary>The qualified type of the call's result (<c>hashlib.sha256()</c> → "_hashlib.HASH").</summary>
    public string? Returns { get; init; }

    /// <summary>True for an attribute (a property such as <c>pathlib.Path.parent</c>), not a call:
    /// <see cref="Returns"/> is then the type of the attribute's value.</summary>
    public bool IsAttribute { get; init; }

    /// <summary>For a GIL-releasing entry whose release depends on the size of a buffer argument
    /// (hashlib releases the GIL only for data of 2048 bytes or more).</summary>
    public BufferCondition? ReleasesGilWhen { get; init; }

    /// <summary>For a call that blocks only with some arguments (<c>psutil.cpu_percent(interval=1)</c>
    /// sleeps, <c>psutil.cpu_percent()</c> does not; <c>queue.get(block=False)</c> never waits): the
    /// argument that decides it. See <see cref="BlockingCondition"/>.</summary>
    public BlockingCondition? BlocksWhen { get; init; }

    /// <summary>The category when <see cref="ReleasesGilWhen"/> or <see cref="BlocksWhen"/> is known to
    /// be false.</summary>
    public CallCategory? Otherwise { get; init; }

    /// <summary>How long one call keeps its caller busy, in pure-Python-operation equivalents (one
    /// operation is about 10 ns). For <see cref="CallCategory.GilHoldingCpu"/> the GIL is held that
    /// long; for <see cref="CallCategory.GilReleasingNative"/> other threads run meanwhile, but an event
    /// loop calling it waits that long. Defaults: 10 for GIL-holding calls, 1 otherwise.</summary>
    public double? Weight { get; init; }

    /// <summary>For a call whose result holds external data (a file's lines, a query's rows, a
    /// directory's entries, a parsed JSON document), what the data is, in words: the length of the
    /// result is then data-dependent, not a small constant.</summary>
    public string? DataSource { get; init; }

    /// <summary>For blocking I/O: the call opens, reads, writes or inspects a file of the local file
    /// system by its path. Such a call is short next to substantial GIL-held work on what it read (a
    /// source file read before parsing it): it does not make that work I/O-bound.</summary>
    public bool LocalFile { get; init; }

    /// <summary>The weight is the low end of a cost that grows with something the code does not show:
    /// the size of the model a forward pass runs, or of the data set a fit trains on. An event loop that
    /// makes the call waits at least that long, and often much longer.</summary>
    public bool AtLeast { get; init; }

    /// <summary>The qualified type of the items that iterating the result (or the attribute's value)
    /// gives (<c>for page in reader.pages</c>: <c>pypdf.PageObject</c>).</summary>
    public string? Yields { get; init; }

    /// <summary>The argument whose length the work scales with (<c>sorted(xs)</c>, <c>sum(xs)</c>).</summary>
    public ArgumentRef? PerItemOf { get; init; }

    /// <summary>Arguments that the callee calls back in the caller's thread (<c>sorted(key=f)</c>,
    /// <c>map(f, xs)</c>), once per item of <see cref="PerItemOf"/>.</summary>
    public IReadOnlyList<ArgumentRef> Invokes { get; init; } = [];

    /// <summary>For a call that returns what the context manager given as this argument returns from
    /// its <c>__enter__</c> (<c>contextlib.ExitStack.enter_context(cm)</c>): the result then has the
    /// entered value of the argument (a pool's <c>__enter__</c> returns the pool).</summary>
    public ArgumentRef? EntersArgument { get; init; }

    /// <summary>Arguments that make the call do no I/O when they hold an in-memory buffer
    /// (<c>zipfile.ZipFile(io.BytesIO(data))</c>, <c>tarfile.open(fileobj=buf)</c>,
    /// <c>PIL.Image.open(io.BytesIO(body))</c>): the call then reads or writes the buffer, and the
    /// blocking methods of its result (<c>zf.open(name)</c>, <c>tf.extractfile(member)</c>) do too,
    /// except those that touch the file system by a path (<see cref="LocalFile"/>: <c>extractall</c>).</summary>
    public IReadOnlyList<ArgumentRef> InMemoryWith { get; init; } = [];

    public bool IsWildcard => Name.EndsWith(".*", StringComparison.Ordinal);
}

/// <summary>An argument by position (counting from 0, not counting a bound receiver) and/or keyword.</summary>
public sealed record ArgumentRef(int? Position, string? Keyword);

/// <summary>"The GIL is released when the buffer passed as <see cref="Argument"/> has at least
/// <see cref="MinBytes"/> bytes."</summary>
public sealed record BufferCondition(ArgumentRef Argument, long MinBytes);

/// <summary>The call has its catalogued category only when <see cref="Argument"/> is passed with a value
/// that is not a constant None, 0 or False, or, when it is not passed, if <see cref="AbsentBlocks"/>:
/// an interval (None or 0 takes no sample) or a block flag (False returns at once). With
/// <see cref="UnlessFlag"/>, the argument is a bit mask instead: the call blocks unless the mask
/// includes that named flag (<c>socket.getaddrinfo(..., flags=socket.AI_NUMERICHOST)</c> parses a
/// numeric address and never asks a name service).</summary>
public sealed record BlockingCondition(ArgumentRef Argument, bool AbsentBlocks, string? UnlessFlag = null);
