namespace GilScan.Syntax.Building;

/// <summary>The tree is deeper than the caller's thread may safely recurse; build it again on a
/// thread with a large stack.</summary>
internal sealed class BuildTooDeepException : Exception
{
    public BuildTooDeepException() : base("syntax tree too deep for the current thread's stack") { }
}
