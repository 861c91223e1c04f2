namespace GilScan.Sarif.Tests;

/// <summary>
/// The SARIF for the sample project, byte for byte. After a deliberate change of the output, rerun
/// with GILSCAN_UPDATE_GOLDEN=1 and review the diff of Fixtures/golden/*.sarif.
/// </summary>
public sealed class GoldenFileTests
{
    [Theory]
    [InlineData(SarifProfile.Ide, "sample-project.ide.sarif")]
    [InlineData(SarifProfile.GitHub, "sample-project.github.sarif")]
    public void Sample_project_sarif_matches_the_golden_file(SarifProfile profile, string goldenName)
    {
        var actual = SarifLogBuilder.Build(SampleProject.Input(profile)).ToUtf8Bytes();
        var goldenPath = RepositoryRoot.Combine("tests", "GilScan.Sarif.Tests", "Fixtures", "golden", goldenName);

        if (Environment.GetEnvironmentVariable("GILSCAN_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(goldenPath, actual);
        }

        File.Exists(goldenPath).ShouldBeTrue($"{goldenPath} is missing; run the tests with GILSCAN_UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllBytes(goldenPath);
        System.Text.Encoding.UTF8.GetString(actual).ShouldBe(System.Text.Encoding.UTF8.GetString(expected));
        actual.ShouldBe(expected);
    }
}
