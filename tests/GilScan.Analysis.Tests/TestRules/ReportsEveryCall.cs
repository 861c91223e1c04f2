using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Syntax.Ast;

namespace GilScan.Analysis.Tests.TestRules;

/// <summary>Test-only GIL190: reports every call, through a typed node registration.</summary>
public sealed class ReportsEveryCall : Rule
{
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        "GIL190", name: "AnyCall", title: "Any call",
        message: "Call to '{0}'.", category: RuleCategory.Threads, level: RuleLevel.Warning);

    public ReportsEveryCall()
        : base(Descriptor)
    {
    }

    public override void Initialize(RuleRegistrar on) => on.Call(call =>
        call.Report(new Diagnostic(Descriptor, call.LocationOf(call.Node), CallNames.Of(call.Node))));
}
