namespace GilScan.Semantics;

/// <summary>A parsed file handed to <see cref="ProjectModel.Build"/>.</summary>
/// <param name="RelativePath">Path below the project root (forward or back slashes).</param>
public sealed record SourceFile(string RelativePath, Module Tree)
{
    /// <summary>A module of an installed package, followed for its effects; its path is relative to
    /// the project root too (it may start with <c>../</c>), below a source root of the layout that is
    /// the package's site-packages folder.</summary>
    public bool IsLibrary { get; init; }
}
