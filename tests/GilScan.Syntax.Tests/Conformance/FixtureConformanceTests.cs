using GilScan.Syntax.Tests.Support;

namespace GilScan.Syntax.Tests.Conformance;

/// <summary>Every fixture under fixtures/syntax gives CPython 3.13's exact canonical dump.</summary>
public class FixtureConformanceTests
{
    public static TheoryData<string> ValidFixtures() =>
        new(Directory.GetFiles(PythonReference.Fixtures("syntax"), "*.py").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    public static TheoryData<string> InvalidFixtures() =>
        new(Directory.GetFiles(PythonReference.Fixtures("syntax", "invalid"), "*.py").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [SkippableTheory]
    [MemberData(nameof(ValidFixtures))]
    public void Valid_fixture_dump_is_identical_to_cpython(string name)
    {
        Skip.If(PythonReference.Python313 is null, PythonReference.MissingReason);
        var comparison = CpythonComparison.Compare([PythonReference.Fixtures("syntax", name)], pythonJobs: 1).Single();
        comparison.Reference.ShouldStartWith("{\"ast\":");
        comparison.Identical.ShouldBeTrue(comparison.Difference());
        var tree = SyntaxTree.ParseFile(comparison.Path).Tree!;
        AstInvariants.Violations(tree.Root).ShouldBeEmpty();
    }

    [SkippableTheory]
    [MemberData(nameof(InvalidFixtures))]
    public void Invalid_fixture_is_rejected_on_cpythons_line(string name)
    {
        Skip.If(PythonReference.Python313 is null, PythonReference.MissingReason);
        var comparison = CpythonComparison.Compare([PythonReference.Fixtures("syntax", "invalid", name)], pythonJobs: 1).Single();
        comparison.Reference.ShouldStartWith("{\"error\":");
        comparison.Ours.ShouldStartWith("{\"error\":", Case.Sensitive, comparison.Difference());
        LineOf(comparison.Ours).ShouldBe(LineOf(comparison.Reference), comparison.Difference());
    }

    private static string LineOf(string errorLine)
    {
        var at = errorLine.IndexOf("\"line\":", StringComparison.Ordinal) + 7;
        return errorLine[at..errorLine.IndexOf(',', at)];
    }
}
