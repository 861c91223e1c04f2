namespace GilScan.Semantics.Catalog;

/// <summary>What a call costs the caller's thread, as far as the GIL and the event loop care.</summary>
public enum CallCategory
{
    /// <summary>Not in the catalog.</summary>
    Unknown,
    /// <summary>Native or pure-Python work that holds the GIL for its whole run (json, re, sorted,
    /// pickle): as serialising as a pure-Python loop.</summary>
    GilHoldingCpu,
    /// <summary>Native work that releases the GIL while it runs (NumPy kernels, hashlib on large
    /// buffers, zlib/bz2/lzma, lxml parsing, Pillow): runs in parallel on threads.</summary>
    GilReleasingNative,
    /// <summary>Waits on I/O or time and releases the GIL meanwhile (file and socket I/O, sleep,
    /// subprocess waits, HTTP clients): fine on threads, blocks an event loop when called from a
    /// coroutine.</summary>
    BlockingIo,
    /// <summary>Constant-time bookkeeping (constructors of pools and locks, small accessors).</summary>
    Cheap,
}
