using GilScan.FuzzBench;
using GilScan.Syntax.Tests.Support;
using Xunit.Abstractions;

namespace GilScan.Syntax.Tests.Conformance;

/// <summary>
/// A small seeded slice of the differential fuzzer (bench/GilScan.FuzzBench, issue 16) on every test
/// run: the same mutated standard-library files on every machine, parsed by our front end and by the
/// real CPython 3.13, with the bench's bars for the slice: no crash, no differing tree, no false
/// accept or reject. Error lines and messages are printed, not asserted (the bench measures them at scale).
/// </summary>
public class FuzzSliceTests(ITestOutputHelper output)
{
    private const int Seed = 16;
    private const int Files = 200;

    [SkippableFact]
    public void Seeded_fuzz_slice_agrees_with_cpython_on_every_verdict()
    {
        var lib = PythonReference.StandardLibrary;
        Skip.If(lib is null, PythonReference.MissingReason + " (or its lib/python3.13): the fuzz slice compares with it");
        var sources = Directory.EnumerateFiles(lib!, "*.py", SearchOption.AllDirectories)
            .Where(path => !path.Contains("site-packages", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        // No t-strings: we accept 3.14 syntax on purpose, and the reference is 3.13.
        var mutator = new StdlibMutator(sources, Seed, python314Syntax: false);
        var folder = Directory.CreateTempSubdirectory("gilscan-fuzz-slice-").FullName;
        try
        {
            var cases = Enumerable.Range(0, Files).Select(mutator.Make).ToList();
            var paths = cases.Select(c => Path.Combine(folder, c.Name)).ToList();
            for (var i = 0; i < cases.Count; i++) File.WriteAllBytes(paths[i], cases[i].Bytes);

            var reference = PythonReference.Dump(paths, jobs: 2);
            var ours = new string?[paths.Count];
            var crashes = new System.Collections.Concurrent.ConcurrentBag<string>();
            Parallel.For(0, paths.Count, i =>
            {
                try
                {
                    ours[i] = CpythonComparison.OurLine(paths[i]);
                }
                catch (Exception e)
                {
                    crashes.Add($"{cases[i].Name}: {e.GetType().Name}: {e.Message}");
                }
            });

            var table = new AgreementTable();
            var wrong = new List<string>();
            for (var i = 0; i < paths.Count; i++)
            {
                var agreement = FileAgreement.Of(ours[i], reference[i]);
                table.Add(cases[i].Kind, agreement);
                if (agreement.Outcome is Outcome.DifferingTree or Outcome.FalseAccept or Outcome.FalseReject)
                {
                    var comparison = new DumpComparison(cases[i].Name, ours[i]!, reference[i]);
                    wrong.Add($"{agreement.Outcome} ({string.Join("; ", cases[i].Mutations.Select(m => m.Description))} of {cases[i].Origin}): {comparison.Difference()}");
                }
            }

            var report = new StringWriter();
            table.Write(report);
            output.WriteLine(report.ToString());
            crashes.ShouldBeEmpty();
            wrong.ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
