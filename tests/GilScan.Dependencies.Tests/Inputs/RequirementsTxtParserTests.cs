using GilScan.Dependencies.Inputs;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Tests.Support;

namespace GilScan.Dependencies.Tests.Inputs;

public sealed class RequirementsTxtParserTests
{
    private static readonly DependencyFile Parsed = new RequirementsTxtParser().ParseFile(RepositoryPaths.Fixture("requirements", "requirements.txt"));

    private static DependencyEntry Entry(string name) => Parsed.Entries.Single(e => e.NormalizedName == name);

    [Fact]
    public void Continuation_lines_join_into_one_requirement_with_its_hashes()
    {
        var numpy = Entry("numpy");
        numpy.Version!.ToString().ShouldBe("2.3.4");
        numpy.Hashes.ShouldBe([
            "sha256:5a1d8c0b3ed07be2b26c1b6bd1b2ca0b38dd8ab1b0a4b0c33d4e1aa0a0e0b1c2",
            "sha256:7c1a2f0e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5",
        ]);
        numpy.Anchor.Line.ShouldBe(6);
        numpy.Anchor.StartColumn.ShouldBe(1);
        numpy.Anchor.EndColumn.ShouldBe(13); // "numpy==2.3.4"
    }

    [Fact]
    public void Markers_and_trailing_comments_are_separated_from_the_requirement()
    {
        var orjson = Entry("orjson");
        orjson.Version!.ToString().ShouldBe("3.11.3");
        orjson.Marker.ShouldBe("python_version >= \"3.9\"");
        orjson.Anchor.ShouldBe(new SourceAnchor(Parsed.Path, 9, 1, 41)); // up to the closing quote of the marker
    }

    [Fact]
    public void Extras_and_ranges_leave_the_version_unpinned()
    {
        var pydantic = Parsed.Entries.First(e => e.NormalizedName == "pydantic" && !e.Groups.Contains("constraint"));
        pydantic.Version.ShouldBeNull();
        pydantic.Requirement!.Extras.ShouldBe(["email"]);
        pydantic.Requirement.Specifier.ToString().ShouldBe(">=2.12,<3");
    }

    [Fact]
    public void Direct_url_lines_carry_their_wheel_tags()
    {
        var lxml = Entry("lxml");
        lxml.SourceKind.ShouldBe(PinSourceKind.Url);
        lxml.Version!.ToString().ShouldBe("6.0.2");
        lxml.Wheels.Single().AbiTags.ShouldBe(["cp314t"]);

        var pyyaml = Entry("pyyaml");
        pyyaml.Version!.ToString().ShouldBe("6.0.3");
        pyyaml.Wheels.Single().PlatformTags.ShouldBe(["manylinux_2_17_x86_64", "manylinux2014_x86_64"]);
    }

    [Fact]
    public void Vcs_line_takes_its_name_from_the_egg_fragment_and_editable_project_is_kept_as_editable()
    {
        Entry("fasthash").SourceKind.ShouldBe(PinSourceKind.Git);
        Parsed.Entries.Single(e => e.SourceKind == PinSourceKind.Editable).Name.ShouldBe(".");
    }

    [Fact]
    public void Includes_and_constraints_are_read_relative_to_the_including_file()
    {
        Entry("requests").Anchor.Path.ShouldEndWith(Path.Combine("requirements", "requirements-base.txt"));
        Entry("psycopg2-binary").Marker.ShouldBe("sys_platform == \"linux\"");
        Entry("urllib3").Groups.ShouldBe(["constraint"]);
        Parsed.IncludedFiles!.Select(Path.GetFileName).ShouldBe(["requirements-base.txt", "constraints.txt"]);
    }

    [Fact]
    public void Each_problem_is_a_diagnostic_with_file_and_line_and_the_rest_is_read()
    {
        Parsed.Diagnostics.Select(d => (Path.GetFileName(d.Location.Path), d.Location.Line, d.Severity, d.Message)).ShouldBe([
            ("requirements-base.txt", 3, DiagnosticSeverity.Error,
                $"included file 'requirements-missing.txt' not found (looked for '{Path.Combine(Path.GetDirectoryName(Parsed.Path)!, "requirements-missing.txt")}')"),
            ("requirements.txt", 15, DiagnosticSeverity.Error, "invalid requirement: 'a requirement!' is not a PEP 440 version specifier (in the requirement 'not')"),
        ]);
        Parsed.Entries.Count.ShouldBe(11);
    }

    [Fact]
    public void Include_cycles_are_reported_once_and_do_not_loop()
    {
        var files = new Dictionary<string, string>
        {
            ["/p/a.txt"] = "-r b.txt\nsix==1.17.0\n",
            ["/p/b.txt"] = "-r a.txt\nidna==3.10\n",
        };
        var parsed = new RequirementsTxtParser(path => files.GetValueOrDefault(path)).ParseFile("/p/a.txt");
        parsed.Entries.Select(e => e.Name).ShouldBe(["idna", "six"]);
        parsed.Diagnostics.Single().Message.ShouldBe("'a.txt' is included again (include cycle); skipped");
        parsed.Diagnostics.Single().Location.ShouldBe(new SourceAnchor("/p/b.txt", 1, 1, 9));
    }

    [Fact]
    public void Crlf_files_and_hash_options_in_separate_tokens_are_read()
    {
        var parsed = new RequirementsTxtParser().Parse("certifi==2025.10.5 --hash sha256:abc\r\n# comment\r\nidna==3.10\r\n", "r.txt");
        parsed.Entries.Select(e => (e.Name, e.VersionText, e.Anchor.Line)).ShouldBe([("certifi", "2025.10.5", 1), ("idna", "3.10", 3)]);
        parsed.Entries[0].Hashes.ShouldBe(["sha256:abc"]);
        parsed.Diagnostics.ShouldBeEmpty();
    }
}
