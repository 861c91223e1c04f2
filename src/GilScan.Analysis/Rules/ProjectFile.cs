using GilScan.Syntax;

namespace GilScan.Analysis.Rules;

/// <summary>A file of the run that parsed: its project-relative path and tree.</summary>
public sealed record ProjectFile(string Path, SyntaxTree Tree);
