using GilScan.Testing;
using System.Text;

namespace GilScan.Sarif.Tests;

/// <summary>Every SARIF these tests build must pass both validators GitHub's and Microsoft's tooling apply.</summary>
public sealed class ValidatorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gilscan-sarif-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [ValidatorFact]
    public void Sample_project_sarif_passes_both_validators_in_both_profiles_and_with_a_baseline()
    {
        var ide = SarifLogBuilder.Build(SampleProject.Input());
        var github = SarifLogBuilder.Build(SampleProject.Input(SarifProfile.GitHub));
        var baseline = Baseline.Parse(Encoding.UTF8.GetString(ide.ToUtf8Bytes()));
        var fewer = SampleProject.Input(SarifProfile.Ide, baseline) with { Diagnostics = SampleProject.Diagnostics().Skip(1).ToList() };
        var compared = SarifLogBuilder.Build(fewer);
        compared.AbsentCount.ShouldBe(1);
        var empty = SarifLogBuilder.Build(SampleProject.Input() with { Diagnostics = [], Notifications = [] });

        var files = new[]
        {
            Write("ide.sarif", ide.ToUtf8Bytes()),
            Write("github.sarif", github.ToUtf8Bytes()),
            Write("baseline.sarif", compared.ToUtf8Bytes()),
            Write("empty.sarif", empty.ToUtf8Bytes()),
        };

        var (exitCode, output) = SarifValidators.Validate(files);

        exitCode.ShouldBe(0, output);
        foreach (var file in files)
        {
            output.ShouldContain($"{file}: GitHub schema gate passed", customMessage: output);
            output.ShouldContain($"{file}: Sarif.Multitool (Sarif;Gh rules) passed", customMessage: output);
        }

        output.ShouldNotContain(": warning ", customMessage: output);
    }

    [ValidatorFact]
    public void Validators_reject_what_github_rejects()
    {
        var good = Encoding.UTF8.GetString(SarifLogBuilder.Build(SampleProject.Input(SarifProfile.GitHub)).ToUtf8Bytes());
        var withBom = Write("bom.sarif", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(good)]);
        var lineZero = Write("line0.sarif", Encoding.UTF8.GetBytes(good.Replace("\"startLine\": 16,", "\"startLine\": 0,", StringComparison.Ordinal)));
        var noLocation = Write("nolocation.sarif", Encoding.UTF8.GetBytes(RemoveFirstResultLocations(good)));

        var (bomExit, bomOutput) = SarifValidators.Validate(withBom);
        var (zeroExit, zeroOutput) = SarifValidators.Validate(lineZero);
        var (locationExit, locationOutput) = SarifValidators.Validate(noLocation);

        bomExit.ShouldBe(1, bomOutput);
        bomOutput.ShouldContain("(it starts with a byte order mark)", customMessage: bomOutput);
        zeroExit.ShouldBe(1, zeroOutput);
        zeroOutput.ShouldContain("region.startLine must be greater than or equal to 1", customMessage: zeroOutput);
        locationExit.ShouldBe(1, locationOutput);
        locationOutput.ShouldContain("error GH1001", customMessage: locationOutput);
    }

    private static string RemoveFirstResultLocations(string sarif)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(sarif)!;
        root["runs"]![0]!["results"]![0]!["locations"] = new System.Text.Json.Nodes.JsonArray();
        return root.ToJsonString();
    }
}
