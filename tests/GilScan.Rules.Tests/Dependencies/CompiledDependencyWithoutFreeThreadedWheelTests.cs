using GilScan.Analysis.Diagnostics;
using static GilScan.Rules.Tests.Dependencies.DependencyFindingsTests;

namespace GilScan.Rules.Tests.Dependencies;

/// <summary>GIL402 on the sample project (fixtures/projects/audit-sample): a pinned dependency with compiled code and no free-threaded wheel.</summary>
public sealed class CompiledDependencyWithoutFreeThreadedWheelTests
{
    [Fact]
    public void A_compiled_dependency_without_free_threaded_wheel_links_every_import_site()
    {
        var pyyaml = Finding("GIL402", "pyyaml");

        ShouldState(
            pyyaml,
            "'pyyaml 6.0.2' ('direct dependency') has compiled code and no wheel that installs on '3.14t' ('no wheel installs on 3.14t: no wheel for CPython 3.14 at all (e.g. pyyaml-6.0.2-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl); the release predates it or skips it'); fix: 'upgrade to pyyaml 6.0.3 or later, which declares Py_MOD_GIL_NOT_USED on 3.14t'.",
            RuleLevel.Warning,
            Confidence.High,
            "pyyaml|GIL402|3.14t",
            (("uv.lock", 155, 8, 14), "'pyyaml 6.0.2' is pinned here"),
            (("sample_app/config.py", 1, 7, 11), "'yaml' is imported here"),
            (("sample_app/legacy.py", 1, 37, 50), "'yaml' is imported here"));
    }
}
