namespace GilScan.Semantics.Calls;

/// <summary>How a call site reaches a project function.</summary>
public enum CallEdgeKind
{
    /// <summary><c>f(x)</c>, <c>mod.f(x)</c>, <c>Cls.static_method(x)</c>.</summary>
    Direct,
    /// <summary><c>obj.method(x)</c>, <c>self.method(x)</c>, a stored bound method: the receiver fills
    /// the first parameter.</summary>
    BoundMethod,
    /// <summary><c>Cls(x)</c> runs <c>Cls.__init__</c>.</summary>
    Constructor,
    /// <summary>Calling a <c>functools.partial(f, ...)</c> object.</summary>
    Partial,
    /// <summary>A function passed to a library function that calls it back in the caller's thread
    /// (<c>sorted(xs, key=f)</c>, <c>map(f, xs)</c>; the catalog's <c>invokes</c>).</summary>
    Callback,
}
