using System.Text.Json;
using GilScan.Semantics.Processes;

namespace GilScan.Semantics.Tests.Processes;

public class ProcessKnowledgeTests
{
    private static string DataPath =>
        Path.Combine(GilScan.Syntax.Tests.Support.PythonReference.RepositoryRoot, "rules", "knowledge", "process-knowledge.json");

    [Fact]
    public void The_embedded_knowledge_is_the_data_file()
    {
        var file = ProcessKnowledge.Parse(File.ReadAllText(DataPath));

        ProcessKnowledge.Default.Boundaries.Select(b => b.Name).ShouldBe(file.Boundaries.Select(b => b.Name));
        ProcessKnowledge.Default.SizeProducers.Select(s => s.Name).ShouldBe(file.SizeProducers.Select(s => s.Name));
        ProcessKnowledge.Default.UnpicklableTypes.Select(u => u.TypeName).ShouldBe(file.UnpicklableTypes.Select(u => u.TypeName));
    }

    [Fact]
    public void Every_entry_names_a_source_url()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DataPath));
        var missing = new List<string>();
        foreach (var section in new[] { "boundaries", "aliases", "startMethods", "unpicklable", "sizes" })
        {
            foreach (var entry in document.RootElement.GetProperty(section).EnumerateArray())
            {
                if (!(entry.TryGetProperty("source", out var source) && source.GetString()!.StartsWith("https://", StringComparison.Ordinal)))
                    missing.Add(section + ": " + (entry.TryGetProperty("name", out var n) ? n : entry.GetProperty("type")).GetString());
            }
        }

        missing.ShouldBeEmpty();
    }

    [Fact]
    public void An_entry_without_a_source_or_reason_is_refused()
    {
        var error = Should.Throw<InvalidDataException>(() => ProcessKnowledge.Parse("""
            {"boundaries": [{"name": "x.y", "kind": "task"}], "dtypes": {"source": "s", "itemSizes": {}}}
            """));

        error.Message.ShouldBe("process knowledge: boundary 'x.y' has neither a source nor a reason");
    }

    [Theory]
    [InlineData("concurrent.futures.process.ProcessPoolExecutor.submit", "concurrent.futures.ProcessPoolExecutor.submit", BoundaryKind.Task)]
    [InlineData("multiprocessing.context.BaseContext.Pool", "multiprocessing.pool.Pool", BoundaryKind.Pool)]
    [InlineData("multiprocessing.queues.SimpleQueue.put", "multiprocessing.SimpleQueue.put", BoundaryKind.Message)]
    [InlineData("multiprocessing.pool.Pool.imap_unordered", "multiprocessing.pool.Pool.imap_unordered", BoundaryKind.Map)]
    [InlineData("multiprocessing.context.Process", "multiprocessing.Process", BoundaryKind.Process)]
    public void Aliases_lead_to_one_boundary(string name, string canonical, BoundaryKind kind)
    {
        var boundary = ProcessKnowledge.Default.Boundary(name).ShouldNotBeNull();

        boundary.Name.ShouldBe(canonical);
        boundary.Kind.ShouldBe(kind);
    }

    [Fact]
    public void Thread_pools_are_not_boundaries()
    {
        ProcessKnowledge.Default.Boundary("concurrent.futures.ThreadPoolExecutor.submit").ShouldBeNull();
        ProcessKnowledge.Default.Boundary("multiprocessing.pool.ThreadPool.map").ShouldBeNull();
        ProcessKnowledge.Default.Boundary("queue.Queue.put").ShouldBeNull();
    }
}
