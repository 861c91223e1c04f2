namespace GilScan.Confirmation.Tests;

/// <summary>The checkout this test runs from (the folder holding Analyzer.sln).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string DemoProject => System.IO.Path.Combine(Path, "fixtures", "confirm", "demo");

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Analyzer.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Analyzer.sln not found above " + AppContext.BaseDirectory);
    }
}
