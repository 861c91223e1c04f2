using GilScan.Dependencies.Inputs;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Tests.Support;

namespace GilScan.Dependencies.Tests.Inputs;

/// <summary>Every lockfile format on fixtures written in each tool's layout (fixtures/dependencies/README.md).</summary>
public sealed class LockfileParserTests
{
    private static DependencyFile Read(params string[] parts) => DependencyInputReader.Read(RepositoryPaths.Fixture(parts));

    [Fact]
    public void Uv_lock_packages_have_versions_sources_artifacts_and_name_anchors()
    {
        var parsed = Read("uv", "uv.lock");
        parsed.Diagnostics.ShouldBeEmpty();
        parsed.Entries.Count.ShouldBe(22);
        parsed.RequiresPython!.ToString().ShouldBe(">=3.12");
        parsed.Entries[0].SourceKind.ShouldBe(PinSourceKind.Virtual);
        var numpy = parsed.Entries.Single(e => e.Name == "numpy");
        numpy.VersionText.ShouldBe("2.3.4");
        numpy.SourceKind.ShouldBe(PinSourceKind.Registry);
        numpy.SourceLocation.ShouldBe("https://pypi.org/simple");
        numpy.Anchor.ShouldBe(new SourceAnchor(parsed.Path, 87, 9, 14));
        numpy.Artifacts.Count(a => a.IsSourceDistribution).ShouldBe(1);
        numpy.Wheels.Count().ShouldBe(15);
        numpy.Wheels.Count(w => w.AbiTags.Contains("cp314t")).ShouldBe(3);
        numpy.Hashes.Count.ShouldBe(16);
    }

    [Fact]
    public void Uv_lock_relative_urls_are_joined_to_artifact_base()
    {
        var parsed = Read("uv-artifact-base", "uv.lock");
        parsed.Diagnostics.ShouldBeEmpty();
        var numpy = parsed.Entries.Single(e => e.Name == "numpy");
        var wheel = numpy.Artifacts.First(a => a.IsWheel);
        wheel.Url!.ShouldStartWith("https://files.pythonhosted.org/packages/");
        wheel.Url.ShouldEndWith("/" + wheel.FileName);
        wheel.Wheel!.Distribution.ShouldBe("numpy");
    }

    [Fact]
    public void Uv_artifact_base_join_keeps_absolute_urls() =>
        UvLockParser.Resolve("https://other/x.whl", "https://files/base/").ShouldBe("https://other/x.whl");

    [Fact]
    public void Poetry_2_lock_reads_files_groups_and_python_versions()
    {
        var parsed = Read("poetry-2", "poetry.lock");
        parsed.Diagnostics.ShouldBeEmpty();
        parsed.Entries.Select(e => e.Name).ShouldBe(["lxml", "numpy", "orjson", "pandas", "polars", "python-dateutil", "pytz", "six", "tzdata"]);
        parsed.Entries.Single(e => e.Name == "pytz").Groups.ShouldBe(["group:main", "group:dev"]);
        parsed.Entries.Single(e => e.Name == "polars").Wheels.Single(w => w.PlatformTags.Contains("win_amd64")).FileName
            .ShouldBe("polars-1.34.0-cp39-abi3-win_amd64.whl");
        parsed.RequiresPython!.ToString().ShouldBe(">=3.12,<4.0");
    }

    [Fact]
    public void Poetry_1_lock_takes_files_from_metadata_files()
    {
        var parsed = Read("poetry-1", "poetry.lock");
        parsed.Diagnostics.ShouldBeEmpty();
        var numpy = parsed.Entries.Single(e => e.Name == "numpy");
        numpy.Anchor.Line.ShouldBe(2);
        numpy.Groups.ShouldBe(["group:main"]);
        numpy.Wheels.Select(w => w.InterpreterTags.Single()).Distinct().ShouldBe(["cp39", "cp310", "cp311", "cp312"]);
        parsed.Entries.Single(e => e.Name == "psycopg2-binary").Artifacts.Count.ShouldBe(13);
    }

    [Fact]
    public void Pdm_lock_folds_the_extras_repeat_into_one_entry()
    {
        var parsed = Read("pdm", "pdm.lock");
        parsed.Diagnostics.ShouldBeEmpty();
        parsed.Entries.Count(e => e.Name == "requests").ShouldBe(1);
        parsed.Entries.Count.ShouldBe(7);
        parsed.RequiresPython!.ToString().ShouldBe(">=3.11");
        parsed.Entries.Single(e => e.Name == "pyyaml").Wheels.Count(w => w.AbiTags.Contains("cp313t")).ShouldBe(3);
    }

    [Fact]
    public void Legacy_pdm_lock_matches_name_and_version_keys_of_metadata_files()
    {
        var parsed = Read("pdm-legacy", "pdm.lock");
        parsed.Diagnostics.ShouldBeEmpty();
        var ujson = parsed.Entries.Single(e => e.Name == "ujson");
        ujson.Wheels.Count(w => w.AbiTags.Contains("cp314t")).ShouldBe(3);
        ujson.Artifacts.All(a => a.Url!.StartsWith("https://files.pythonhosted.org/", StringComparison.Ordinal)).ShouldBeTrue();
    }

    [Fact]
    public void Pylock_reads_packages_wheels_and_hash_tables()
    {
        var parsed = Read("pylock", "pylock.toml");
        parsed.Kind.ShouldBe(InputKind.PylockToml);
        parsed.Diagnostics.ShouldBeEmpty();
        var numpy = parsed.Entries.Single(e => e.Name == "numpy");
        numpy.Anchor.Line.ShouldBe(15);
        numpy.Artifacts.First().Hash!.ShouldStartWith("sha256:");
        numpy.Wheels.Count().ShouldBe(15);
    }

    [Fact]
    public void Pipfile_lock_reads_default_and_develop_with_property_anchors()
    {
        var parsed = Read("pipfile", "Pipfile.lock");
        parsed.Diagnostics.ShouldBeEmpty();
        var orjson = parsed.Entries.Single(e => e.Name == "orjson");
        orjson.VersionText.ShouldBe("3.11.3");
        orjson.Artifacts.ShouldBeEmpty();
        orjson.Hashes.Count.ShouldBe(10);
        orjson.Anchor.ShouldBe(new SourceAnchor(parsed.Path, 55, 10, 16));
        parsed.Entries.Single(e => e.Name == "mylib").SourceKind.ShouldBe(PinSourceKind.Editable);
        parsed.Entries.Single(e => e.Name == "black").Groups.ShouldBe(["group:develop"]);
        parsed.RequiresPython!.ToString().ShouldBe("==3.12.*");
    }

    [Fact]
    public void Broken_uv_lock_reports_each_problem_with_its_line_and_keeps_the_good_entries()
    {
        var parsed = Read("broken", "uv.lock");
        parsed.Entries.Select(e => e.Name).ShouldContain("numpy");
        parsed.Entries.Select(e => e.Name).ShouldContain("requests");
        parsed.Diagnostics.Select(d => (d.Location.Line, d.Severity, d.Message)).ShouldBe([
            (17, DiagnosticSeverity.Error,
                "invalid TOML: Unexpected token `BasicKey` while parsing inline table. Expecting a bare key or string instead of `wheels` (8 follow-on errors up to line 19)"),
            (21, DiagnosticSeverity.Error, "uv.lock package entry without a 'name'; skipped"),
            (26, DiagnosticSeverity.Warning, "version 'not-a-version' of 'grpcio' is not a PEP 440 version; version-based knowledge will not apply"),
            (30, DiagnosticSeverity.Warning, "'not-a-wheel.whl' listed as a wheel of 'grpcio' is not a valid wheel file name"),
        ]);
        parsed.Diagnostics.ShouldAllBe(d => d.Location.Path == parsed.Path);
    }

    [Fact]
    public void Truncated_pipfile_lock_reports_the_json_error_and_keeps_what_was_read()
    {
        var parsed = Read("broken", "Pipfile.lock");
        var error = parsed.Diagnostics.ShouldHaveSingleItem();
        error.Severity.ShouldBe(DiagnosticSeverity.Error);
        error.Message.ShouldBe("invalid JSON: Expected end of string, but instead reached end of data.");
        error.Location.Line.ShouldBe(File.ReadAllLines(parsed.Path).Length);
        parsed.Entries.Select(e => e.Name).ShouldBe(["certifi"]);
    }

    [Fact]
    public void Garbage_poetry_lock_gives_diagnostics_not_exceptions()
    {
        var parsed = Read("broken", "poetry.lock");
        parsed.Diagnostics.Select(d => (d.Location.Line, d.Location.StartColumn)).ShouldBe([(1, 6)]);
        parsed.Diagnostics[0].Message.ShouldBe("invalid TOML: Expecting `=` after a key instead of is (1 follow-on error up to line 2)");
        // The parser recovers at the next key: what it could read is kept, without a version.
        parsed.Entries.Select(e => (e.Name, e.Version)).ShouldBe([("x", null)]);
    }

    [Theory]
    [InlineData("uv.lock", InputKind.UvLock)]
    [InlineData("pylock.toml", InputKind.PylockToml)]
    [InlineData("pylock.dev.toml", InputKind.PylockToml)]
    [InlineData("requirements-dev.txt", InputKind.RequirementsTxt)]
    [InlineData("dev-requirements.txt", InputKind.RequirementsTxt)]
    [InlineData("requirements.in", InputKind.RequirementsTxt)]
    [InlineData("Pipfile.lock", InputKind.PipfileLock)]
    public void Input_kinds_are_recognised_by_file_name(string name, InputKind kind) => DependencyInputReader.KindOf(name).ShouldBe(kind);

    [Fact]
    public void Non_utf8_input_is_one_diagnostic()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "uv.lock");
        File.WriteAllBytes(path, [0x76, 0x3D, 0xFF, 0xFE]);
        var parsed = DependencyInputReader.Read(path);
        parsed.Diagnostics.Single().Message.ShouldBe("the file is not valid UTF-8");
    }
}
