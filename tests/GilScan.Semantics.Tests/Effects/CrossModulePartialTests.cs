using GilScan.Semantics.Tests.Support;

namespace GilScan.Semantics.Tests.Effects;

public class CrossModulePartialTests
{
    [Fact]
    public void A_partial_made_inside_a_function_of_another_module_is_summarised()
    {
        // The partial's argument n lives in a function of jobs.py; the call that runs the partial is in main.py.
        // Found on Debian's dist-packages, where it crashed the effect analysis.
        var project = TestProject.Build(
            ("work.py", "def crunch(n):\n    total = 0\n    for i in range(n):\n        total += i\n    return total\n"),
            ("jobs.py", "import functools\nfrom work import crunch\n\ndef make():\n    n = 1_000\n    return functools.partial(crunch, n)\n\njob = make()\n"),
            ("main.py", "from jobs import job\n\ndef run(limit):\n    return job() if limit else 0\n"));

        var run = project.Functions.Single(f => f.QualifiedName == "main.run");
        var summary = project.Effects.SummaryOf(run);

        summary.Work.HasUnknownTrips.ShouldBeFalse();
        summary.Work.Operations.ShouldBeGreaterThan(1_000);
    }
}
