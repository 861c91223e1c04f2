using System.Collections.Concurrent;
using System.Text;
using GilScan.Syntax.Ast.Canonical;
using GilScan.Syntax.Tests.Support;

namespace GilScan.Syntax.Tests.Conformance;

/// <summary>Our dump of a file next to CPython's, and what differs.</summary>
public sealed record DumpComparison(string Path, string Ours, string Reference)
{
    public bool Identical => Ours == Reference;

    public bool BothRejected => Ours.StartsWith("{\"error\"", StringComparison.Ordinal) && Reference.StartsWith("{\"error\"", StringComparison.Ordinal);

    /// <summary>The first differing position with some context on both sides, for a readable failure.</summary>
    public string Difference()
    {
        var length = Math.Min(Ours.Length, Reference.Length);
        var at = 0;
        while (at < length && Ours[at] == Reference[at]) at++;
        var from = Math.Max(0, at - 150);
        return $"{Path}\n  ours:    …{Ours[from..Math.Min(Ours.Length, at + 150)]}\n  cpython: …{Reference[from..Math.Min(Reference.Length, at + 150)]}";
    }
}

/// <summary>Runs our front end and the real CPython over the same files and pairs their dump lines.</summary>
public static class CpythonComparison
{
    public static IReadOnlyList<DumpComparison> Compare(IReadOnlyList<string> paths, int pythonJobs = 2)
    {
        var reference = PythonReference.Dump(paths, pythonJobs);
        var ours = new string[paths.Count];
        Parallel.For(0, paths.Count, i => ours[i] = OurLine(paths[i]));
        return paths.Select((path, i) => new DumpComparison(path, ours[i], reference[i])).ToList();
    }

    /// <summary>The line `gilscan ast` prints for <paramref name="path"/>.</summary>
    public static string OurLine(string path)
    {
        var line = new StringBuilder();
        CanonicalDump.WriteFileLine(path, SyntaxTree.ParseFile(path), line);
        return line.ToString();
    }
}
