using GilScan.Analysis.Configuration;
using GilScan.Analysis.Diagnostics;
using GilScan.Syntax;
using GilScan.Syntax.Ast;

namespace GilScan.Analysis.Rules;

/// <summary>One parsed file, as one rule sees it; what the rule reports here is attributed to it.</summary>
public sealed class FileContext
{
    private readonly Rule _rule;
    private readonly IReportSink _sink;

    internal FileContext(Rule rule, string path, SyntaxTree tree, AnalysisOptions options, IReportSink sink)
    {
        _rule = rule;
        _sink = sink;
        Path = path;
        Tree = tree;
        Options = options;
    }

    /// <summary>The project-relative path of the file ('/' separators), as in <see cref="Location.Path"/>.</summary>
    public string Path { get; }

    public SyntaxTree Tree { get; }

    public Module Root => Tree.Root;

    public AnalysisOptions Options { get; }

    /// <summary>
    /// Reports a finding of this rule. A file action may only report in its own file: its results are
    /// cached with the file. Findings that need other files belong to project actions.
    /// </summary>
    /// <exception cref="InvalidOperationException">The diagnostic is another rule's, or lies in another file.</exception>
    public void Report(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        _sink.Report(_rule, diagnostic);
    }

    /// <summary>The location of <paramref name="node"/> in this file.</summary>
    public Location LocationOf(LocatedNode node) => SyntaxLocations.Of(Path, node);
}
