using System.Diagnostics;
using System.Text.Json;
using GilScan.Syntax.Parsing;

namespace GilScan.ParseBench;

/// <summary>
/// --compare-cpython: parses every file with CPython's ast.parse (a local CPython, by default
/// pyenv's 3.13.0) and with our parser, and lists the files where acceptance, message, line or
/// column differ. Both sides decode the files as UTF-8 with replacement characters and a BOM
/// removed.
/// </summary>
internal static class CpythonComparison
{
    private const string Script = """
        import ast, json, sys, warnings
        warnings.simplefilter("ignore")
        for path in sys.stdin.read().splitlines():
            text = open(path, "rb").read().decode("utf-8-sig", "replace")
            try:
                ast.parse(text)
                print(json.dumps(None))
            except SyntaxError as e:
                print(json.dumps([type(e).__name__, e.msg, e.lineno, (e.offset or 1) - 1]))
            except (ValueError, MemoryError, RecursionError) as e:
                print(json.dumps([type(e).__name__, str(e), None, None]))
        """;

    public static void Run(IReadOnlyList<SourceFile> files, string directory, string python)
    {
        var cpython = RunCpython(files.Select(f => Path.Combine(directory, f.RelativePath)), python);
        int exact = 0;
        int sameLine = 0;
        var different = new List<string>();
        for (int i = 0; i < files.Count; i++)
        {
            var error = PythonSyntaxParser.Parse(files[i].Text).Error;
            string ours = error is null ? "OK" : $"{error.Kind}: {error.Message} @{error.Line}:{error.Column}";
            string theirs = cpython[i];
            if (ours == theirs)
            {
                exact++;
            }
            else if (error is not null && theirs.Contains($" @{error.Line}:", StringComparison.Ordinal))
            {
                sameLine++;
            }
            else
            {
                different.Add($"{files[i].RelativePath}\n    cpython: {theirs}\n    ours:    {ours}");
            }
        }

        Console.WriteLine($"identical {exact}, same line with another message {sameLine}, different {different.Count}");
        different.ForEach(Console.WriteLine);
    }

    private static string[] RunCpython(IEnumerable<string> paths, string python)
    {
        var info = new ProcessStartInfo(python, ["-c", Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        process.StandardInput.Write(string.Join('\n', paths));
        process.StandardInput.Close();
        process.WaitForExit();
        return output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Render).ToArray();
    }

    private static string Render(string json)
    {
        var value = JsonSerializer.Deserialize<JsonElement>(json);
        if (value.ValueKind == JsonValueKind.Null)
        {
            return "OK";
        }

        var parts = value.EnumerateArray().ToArray();
        return parts[2].ValueKind == JsonValueKind.Null
            ? $"{parts[0].GetString()}: {parts[1].GetString()}"
            : $"{parts[0].GetString()}: {parts[1].GetString()} @{parts[2].GetInt32()}:{parts[3].GetInt32()}";
    }
}
