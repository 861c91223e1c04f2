namespace GilScan.Analysis.Discovery;

/// <summary>A Python file to analyse: its project-relative path ('/' separators) and where to read it.</summary>
public sealed record DiscoveredFile(string RelativePath, string AbsolutePath);

/// <summary>Something discovery could not do (a folder it could not read, a link loop), with the path concerned; never fatal.</summary>
public sealed record DiscoveryProblem(string Path, string Message);

/// <summary>The files found (sorted by relative path, each real file once) and the problems met.</summary>
public sealed record DiscoveryResult(IReadOnlyList<DiscoveredFile> Files, IReadOnlyList<DiscoveryProblem> Problems);
