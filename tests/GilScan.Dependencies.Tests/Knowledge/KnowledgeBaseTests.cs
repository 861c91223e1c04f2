using GilScan.Dependencies.Audit;
using GilScan.Dependencies.Knowledge;
using GilScan.Dependencies.Versions;

namespace GilScan.Dependencies.Tests.Knowledge;

public sealed class KnowledgeBaseTests
{
    private static readonly KnowledgeBase Bundled = KnowledgeBase.LoadBundled();

    private static KnownStatus? Status(string package, string? version, FreeThreadedTarget target) =>
        Bundled.Lookup(package, version is null ? null : Pep440Version.Parse(version), target)?.Status;

    [Fact]
    public void Bundled_file_loads_without_problems_and_every_entry_names_a_public_source_and_a_date()
    {
        Bundled.Diagnostics.ShouldBeEmpty();
        Bundled.Entries.Count.ShouldBe(200);
        Bundled.Entries.ShouldAllBe(e => e.Source.StartsWith("https://") && e.Date.Length == 10);
        Bundled.Entries.SelectMany(e => e.SeeAlso).ShouldAllBe(url => url.StartsWith("https://"));
        Bundled.OptionalCompiledParts.Select(o => o.Package).ShouldBe(["tornado", "websockets"]);
        Bundled.OptionalCompiledParts.ShouldAllBe(o => o.Source.StartsWith("https://") && o.Date.Length == 10);
    }

    [Fact]
    public void No_entry_cites_a_file_of_ours_instead_of_a_public_page()
    {
        var text = File.ReadAllText(Path.Combine(Support.RepositoryPaths.Root, "rules", "knowledge", "packages.toml"));
        text.ShouldNotContain("free-threading-facts.md");
        text.ShouldNotContain("free-threaded-wheels-history.md");
    }

    [Theory]
    [InlineData("source = \"https://example.org/notes\"\n", "no date")]
    [InlineData("date = \"2026-01-02\"\n", "no source")]
    [InlineData("source = \"see the facts file\"\ndate = \"2026-01-02\"\n", "source 'see the facts file' is not a public https URL")]
    [InlineData("source = \"http://example.org/notes\"\ndate = \"2026-01-02\"\n", "source 'http://example.org/notes' is not a public https URL")]
    [InlineData("source = \"https://example.org/notes\"\ndate = \"last June\"\n", "date 'last June' is not YYYY-MM-DD")]
    public void An_entry_without_a_public_source_url_and_a_date_is_refused(string sourceAndDate, string problem)
    {
        var knowledge = KnowledgeBase.Parse("[[entry]]\npackage = \"x\"\nversions = \"\"\ntargets = [\"3.14t\"]\nstatus = \"declares\"\n" + sourceAndDate, "kb.toml");
        knowledge.Entries.ShouldBeEmpty();
        knowledge.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe($"knowledge entry skipped: {problem}");
    }

    [Fact]
    public void Optional_compiled_parts_hold_for_their_version_range()
    {
        Bundled.OptionalCompiled("websockets", Pep440Version.Parse("13.1"))!.Modules.ShouldBe(["websockets.speedups"]);
        Bundled.OptionalCompiled("websockets", Pep440Version.Parse("10.4")).ShouldBeNull();
        Bundled.OptionalCompiled("tornado", Pep440Version.Parse("6.4.1"))!.Source.ShouldBe("https://github.com/tornadoweb/tornado/blob/v6.5.0/tornado/util.py");
        Bundled.OptionalCompiled("tornado", null).ShouldNotBeNull();
        Bundled.OptionalCompiled("numpy", Pep440Version.Parse("2.3.4")).ShouldBeNull();
    }

    [Fact]
    public void Ranges_of_one_package_and_target_never_overlap()
    {
        // Probe each package at every bound any of its entries names, and just around it.
        foreach (var group in Bundled.Entries.GroupBy(e => e.Package))
        {
            var probes = group.SelectMany(e => e.Versions.Clauses).Select(c => c.Version).OfType<Pep440Version>()
                .SelectMany(v => new[] { v, Pep440Version.Parse(v.BaseVersion + ".post1"), Pep440Version.Parse(v.BaseVersion + "a1") })
                .Append(Pep440Version.Parse("0.0.1")).Append(Pep440Version.Parse("99999"));
            foreach (var target in new[] { FreeThreadedTarget.Python313t, FreeThreadedTarget.Python314t })
            {
                foreach (var probe in probes)
                {
                    group.Count(e => e.Targets.Contains(target.Name) && e.Versions.Contains(probe, includePreReleases: true))
                        .ShouldBeLessThanOrEqualTo(1, $"{group.Key} {probe} on {target}");
                }
            }
        }
    }

    [Theory]
    [InlineData("pandas", "2.2.2", KnownStatus.NoFreeThreadedWheel)]
    [InlineData("pandas", "2.3.1", KnownStatus.ReenablesGil)]
    [InlineData("pandas", "3.0.0", KnownStatus.Declares)]
    [InlineData("numpy", "2.0.2", KnownStatus.NoFreeThreadedWheel)]
    [InlineData("numpy", "2.1.0", KnownStatus.Declares)]
    [InlineData("orjson", "3.11.3", KnownStatus.NoFreeThreadedWheel)]
    [InlineData("ujson", "5.12.0", KnownStatus.ReenablesGil)]
    [InlineData("ujson", "5.13.0", KnownStatus.Declares)]
    [InlineData("greenlet", "3.2.4", KnownStatus.NoFreeThreadedWheel)]
    [InlineData("greenlet", "3.1.1", KnownStatus.ReenablesGil)]
    [InlineData("PyYAML", "6.0.3", KnownStatus.Declares)]
    [InlineData("opencv_python_headless", "4.12.0.88", KnownStatus.Abi3Only)]
    [InlineData("protobuf", "5.29.3", KnownStatus.PurePythonFallback)]
    [InlineData("xgboost", "3.0.5", KnownStatus.NoExtensionModules)]
    [InlineData("simplejson", "3.20.1", KnownStatus.PurePythonFallback)]
    [InlineData("simplejson", "3.17.6", KnownStatus.NoFreeThreadedWheel)]
    [InlineData("msgpack", "1.0.8", KnownStatus.PurePythonFallback)]
    [InlineData("msgpack", "1.1.1", KnownStatus.NoFreeThreadedWheel)]
    [InlineData("left-pad", "1.0", null)]
    public void Lookups_by_package_and_version_on_3_14t(string package, string version, KnownStatus? expected) =>
        Status(package, version, FreeThreadedTarget.Python314t).ShouldBe(expected);

    [Fact]
    public void Support_for_3_13t_and_3_14t_are_separate_facts()
    {
        Status("lxml", "7.0.0", FreeThreadedTarget.Python314t).ShouldBe(KnownStatus.Declares);
        Status("lxml", "7.0.0", FreeThreadedTarget.Python313t).ShouldBe(KnownStatus.Unverified);
    }

    [Fact]
    public void Unpinned_lookups_answer_only_when_every_range_agrees()
    {
        Status("orjson", null, FreeThreadedTarget.Python314t).ShouldBe(KnownStatus.NoFreeThreadedWheel);
        Status("numpy", null, FreeThreadedTarget.Python314t).ShouldBeNull();
    }

    [Fact]
    public void The_fix_is_the_lowest_version_that_declares_or_an_alternative()
    {
        Bundled.MinimumDeclaringVersion("pandas", FreeThreadedTarget.Python314t)!.Value.Version.ToString().ShouldBe("3.0.0");
        Bundled.MinimumDeclaringVersion("lxml", FreeThreadedTarget.Python313t).ShouldBeNull();
        Bundled.Alternative("Brotli")!.Value.Use.ShouldBe("brotlicffi");
    }

    [Fact]
    public void Malformed_entries_are_diagnostics_with_their_line()
    {
        var knowledge = KnowledgeBase.Parse("""
            [[entry]]
            package = "x"
            versions = ">=1"
            targets = ["3.14t"]
            status = "declares"
            date = "2026-01-02"

            [[entry]]
            package = "y"
            versions = "=>1"
            targets = ["3.14"]
            status = "great"
            source = "https://example.org/y"
            date = "2026-01-02"
            """, "kb.toml");
        knowledge.Entries.ShouldBeEmpty();
        knowledge.Diagnostics.Select(d => (d.Location.Line, d.Message)).ShouldBe([
            (1, "knowledge entry skipped: no source"),
            (8, "knowledge entry skipped: targets must list free-threaded versions such as \"3.14t\"; '=>1' is not a PEP 440 version specifier; unknown status 'great'"),
        ]);
    }
}
