using System.Diagnostics;
using System.Text.Json;
using GilScan.Syntax.Ast.Canonical;
using GilScan.Syntax.Tests.Support;

namespace GilScan.Semantics.Tests.Support;

/// <summary>
/// The one way semantic tests get syntax trees. Today the trees come from the real CPython 3.13
/// (its <c>ast</c> module, through the reference canonical dump), parsed by one long-lived
/// interpreter shared by the whole test run; when gilscan's own parser lands, this is the single
/// place to switch to it.
/// </summary>
public static class TestSource
{
    private static readonly Lazy<ReferenceParser> Parser = new(() => new ReferenceParser());

    /// <summary>Parses <paramref name="source"/> (already dedented, as C# raw strings are) as the
    /// file <paramref name="path"/>; throws when CPython rejects it.</summary>
    public static Module Parse(string source, string path = "m.py") => ParseAll([(path, source)])[0];

    public static IReadOnlyList<Module> ParseAll(IReadOnlyList<(string Path, string Source)> files)
    {
        Skip.If(PythonReference.Python313 is null, PythonReference.MissingReason);
        return Parser.Value.Parse(files);
    }

    private sealed class ReferenceParser : IDisposable
    {
        private readonly Process _process;
        private readonly object _gate = new();

        public ReferenceParser()
        {
            var server = Path.Combine(PythonReference.RepositoryRoot, "tests", "GilScan.Semantics.Tests", "Support", "ast_server.py");
            var dumper = Path.Combine(PythonReference.RepositoryRoot, "tests", "reference", "ast_dump.py");
            var start = new ProcessStartInfo(PythonReference.Python313!)
            {
                ArgumentList = { "-X", "utf8", "-W", "ignore", server, dumper },
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            start.StandardInputEncoding = new System.Text.UTF8Encoding(false);
            _process = Process.Start(start) ?? throw new InvalidOperationException("cannot start CPython");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
        }

        public IReadOnlyList<Module> Parse(IReadOnlyList<(string Path, string Source)> files)
        {
            var lines = new List<string>(files.Count);
            lock (_gate)
            {
                // One request, one answer: writing every request first would deadlock once both pipes
                // fill up (the helper blocks writing answers nobody reads yet).
                foreach (var (path, source) in files)
                {
                    _process.StandardInput.WriteLine(JsonSerializer.Serialize(new { path, source }));
                    _process.StandardInput.Flush();
                    lines.Add(_process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("CPython helper exited"));
                }
            }
            var trees = new List<Module>(files.Count);
            for (var i = 0; i < files.Count; i++)
            {
                if (!lines[i].StartsWith("{\"ast\":", StringComparison.Ordinal))
                    throw new InvalidOperationException($"CPython rejects {files[i].Path}: {lines[i]}");
                trees.Add((Module)CanonicalReader.Read(lines[i], files[i].Source.Split('\n')));
            }
            return trees;
        }

        public void Dispose()
        {
            try
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(2000)) _process.Kill();
            }
            catch (InvalidOperationException)
            {
            }
        }
    }
}
