using GilScan.Analysis.Configuration;
using GilScan.Analysis.Diagnostics;
using GilScan.Syntax.Ast;

namespace GilScan.Analysis.Rules;

/// <summary>One node a rule registered for, and the file it is in. A struct: one is made per dispatch.</summary>
public readonly struct NodeContext<T>
    where T : Node
{
    internal NodeContext(T node, FileContext file)
    {
        Node = node;
        File = file;
    }

    public T Node { get; }

    public FileContext File { get; }

    /// <summary>The project-relative path of the file ('/' separators).</summary>
    public string Path => File.Path;

    public AnalysisOptions Options => File.Options;

    public void Report(Diagnostic diagnostic) => File.Report(diagnostic);

    /// <summary>The location of <paramref name="node"/> in this file.</summary>
    public Location LocationOf(LocatedNode node) => File.LocationOf(node);
}
