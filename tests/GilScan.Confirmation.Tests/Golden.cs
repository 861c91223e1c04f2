namespace GilScan.Confirmation.Tests;

/// <summary>
/// Expected outputs kept as files under Golden/. Set GILSCAN_UPDATE_GOLDEN=1 to rewrite them from the
/// current output, then review the diff (and open the SVGs) before committing.
/// </summary>
internal static class Golden
{
    public static void Match(string name, string actual)
    {
        var path = Path.Combine(RepositoryRoot.Path, "tests", "GilScan.Confirmation.Tests", "Golden", name);
        if (Environment.GetEnvironmentVariable("GILSCAN_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        actual.ShouldBe(File.ReadAllText(path), $"differs from Golden/{name}");
    }
}
