using GilScan.Dependencies.Knowledge;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Wheels;

namespace GilScan.Dependencies.Tests.Knowledge;

public sealed class ImportNameMapTests
{
    private static ScannedDistribution Distribution(string name, IReadOnlyList<string> topLevel, IReadOnlyList<string> record, IReadOnlyList<string>? importNames = null)
    {
        var anchor = SourceAnchor.File("METADATA");
        var metadata = new DistInfo(name, "1.0", null, [], importNames ?? [], [], [], null, record, topLevel, anchor);
        var entry = new DependencyEntry(name, "1.0", null, null, InputKind.InstalledEnvironment, PinSourceKind.Path, null, [], [], [], null, anchor);
        return new ScannedDistribution(entry, metadata, [], "site-packages");
    }

    [Theory]
    [InlineData("yaml", "PyYAML")]
    [InlineData("sklearn.ensemble", "scikit-learn")]
    [InlineData("PIL.Image", "Pillow")]
    [InlineData("bs4", "beautifulsoup4")]
    [InlineData("google.protobuf.message", "protobuf")]
    public void Well_known_mismatches_come_from_the_bundled_table(string import, string distribution)
    {
        var match = ImportNameMap.LoadBundled().Resolve(import)[0];
        (match.Distribution, match.Source).ShouldBe((distribution, ImportNameSource.WellKnownTable));
    }

    [Fact]
    public void Cv2_maps_to_every_opencv_build()
    {
        ImportNameMap.LoadBundled().Resolve("cv2").Select(m => m.Distribution)
            .ShouldBe(["opencv-python", "opencv-python-headless", "opencv-contrib-python", "opencv-contrib-python-headless"]);
    }

    [Fact]
    public void Unknown_imports_fall_back_to_their_own_name()
    {
        var match = ImportNameMap.LoadBundled().Resolve("requests.adapters").ShouldHaveSingleItem();
        (match.Distribution, match.Source).ShouldBe(("requests", ImportNameSource.SameName));
    }

    [Fact]
    public void Installed_metadata_outranks_the_table_and_record_is_the_last_resort()
    {
        var map = ImportNameMap.Build([
            Distribution("PyYAML-fork", ["yaml"], []),
            Distribution("attrs", [], ["attr/__init__.py", "attrs/__init__.py", "attrs-26.1.0.dist-info/RECORD", "../../bin/tool"]),
            Distribution("onefile", [], ["onefile.py", "_speedups.cpython-313t-x86_64-linux-gnu.so"]),
            Distribution("modern", [], ["whatever/__init__.py"], ["modern_api", "modern_api._private; private"]),
        ]);
        map.Resolve("yaml").Select(m => (m.Distribution, m.Source)).ShouldBe([
            ("PyYAML-fork", ImportNameSource.TopLevelTxt), ("PyYAML", ImportNameSource.WellKnownTable)]);
        map.Resolve("attrs")[0].ShouldBe(new ImportNameMatch("attrs", ImportNameSource.Record, "RECORD"));
        map.Resolve("_speedups")[0].Distribution.ShouldBe("onefile");
        map.Resolve("onefile")[0].Source.ShouldBe(ImportNameSource.Record);
        map.Resolve("bin")[0].Source.ShouldBe(ImportNameSource.SameName);
        map.Resolve("modern_api")[0].Source.ShouldBe(ImportNameSource.ImportNameMetadata);
        map.Resolve("whatever")[0].Source.ShouldBe(ImportNameSource.SameName);
    }

    [Fact]
    public void Bundled_table_loads_without_problems() => ImportNameMap.LoadBundled().Diagnostics.ShouldBeEmpty();
}
