using System.CommandLine;
using System.Text;
using GilScan.Syntax;
using GilScan.Syntax.Ast.Canonical;

namespace GilScan.Cli.Commands;

/// <summary>
/// `gilscan ast FILE... [--files-from LIST] [--jobs N]`: one JSON line per file, in the order given,
/// with the canonical dump of DESIGN.md or the file's syntax error (see README).
/// </summary>
internal static class AstCommand
{
    /// <summary>Files parsed at once before their lines are written: bounds memory on huge inputs.</summary>
    private const int BatchSize = 64;

    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Python files to parse.", Arity = ArgumentArity.ZeroOrMore };
        var filesFrom = new Option<string?>("--files-from") { Description = "A file listing one path per line." };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Files parsed in parallel (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("ast", "Print the canonical AST (or the syntax error) of each file as one JSON line.")
        {
            files, filesFrom, jobs,
        };
        command.SetAction(parse =>
        {
            var paths = new List<string>(parse.GetValue(files) ?? []);
            if (parse.GetValue(filesFrom) is { } listing)
            {
                if (!File.Exists(listing))
                {
                    Console.Error.WriteLine($"gilscan: --files-from: no such file: {listing}");
                    return ExitCodes.UsageError;
                }
                paths.AddRange(File.ReadLines(listing).Where(line => line.Length > 0));
            }
            if (paths.Count == 0)
            {
                Console.Error.WriteLine("gilscan ast: no files given");
                return ExitCodes.UsageError;
            }
            return Run(paths, Math.Max(1, parse.GetValue(jobs)));
        });
        return command;
    }

    private static int Run(IReadOnlyList<string> paths, int jobs)
    {
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
        var lines = new string[Math.Min(BatchSize, paths.Count)];
        var options = new ParallelOptions { MaxDegreeOfParallelism = jobs };
        for (var start = 0; start < paths.Count; start += BatchSize)
        {
            var count = Math.Min(BatchSize, paths.Count - start);
            Parallel.For(0, count, options, i => lines[i] = DumpLine(paths[start + i]));
            for (var i = 0; i < count; i++) stdout.Write(lines[i]);
        }
        return ExitCodes.Success;
    }

    private static string DumpLine(string path)
    {
        var line = new StringBuilder();
        try
        {
            CanonicalDump.WriteFileLine(path, SyntaxTree.ParseFile(path), line);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // A front-end bug on one file costs that file's line, never the rest of the batch.
            line.Clear();
            CanonicalDump.WriteFileLine(path, GilScan.Syntax.ParseResult.InternalError($"gilscan's parser failed on this file: {error.GetType().Name}: {error.Message}"), line);
        }

        return line.Append('\n').ToString();
    }
}
