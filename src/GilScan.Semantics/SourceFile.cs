namespace GilScan.Semantics;

/// <summary>A parsed file handed to <see cref="ProjectModel.Build"/>.</summary>
/// <param name="RelativePath">Path below the project root (forward or back slashes).</param>
public sealed record SourceFile(string RelativePath, Module Tree);
