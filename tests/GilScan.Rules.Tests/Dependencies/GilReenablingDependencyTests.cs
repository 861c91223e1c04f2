using GilScan.Analysis.Diagnostics;
using static GilScan.Rules.Tests.Dependencies.DependencyFindingsTests;

namespace GilScan.Rules.Tests.Dependencies;

/// <summary>GIL401 on the sample project (fixtures/projects/audit-sample): a pinned dependency whose modules re-enable the GIL.</summary>
public sealed class GilReenablingDependencyTests
{
    [Fact]
    public void A_dependency_that_reenables_the_gil_names_why_the_fix_the_manifest_line_and_the_import()
    {
        var pandas = Finding("GIL401", "pandas");

        ShouldState(
            pandas,
            "Importing 'pandas 2.3.3' ('direct dependency') re-enables the GIL on '3.14t' ('a free-threaded wheel exists, but the knowledge base says its modules re-enable the GIL'); fix: 'upgrade to pandas 3.0.0 or later, which declares Py_MOD_GIL_NOT_USED on 3.14t'.",
            RuleLevel.Warning,
            Confidence.Medium,
            "pandas|GIL401|3.14t",
            (("uv.lock", 114, 8, 14), "'pandas 2.3.3' is pinned here"),
            (("sample_app/reports.py", 6, 0, 28), "'pandas' is imported here"));
        pandas.Properties.Keys.ShouldBe(["action", "direct", "distribution", "evidence", "evidence-links", "fix", "fix-version", "import-sites", "platform", "target", "verdict", "version"]);
        pandas.Properties["action"].ShouldBe((PropertyValue)"upgrade to 3.0.0 or later");
        pandas.Properties["evidence-links"].ShouldBe(PropertyValue.List(
            "https://pypi.org/project/pandas/2.3.3/#files", "https://github.com/pandas-dev/pandas/issues/61844", "https://github.com/pandas-dev/pandas/issues/60445"));
        pandas.Properties["direct"].ShouldBe((PropertyValue)true);
        pandas.Properties["platform"].ShouldBe((PropertyValue)"linux-x86_64");
        pandas.Properties["verdict"].ShouldBe((PropertyValue)"reenables-gil");
        pandas.Properties["target"].ShouldBe((PropertyValue)"3.14t");
        pandas.Properties["version"].ShouldBe((PropertyValue)"2.3.3");
        pandas.Properties["fix-version"].ShouldBe((PropertyValue)"3.0.0");
        pandas.Properties["import-sites"].ShouldBe((PropertyValue)1);
        pandas.Properties["evidence"].ShouldBe(PropertyValue.List(
            "wheel-tags: 1 cp314t wheel(s) for Linux x86_64, e.g. pandas-2.3.3-cp314-cp314t-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (uv.lock)",
            "knowledge-base: pandas >=2.2.3,<3.0.0 on 3.14t: modules do not declare; importing them re-enables the GIL (one undeclared module (pandas._libs.pandas_parser) re-enables the GIL when pandas is imported) (https://github.com/pandas-dev/pandas/issues/61844)"));
    }
}
