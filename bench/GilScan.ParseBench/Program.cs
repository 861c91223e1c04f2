using System.Diagnostics;
using System.Text;
using GilScan.ParseBench;
using GilScan.Syntax.Lexing;
using GilScan.Syntax.Parsing;

// Parses every .py file under a directory (default: the CPython 3.13 stdlib) and prints lines/s
// single-threaded and in parallel, SLL failures (full-LL fallbacks) and failed files.
// Usage: GilScan.ParseBench [DIR] [--passes N] [--profile [TOP]] [--lex-only] [--compare-cpython [PYTHON]]
var options = BenchOptions.Parse(args);
var files = SourceFiles.Load(options.Directory);
long lines = files.Sum(f => (long)f.Lines);
Console.WriteLine($"{files.Count} files, {lines:N0} lines, {files.Sum(f => (long)f.Text.Length):N0} chars under {options.Directory}");

if (options.ComparePython is { } python)
{
    CpythonComparison.Run(files, options.Directory, python);
    return;
}

if (options.Profile)
{
    DecisionProfiler.Run(files, options.Top);
    return;
}

for (int warmUp = 0; warmUp < 2; warmUp++)
{
    ParseAll(files, parallel: true, lexOnly: options.LexOnly);
}

for (int pass = 0; pass < options.Passes; pass++)
{
    Report("single-threaded", ParseAll(files, parallel: false, lexOnly: options.LexOnly), lines);
}

for (int pass = 0; pass < options.Passes; pass++)
{
    Report($"parallel ({Environment.ProcessorCount} cores)", ParseAll(files, parallel: true, lexOnly: options.LexOnly), lines);
}

var last = ParseAll(files, parallel: false, lexOnly: options.LexOnly);
foreach (var failed in last.Failures)
{
    Console.WriteLine($"  failed: {failed}");
}

static PassResult ParseAll(IReadOnlyList<SourceFile> files, bool parallel, bool lexOnly)
{
    var failures = new List<string>();
    int fullContext = 0;
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    void One(SourceFile file)
    {
        PythonSyntaxError? error;
        bool usedLl = false;
        if (lexOnly)
        {
            error = PythonTokenizer.Tokenize(file.Text).Error;
        }
        else
        {
            var result = PythonSyntaxParser.Parse(file.Text);
            error = result.Error;
            usedLl = result.UsedFullContext;
        }

        lock (failures)
        {
            if (error is not null)
            {
                failures.Add($"{file.RelativePath}: {error}");
            }

            if (usedLl)
            {
                fullContext++;
            }
        }
    }

    if (parallel)
    {
        Parallel.ForEach(files, One);
    }
    else
    {
        foreach (var file in files)
        {
            One(file);
        }
    }

    clock.Stop();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    failures.Sort(StringComparer.Ordinal);
    return new PassResult(clock.Elapsed, cpu, fullContext, failures);
}

static void Report(string mode, PassResult result, long lines)
{
    // CPU time shows the cost per core even when other processes share the machine.
    double seconds = result.Elapsed.TotalSeconds;
    double cpu = result.Cpu.TotalSeconds;
    Console.WriteLine(
        $"{mode,-24} {seconds,7:F3} s  {lines / seconds,10:N0} lines/s  (cpu {cpu,6:F3} s, {lines / cpu,10:N0} lines per cpu-s)  LL fallbacks {result.FullContext}  failed {result.Failures.Count}");
}

internal sealed record PassResult(TimeSpan Elapsed, TimeSpan Cpu, int FullContext, List<string> Failures);
