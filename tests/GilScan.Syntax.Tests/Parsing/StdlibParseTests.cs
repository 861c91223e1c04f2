using System.Text;
using GilScan.Syntax.Parsing;

namespace GilScan.Syntax.Tests.Parsing;

/// <summary>The whole CPython 3.13 standard library parses, except the one file CPython's tokenizer rejects.</summary>
public sealed class StdlibParseTests
{
    [StdlibFact]
    public void Every_stdlib_file_parses_except_the_invalid_identifier_test_file()
    {
        string root = PythonStdlib.Directory!;
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
        var files = Directory.EnumerateFiles(root, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        int fullContext = 0;

        // bad_coding.py, bad_coding2.py and badsyntax_pep3120.py are decoding errors, which are not
        // the parser's business: read as UTF-8 with replacement characters they parse.
        Parallel.ForEach(files, path =>
        {
            var result = PythonSyntaxParser.Parse(File.ReadAllText(path, utf8));
            if (result.Error is not null)
            {
                failures.Add($"{Path.GetRelativePath(root, path).Replace('\\', '/')}: {result.Error}");
            }

            if (result.UsedFullContext)
            {
                Interlocked.Increment(ref fullContext);
            }
        });

        files.Count.ShouldBe(2137);
        failures.ShouldBe(["test/tokenizedata/badsyntax_3131.py: SyntaxError: invalid character '€' (U+20AC) (line 2, column 0)"]);
        fullContext.ShouldBe(0);
    }
}
