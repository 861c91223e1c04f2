using GilScan.Dependencies.Inputs;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Tests.Support;

namespace GilScan.Dependencies.Tests.Inputs;

/// <summary>Damaged inputs never throw out of the library: every cut and every corrupted byte gives a result.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> Fixtures() =>
    [
        .. Directory.EnumerateFiles(RepositoryPaths.Fixture(), "*", SearchOption.AllDirectories)
            .Where(p => DependencyInputReader.KindOf(p) is not null)
            .Select(p => Path.GetRelativePath(RepositoryPaths.Fixture(), p))
            .Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_truncation_and_byte_flip_of_a_fixture_parses_without_throwing(string relative)
    {
        var path = RepositoryPaths.Fixture(relative);
        var kind = DependencyInputReader.KindOf(path)!.Value;
        var text = File.ReadAllText(path);
        var random = new Random(relative.Length * 7919);
        var step = Math.Max(1, text.Length / 60);
        for (var cut = 0; cut < text.Length; cut += step)
        {
            var truncated = DependencyInputReader.Parse(text[..cut], path, kind);
            truncated.Path.ShouldBe(path);
            truncated.Diagnostics.ShouldAllBe(d => d.Location.Line >= 1);

            var chars = text.ToCharArray();
            chars[cut] = "\"[]{}=,\\\n#'"[random.Next(11)];
            var flipped = DependencyInputReader.Parse(new string(chars), path, kind);
            flipped.Entries.ShouldAllBe(e => e.Name.Length > 0);
        }
    }

    [Fact]
    public void Lockfile_with_a_byte_order_mark_reads_like_one_without()
    {
        var path = RepositoryPaths.Fixture("pipfile", "Pipfile.lock");
        var text = File.ReadAllText(path);
        var plain = DependencyInputReader.Parse(text, path, InputKind.PipfileLock);
        var withBom = DependencyInputReader.Parse("\uFEFF" + text, path, InputKind.PipfileLock);
        withBom.Entries.Select(e => (e.Name, e.Anchor)).ShouldBe(plain.Entries.Select(e => (e.Name, e.Anchor)));
        withBom.Diagnostics.ShouldBeEmpty();
    }
}
