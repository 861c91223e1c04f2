using System.Text;

namespace GilScan.Reporting.Tests.Audit;

/// <summary>
/// Byte-for-byte comparison with files in tests/GilScan.Reporting.Tests/Golden. With
/// GILSCAN_UPDATE_GOLDEN=1 the files are rewritten instead (review the diff before committing).
/// </summary>
internal static class GoldenFiles
{
    public static readonly string Directory = RepositoryRoot.Combine("tests", "GilScan.Reporting.Tests", "Golden");

    public static void ShouldMatch(string name, string actual)
    {
        var path = Path.Combine(Directory, name);
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(actual);
        if (Environment.GetEnvironmentVariable("GILSCAN_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(path, bytes);
        }

        File.Exists(path).ShouldBeTrue($"{path} is missing; run the tests with GILSCAN_UPDATE_GOLDEN=1 to write it");
        var expected = File.ReadAllBytes(path);
        if (!expected.AsSpan().SequenceEqual(bytes))
        {
            // Show the first differing line: easier to read than two whole files.
            var expectedLines = Encoding.UTF8.GetString(expected).Split('\n');
            var actualLines = actual.Split('\n');
            var line = Enumerable.Range(0, Math.Max(expectedLines.Length, actualLines.Length))
                .First(i => i >= expectedLines.Length || i >= actualLines.Length || expectedLines[i] != actualLines[i]);
            actualLines.ElementAtOrDefault(line).ShouldBe(expectedLines.ElementAtOrDefault(line), $"{name} differs at line {line + 1}");
            bytes.ShouldBe(expected, $"{name} differs");
        }
    }
}
