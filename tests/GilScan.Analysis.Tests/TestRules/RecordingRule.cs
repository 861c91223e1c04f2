using System.Collections.Concurrent;
using GilScan.Analysis.Diagnostics;
using GilScan.Analysis.Rules;
using GilScan.Syntax.Ast;

namespace GilScan.Analysis.Tests.TestRules;

/// <summary>What a <see cref="RecordingRule"/> saw, in the order it saw it, per file; thread-safe.</summary>
public sealed class Recording
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _events = new(StringComparer.Ordinal);

    public void Add(string path, string what) => _events.GetOrAdd(path, _ => new ConcurrentQueue<string>()).Enqueue(what);

    public IReadOnlyList<string> For(string path) => _events.TryGetValue(path, out var queue) ? [.. queue] : [];

    public IReadOnlyCollection<string> Paths => [.. _events.Keys.Order(StringComparer.Ordinal)];
}

/// <summary>
/// Test-only GIL191: reports nothing; records its file starts, the kinds of nodes it is called for
/// (Name and every Expr, through two registrations) and its file ends, to test dispatch.
/// </summary>
public sealed class RecordingRule(Recording recording) : Rule(Descriptor)
{
    public static readonly RuleDescriptor Descriptor = RuleDescriptor.Create(
        "GIL191", name: "Recording", title: "Recording",
        message: "Recorded.", category: RuleCategory.Threads, level: RuleLevel.Note);

    public override void Initialize(RuleRegistrar on)
    {
        on.FileStart(file => recording.Add(file.Path, "start"));
        on.Node(NodeKind.Name, node => recording.Add(node.Path, $"name {((Name)node.Node).Id}"));
        on.Node<Expr>(node => recording.Add(node.Path, $"expr {node.Node.NodeKind}"));
        on.FileEnd(file => recording.Add(file.Path, "end"));
    }
}
