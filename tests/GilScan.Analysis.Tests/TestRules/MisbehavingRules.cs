using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Syntax.Ast;

namespace GilScan.Analysis.Tests.TestRules;

/// <summary>Test-only GIL192: throws on calls to 'boom', reports other calls.</summary>
public sealed class ThrowsOnBoom() : Rule(Descriptor)
{
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        "GIL192", name: "Boom", title: "Boom", message: "Call to '{0}'.", category: RuleCategory.Threads, level: RuleLevel.Warning);

    public override void Initialize(RuleRegistrar on) => on.Call(call =>
    {
        var name = CallNames.Of(call.Node);
        if (name == "boom")
        {
            throw new InvalidOperationException("boom was called");
        }

        call.Report(new Diagnostic(Descriptor, call.LocationOf(call.Node), name));
    });
}

/// <summary>Test-only GIL193: reports a diagnostic of another rule (GIL190), which the engine refuses.</summary>
public sealed class ReportsForeignDescriptor() : Rule(Descriptor)
{
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        "GIL193", name: "Foreign", title: "Foreign", message: "Foreign.", category: RuleCategory.Threads, level: RuleLevel.Warning);

    public override void Initialize(RuleRegistrar on) => on.Call(call =>
        call.Report(new Diagnostic(ReportsEveryCall.Descriptor, call.LocationOf(call.Node), "x")));
}

/// <summary>Test-only GIL194: a file action that reports in another file, which the engine refuses (file results are cached per file).</summary>
public sealed class ReportsInOtherFile() : Rule(Descriptor)
{
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        "GIL194", name: "Elsewhere", title: "Elsewhere", message: "Elsewhere.", category: RuleCategory.Threads, level: RuleLevel.Warning);

    public override void Initialize(RuleRegistrar on) => on.FileEnd(file =>
        file.Report(new Diagnostic(Descriptor, Location.StartOf("somewhere/else.py"))));
}
