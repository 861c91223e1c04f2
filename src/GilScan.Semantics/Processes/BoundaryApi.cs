using GilScan.Semantics.Catalog;

namespace GilScan.Semantics.Processes;

/// <summary>How a call hands work or data to another process.</summary>
public enum BoundaryKind
{
    /// <summary>One task per call: <c>ProcessPoolExecutor.submit</c>, <c>Pool.apply(_async)</c>.</summary>
    Task,
    /// <summary>One task per chunk of an iterable: <c>Executor.map</c>, <c>Pool.map/imap/starmap…</c>.</summary>
    Map,
    /// <summary>A child process: <c>multiprocessing.Process(target, args, kwargs)</c>.</summary>
    Process,
    /// <summary>One message per call: <c>Queue.put</c>, <c>Connection.send</c>, proxy calls.</summary>
    Message,
    /// <summary>A pool's constructor: its initializer and initargs go to every worker once.</summary>
    Pool,
}

/// <summary>
/// One entry of the boundaries table: a callee and where its arguments sit. Positions count from 0
/// after the receiver; <see cref="ArgumentRef"/> as the call catalog's.
/// </summary>
public sealed record BoundaryApi
{
    public required string Name { get; init; }

    public required BoundaryKind Kind { get; init; }

    /// <summary>The callable run in the other process (fn, func, target).</summary>
    public ArgumentRef? Callable { get; init; }

    /// <summary>Every argument after the callable is sent: <c>submit(fn, *args, **kwargs)</c>, or the
    /// iterables of <c>Executor.map(fn, *iterables)</c>.</summary>
    public bool RestArePayload { get; init; }

    /// <summary>The iterable of a Pool map method.</summary>
    public ArgumentRef? Items { get; init; }

    /// <summary>The argument tuple (<c>args</c>) and keyword dict (<c>kwds</c>, <c>kwargs</c>).</summary>
    public ArgumentRef? Args { get; init; }

    public ArgumentRef? Kwargs { get; init; }

    /// <summary>The object a message carries (<c>put(obj)</c>, <c>send(obj)</c>).</summary>
    public ArgumentRef? Object { get; init; }

    public ArgumentRef? Chunksize { get; init; }

    /// <summary>The chunk size when none is passed; 0 means the pool chooses (<c>Pool.map</c>: about four
    /// chunks per worker).</summary>
    public int DefaultChunksize { get; init; } = 1;

    /// <summary>Items are argument tuples (<c>starmap</c>).</summary>
    public bool Star { get; init; }

    /// <summary>Pool constructors: the worker count, the start-method context, initializer and initargs.</summary>
    public ArgumentRef? Workers { get; init; }

    public ArgumentRef? Context { get; init; }

    public ArgumentRef? Initializer { get; init; }

    public ArgumentRef? Initargs { get; init; }

    public required string Source { get; init; }

    /// <summary>The method's own name, for messages ("map", "submit", "Process").</summary>
    public string ShortName => Name[(Name.LastIndexOf('.') + 1)..];
}

/// <summary>A call that chooses a start method: for the whole program (<c>set_start_method</c>) or for
/// the objects made from what it returns (<c>get_context</c>).</summary>
public sealed record StartMethodApi(string Name, ArgumentRef Method, bool IsProjectWide);

/// <summary>A type whose instances cannot be pickled; <paramref name="InheritanceOnly"/> for the
/// multiprocessing queues and locks, which may be passed to a starting Process but nowhere else.</summary>
public sealed record UnpicklableType(string TypeName, string Error, bool InheritanceOnly, string Source);

public enum SizeProducerKind
{
    /// <summary><c>np.zeros(shape, dtype)</c>: the product of a shape argument times the item size.</summary>
    Shape,
    /// <summary><c>np.random.rand(d0, d1, …)</c>: every positional argument is a dimension.</summary>
    Dimensions,
    Arange,
    Linspace,
    /// <summary><c>np.eye(N, M)</c>.</summary>
    Eye,
    /// <summary>About the size of one argument (<c>np.array(xs)</c>, <c>pd.DataFrame(data)</c>).</summary>
    SameAsArgument,
    /// <summary>The parts of one argument (<c>np.array_split(df, n)</c>): together as large as it, each
    /// part going to its own task when mapped.</summary>
    Parts,
    /// <summary>A DataFrame with a whole file or query: size not in the code, normally large.</summary>
    DataFrameFromFile,
    /// <summary>An object loaded from a file (a model, a saved array): size not in the code.</summary>
    LoadedObject,
    /// <summary>The whole contents of a file: grows with the file.</summary>
    FileContents,
    /// <summary>An image or video frame decoded by a reader (<c>cv2.imread</c>, <c>PIL.Image.open</c>,
    /// element 1 of <c>cv2.VideoCapture.read()</c>): megabytes of pixels, size not in the code.</summary>
    Image,
    /// <summary>A model loaded with its weights or vocabulary (<c>spacy.load</c>, <c>torch.hub.load</c>).</summary>
    Model,
    /// <summary>A parsed document (<c>json.load</c>, <c>yaml.safe_load</c>): data when the program uses it
    /// as a collection (iterates it, takes its length), else possibly a small configuration.</summary>
    Document,
}

/// <summary>A type whose instances are normally large (a loaded model, a tokenizer with its vocabulary),
/// whatever call made them.</summary>
public sealed record LargeType(string TypeName, string Noun, string Source);

/// <summary>A call whose result's size the code can show (or that is normally large).</summary>
public sealed record SizeProducer
{
    public required string Name { get; init; }

    public required SizeProducerKind Kind { get; init; }

    public ArgumentRef? Shape { get; init; }

    public ArgumentRef? Dtype { get; init; }

    public ArgumentRef? Of { get; init; }

    public ArgumentRef? Count { get; init; }

    public int? DefaultCount { get; init; }

    public ArgumentRef? Rows { get; init; }

    /// <summary>The result is a tuple and the sized value is this element of it
    /// (<c>ok, frame = capture.read()</c>).</summary>
    public int? Element { get; init; }

    /// <summary>The dtype when none is given (float64 for most constructors, int64 for integer draws).</summary>
    public string DefaultDtype { get; init; } = "float64";

    public required string Source { get; init; }
}
