using System.Text.Json;
using GilScan.Semantics.Catalog;
using GilScan.Semantics.Tests.Support;

namespace GilScan.Semantics.Tests.Catalog;

public class CallCatalogTests
{
    private static string CatalogPath =>
        Path.Combine(GilScan.Syntax.Tests.Support.PythonReference.RepositoryRoot, "rules", "knowledge", "calls");

    [Fact]
    public void Every_entry_of_the_data_files_names_a_source_or_a_reason()
    {
        var entries = new List<JsonElement>();
        foreach (var file in Directory.GetFiles(CatalogPath, "*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            entries.AddRange(document.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone()));
        }

        entries.Count.ShouldBeGreaterThan(100);
        var missing = entries
            .Where(e => !(e.TryGetProperty("source", out var s) && s.GetString()!.StartsWith("https://", StringComparison.Ordinal))
                        && !(e.TryGetProperty("reason", out var r) && r.GetString()!.Length >= 10))
            .Select(e => e.GetProperty("name").GetString())
            .ToList();
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void The_embedded_catalog_is_the_data_files()
    {
        CallCatalog.Default.Entries.Count.ShouldBe(CallCatalog.Load(CatalogPath).Entries.Count);
        CallCatalog.Default.Entries.Select(e => e.Name).ShouldBe(CallCatalog.Load(CatalogPath).Entries.Select(e => e.Name));
    }

    [Theory]
    [InlineData("json.loads", CallCategory.GilHoldingCpu)]
    [InlineData("re.sub", CallCategory.GilHoldingCpu)]
    [InlineData("builtins.sorted", CallCategory.GilHoldingCpu)]
    [InlineData("pickle.dumps", CallCategory.GilHoldingCpu)]
    [InlineData("numpy.dot", CallCategory.GilReleasingNative)]
    [InlineData("numpy.linalg.svd", CallCategory.GilReleasingNative)]
    [InlineData("numpy.ndarray.sum", CallCategory.GilReleasingNative)]
    [InlineData("numpy.array", CallCategory.GilHoldingCpu)]
    [InlineData("zlib.compress", CallCategory.GilReleasingNative)]
    [InlineData("bz2.decompress", CallCategory.GilReleasingNative)]
    [InlineData("lzma.LZMACompressor.compress", CallCategory.GilReleasingNative)]
    [InlineData("lxml.etree.fromstring", CallCategory.GilReleasingNative)]
    [InlineData("PIL.Image.Image.resize", CallCategory.GilReleasingNative)]
    [InlineData("time.sleep", CallCategory.BlockingIo)]
    [InlineData("requests.get", CallCategory.BlockingIo)]
    [InlineData("requests.Session.post", CallCategory.BlockingIo)]
    [InlineData("requests.Session", CallCategory.Cheap)]
    [InlineData("builtins.open", CallCategory.BlockingIo)]
    [InlineData("io.TextIOWrapper.read", CallCategory.BlockingIo)]
    [InlineData("subprocess.run", CallCategory.BlockingIo)]
    [InlineData("urllib.request.urlopen", CallCategory.BlockingIo)]
    [InlineData("socket.socket.recv", CallCategory.BlockingIo)]
    [InlineData("concurrent.futures.ThreadPoolExecutor", CallCategory.Cheap)]
    [InlineData("math.sqrt", CallCategory.Cheap)]
    public void Names_find_their_category_exact_first_then_by_the_longest_wildcard(string name, CallCategory expected) =>
        CallCatalog.Default.Find(name)!.Category.ShouldBe(expected);

    [Fact]
    public void Unknown_names_are_not_in_the_catalog()
    {
        CallCatalog.Default.Find("mylib.compute").ShouldBeNull();
        CallCatalog.Default.Find("numpyx.dot").ShouldBeNull();
    }

    [Fact]
    public void Hashlib_releases_the_gil_only_from_2048_bytes()
    {
        var sha = CallCatalog.Default.Find("hashlib.sha256")!;
        sha.ReleasesGilWhen!.MinBytes.ShouldBe(2048);
        sha.ReleasesGilWhen.Argument.Position.ShouldBe(0);
        sha.Otherwise.ShouldBe(CallCategory.GilHoldingCpu);
        sha.Returns.ShouldBe("_hashlib.HASH");
        CallCatalog.Default.Find("_hashlib.HASH.update")!.ReleasesGilWhen!.MinBytes.ShouldBe(2048);
        CallCatalog.Default.Find("_hashlib.HASH.hexdigest")!.Category.ShouldBe(CallCategory.Cheap);
    }

    [Fact]
    public void An_entry_without_source_or_reason_is_refused()
    {
        var error = Should.Throw<InvalidDataException>(() =>
            CallCatalog.Parse("""{"entries": [{"name": "x.y", "category": "cheap"}]}"""));
        error.Message.ShouldBe("call catalog: 'x.y' has neither a source nor a reason");
    }

    [Fact]
    public void Unknown_categories_and_fields_are_refused()
    {
        Should.Throw<InvalidDataException>(() =>
            CallCatalog.Parse("""{"entries": [{"name": "x.y", "category": "fast", "reason": "because it is"}]}"""))
            .Message.ShouldBe("call catalog: 'x.y' has unknown category 'fast'");
        Should.Throw<JsonException>(() =>
            CallCatalog.Parse("""{"entries": [{"name": "x.y", "category": "cheap", "reason": "because it is", "colour": 1}]}"""));
    }
}
