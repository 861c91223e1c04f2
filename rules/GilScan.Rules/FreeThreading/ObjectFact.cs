using GilScan.Syntax.Ast;
using Attribute = GilScan.Syntax.Ast.Attribute;
using Tuple = GilScan.Syntax.Ast.Tuple;

namespace GilScan.Rules.FreeThreading;

/// <summary>Whether the threads that run some code see the same object.</summary>
public enum Sharing
{
    /// <summary>One object for the whole program: a module global, a class attribute, an object made at module level.</summary>
    Process,

    /// <summary>One object for every thread of one thread entry: made before the threads start, outside the loop that starts them
    /// (the <c>self</c> of the method that submits, an <c>account</c> made before the loop).</summary>
    Entry,

    /// <summary>A different object in each thread: made inside the thread's own code, or once per start.</summary>
    PerThread,

    /// <summary>Not known: never the basis of a finding.</summary>
    Unknown,
}

/// <summary>
/// What the analysis knows about an object (a receiver, an argument, the value of a name or attribute)
/// as the threads of one entry see it: whether they share it, an identity under which two accesses are
/// the same object (equal identities mean the same object, also across entries), and words for messages.
/// </summary>
/// <param name="Identity">"global:pkg.mod.hits", "class:pkg.mod.Stats.count", "self:pkg.mod.Service",
/// "local:12:account" (a local of the function with id 12 that starts the threads), "cell:12:total";
/// attributes and items append ".name" and "[]".</param>
/// <param name="Description">How a message names it: "module global 'hits'", "the 'Account' object 'account' made in 'main'".</param>
/// <param name="DistinctPerThread">The value differs on every thread (a <c>range</c> index given to each start,
/// <c>threading.get_ident()</c>): as a dict key it is written by one thread only.</param>
/// <param name="Constructed">For a per-thread object made by a constructor call: the call, so that attributes set
/// from <c>__init__</c> parameters can be followed to its arguments.</param>
/// <param name="ConstructedIn">The function whose code makes <paramref name="Constructed"/>.</param>
public sealed record ObjectFact(
    Sharing Sharing, string Identity, string Description, bool DistinctPerThread = false, Call? Constructed = null,
    GilScan.Semantics.Declarations.ProjectFunction? ConstructedIn = null)
{
    /// <summary>The project class of the object, when known: lets calls on it (<c>counter.increment()</c>) be
    /// followed when the call graph cannot type the receiver (a parameter given by the thread start).</summary>
    public GilScan.Semantics.Declarations.ProjectClass? Class { get; init; }

    public static readonly ObjectFact Unknown = new(Sharing.Unknown, "?", "an object gilscan cannot follow");

    public bool IsShared => Sharing is Sharing.Process or Sharing.Entry;

    public static ObjectFact PerThread(string description, bool distinct = false) => new(Sharing.PerThread, "per-thread", description, distinct);

    /// <summary>The attribute <paramref name="name"/> of this object, as the same threads see it.</summary>
    public ObjectFact Attribute(string name) => Sharing switch
    {
        Sharing.Process or Sharing.Entry => new ObjectFact(Sharing, $"{Identity}.{name}", $"attribute '{name}' of {Description}"),
        Sharing.PerThread => PerThread($"attribute '{name}' of {Description}"),
        _ => Unknown,
    };

    /// <summary>An item of this container (an element a loop takes from it).</summary>
    public ObjectFact Item() => Sharing switch
    {
        Sharing.Process or Sharing.Entry => new ObjectFact(Sharing, $"{Identity}[]", $"an item of {Description}"),
        Sharing.PerThread => PerThread($"an item of {Description}"),
        _ => Unknown,
    };
}
