using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Syntax.Ast;

namespace GilScan.Cli.Tests.Support;

/// <summary>Test-only GIL190 (warning): every call, fingerprinted by the name called.</summary>
public sealed class EveryCall(Counter? counter = null) : Rule(Descriptor)
{
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        "GIL190", name: "AnyCall", title: "Any call", message: "Call to '{0}'.", category: RuleCategory.Threads, level: RuleLevel.Warning);

    public override void Initialize(RuleRegistrar on)
    {
        on.FileStart(_ => counter?.Increment());
        on.Call(call =>
        {
            var name = NameOf(call.Node);
            call.Report(new Diagnostic(Descriptor, call.LocationOf(call.Node), name) { FingerprintKey = name });
        });
    }

    public static string NameOf(Call call) => call.Func switch
    {
        Name name => name.Id,
        GilScan.Syntax.Ast.Attribute attribute => attribute.Attr,
        _ => "?",
    };
}

/// <summary>Test-only GIL191 (note): calls to print.</summary>
public sealed class PrintCall() : Rule(Descriptor)
{
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        "GIL191", name: "PrintCall", title: "Print call", message: "A 'print' call.", category: RuleCategory.Threads, level: RuleLevel.Note);

    public override void Initialize(RuleRegistrar on) => on.Call(call =>
    {
        if (EveryCall.NameOf(call.Node) == "print")
        {
            call.Report(new Diagnostic(Descriptor, call.LocationOf(call.Node)));
        }
    });
}

/// <summary>
/// Test-only GIL290 (warning), a project rule with everything SARIF can show: a call to
/// <c>Thread(target=f)</c> where f is defined in any file of the project is reported with the
/// definition as a related location, a two-step code flow, properties and a fix.
/// </summary>
public sealed class ThreadTarget() : Rule(Descriptor)
{
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        "GIL290", name: "ThreadTargetCall", title: "Thread target", message: "'{0}' runs on a thread.",
        category: RuleCategory.Asyncio, level: RuleLevel.Warning);

    public override void Initialize(RuleRegistrar on) => on.ProjectStart(start =>
    {
        var definitions = start.Project.Files
            .SelectMany(file => file.Tree.Root.Body.OfType<FunctionDef>().Select(def => (def.Name, Location: SyntaxLocations.Of(file.Path, def))))
            .GroupBy(d => d.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Location, StringComparer.Ordinal);
        start.Call(call =>
        {
            if (EveryCall.NameOf(call.Node) != "Thread")
            {
                return;
            }

            var target = call.Node.Keywords.FirstOrDefault(k => k.Arg == "target")?.Value as Name;
            if (target is null || !definitions.TryGetValue(target.Id, out var definition))
            {
                return;
            }

            var here = call.LocationOf(call.Node);
            call.Report(new Diagnostic(Descriptor, here, target.Id)
            {
                Confidence = Confidence.Medium,
                FingerprintKey = target.Id,
                RelatedLocations = [new RelatedLocation(definition, $"'{target.Id}' [defined here]")],
                CodeFlow = [new CodeFlowStep(here, "the thread starts", 0), new CodeFlowStep(definition, $"'{target.Id}' runs", 1)],
                Properties = System.Collections.Immutable.ImmutableSortedDictionary<string, PropertyValue>.Empty
                    .Add("chain", PropertyValue.List("Thread", target.Id))
                    .Add("iterations", 1_000_000L),
                Fix = new Fix("Run it in a process pool", [new TextReplacement(call.LocationOf(call.Node.Func), "ProcessPoolExecutor().submit")]),
            });
        });
    });
}

/// <summary>Test-only GIL192: throws on every file, to test how a crashing rule ends a run.</summary>
public sealed class Crashes() : Rule(Descriptor)
{
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        "GIL192", name: "Crashes", title: "Crashes", message: "Never reported.", category: RuleCategory.Threads, level: RuleLevel.Warning);

    public override void Initialize(RuleRegistrar on) => on.FileStart(_ => throw new InvalidOperationException("rule bug"));
}

/// <summary>Counts calls from several threads.</summary>
public sealed class Counter
{
    private int _value;

    public int Value => Volatile.Read(ref _value);

    public void Increment() => Interlocked.Increment(ref _value);

    public void Reset() => Interlocked.Exchange(ref _value, 0);
}
