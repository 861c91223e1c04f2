using GilScan.Analysis.Configuration;
using GilScan.Analysis.Diagnostics;

namespace GilScan.Cli.Check;

/// <summary>Turns configuration problems into GIL003 findings anchored on the key's line of the configuration file.</summary>
internal static class ConfigurationDiagnostics
{
    public static Diagnostic From(ConfigurationProblem problem, ProjectSetup setup)
    {
        var text = TryRead(problem.FilePath);
        var span = SpanOf(text, problem);
        return new Diagnostic(ToolRules.InvalidConfiguration, new Location(setup.Relative(problem.FilePath), span), problem.Key, problem.Message);
    }

    private static SourceSpan SpanOf(string? text, ConfigurationProblem problem)
    {
        if (text is null)
        {
            return new SourceSpan(problem.Line, 0, 0, problem.Line, 0, 0);
        }

        var lines = SourceLines.Split(text);
        var line = Math.Clamp(problem.Line, 1, lines.Count);
        var content = lines[line - 1];
        var start = Math.Clamp(problem.StartColumn, 0, content.Length);
        var end = Math.Clamp(problem.EndColumn, start, content.Length);
        start = AvoidSurrogateSplit(content, start);
        end = AvoidSurrogateSplit(content, end);
        return SourceSpan.FromUtf16(text, line, start, line, Math.Max(start, end));
    }

    private static int AvoidSurrogateSplit(string line, int column) =>
        column > 0 && column < line.Length && char.IsLowSurrogate(line[column]) ? column - 1 : column;

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
