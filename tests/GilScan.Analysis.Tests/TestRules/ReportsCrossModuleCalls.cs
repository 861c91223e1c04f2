using System.Collections.Frozen;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Syntax.Ast;

namespace GilScan.Analysis.Tests.TestRules;

/// <summary>
/// Test-only GIL290, a project rule: reports a call by plain name to a function that another file of
/// the project defines at its top level (and the calling file does not). Its findings depend on other
/// files, so they must change when only the other file changes.
/// </summary>
public sealed class ReportsCrossModuleCalls : Rule
{
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        "GIL290", name: "CrossModuleCall", title: "Call into another module",
        message: "'{0}' is defined in '{1}'.", category: RuleCategory.Asyncio, level: RuleLevel.Note);

    public ReportsCrossModuleCalls()
        : base(Descriptor)
    {
    }

    public override void Initialize(RuleRegistrar on) => on.ProjectStart(start =>
    {
        var definedIn = start.Project.Files
            .SelectMany(file => file.Tree.Root.Body.OfType<FunctionDef>().Select(def => (def.Name, file.Path)))
            .GroupBy(pair => pair.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(group => group.Key, group => group.Select(pair => pair.Path).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        start.Call(call =>
        {
            if (call.Node.Func is Name name && definedIn.TryGetValue(name.Id, out var paths) && !paths.Contains(call.Path))
            {
                call.Report(new Diagnostic(Descriptor, call.LocationOf(call.Node), name.Id, paths[0]));
            }
        });
    });
}
