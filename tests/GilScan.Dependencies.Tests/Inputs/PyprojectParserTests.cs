using GilScan.Dependencies.Inputs;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Tests.Support;

namespace GilScan.Dependencies.Tests.Inputs;

public sealed class PyprojectParserTests
{
    [Fact]
    public void Pep621_dependencies_extras_and_groups_are_read_with_their_groups()
    {
        var parsed = DependencyInputReader.Read(RepositoryPaths.Fixture("pyproject-pep621", "pyproject.toml"));
        parsed.Kind.ShouldBe(InputKind.PyprojectToml);
        parsed.Entries.Select(e => (e.Name, e.Groups.Single())).ShouldBe([
            ("numpy", "main"), ("pandas", "main"), ("orjson", "main"), ("requests", "main"), ("polars", "main"),
            ("lxml", "extra:xml"), ("uvloop", "extra:speed"), ("pytest", "group:dev"), ("ruff", "group:lint"), ("black", "group:lint"),
        ]);
        parsed.RequiresPython!.ToString().ShouldBe(">=3.12");
    }

    [Fact]
    public void Requirement_strings_are_anchored_inside_their_quotes()
    {
        var parsed = DependencyInputReader.Read(RepositoryPaths.Fixture("pyproject-pep621", "pyproject.toml"));
        var pandas = parsed.Entries.Single(e => e.Name == "pandas");
        pandas.Version!.ToString().ShouldBe("2.3.3");
        pandas.Anchor.ShouldBe(new SourceAnchor(parsed.Path, 11, 6, 19)); // "pandas==2.3.3"
        parsed.Entries.Single(e => e.Name == "requests").Requirement!.Marker.ShouldBe("python_version >= '3.9'");
    }

    [Fact]
    public void An_invalid_requirement_is_one_diagnostic_and_the_others_are_kept()
    {
        var parsed = DependencyInputReader.Read(RepositoryPaths.Fixture("pyproject-pep621", "pyproject.toml"));
        var diagnostic = parsed.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Message.ShouldBe("invalid requirement in optional-dependencies.speed: 'valid (((' is not a PEP 440 version specifier (in the requirement 'not')");
        diagnostic.Location.Line.ShouldBe(19);
    }

    [Fact]
    public void Poetry_tables_give_dependencies_and_translate_caret_and_tilde()
    {
        var parsed = DependencyInputReader.Read(RepositoryPaths.Fixture("pyproject-poetry", "pyproject.toml"));
        parsed.Entries.Select(e => (e.Name, e.Requirement!.Specifier.ToString(), e.Groups.Single())).ShouldBe([
            ("numpy", ">=1.26,<2.0", "main"),
            ("psycopg2-binary", "==2.9.9", "main"),
            ("pydantic", ">=2.5,<3", "main"),
            ("grpcio", ">=1.66,<1.67.0", "main"),
            ("fasthash", "", "main"),
            ("scipy", ">=1.15,<1.16.0", "main"),
            ("pytest", ">=8.0,<9.0", "group:dev"),
            ("coverage", "", "group:dev"),
        ]);
        parsed.Entries.Single(e => e.Name == "psycopg2-binary").Version!.ToString().ShouldBe("2.9.9");
        parsed.Entries.Single(e => e.Name == "fasthash").SourceKind.ShouldBe(PinSourceKind.Git);
        parsed.RequiresPython!.ToString().ShouldBe(">=3.11,<4.0");
        parsed.Diagnostics.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("^1.2.3", ">=1.2.3,<2.0.0")]
    [InlineData("^0.2.3", ">=0.2.3,<0.3.0")]
    [InlineData("^0.0.3", ">=0.0.3,<0.0.4")]
    [InlineData("~1.2.3", ">=1.2.3,<1.3.0")]
    [InlineData("~1", ">=1,<2")]
    [InlineData("1.2.*", "==1.2.*")]
    [InlineData(">=1.2 <2", ">=1.2,<2")]
    [InlineData("*", "")]
    public void Poetry_constraints_translate_to_pep_440(string poetry, string pep440)
    {
        PoetryConstraint.TryConvert(poetry, out var set).ShouldBeTrue();
        set.ToString().ShouldBe(pep440);
    }

    [Fact]
    public void Poetry_unions_are_refused() => PoetryConstraint.TryConvert("^1.0 || ^2.0", out _).ShouldBeFalse();
}
