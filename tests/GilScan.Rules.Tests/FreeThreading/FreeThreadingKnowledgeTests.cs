using GilScan.Rules.FreeThreading;

namespace GilScan.Rules.Tests.FreeThreading;

public sealed class FreeThreadingKnowledgeTests
{
    [Fact]
    public void The_shipped_knowledge_loads_with_its_locks_containers_and_thread_pools()
    {
        var knowledge = FreeThreadingKnowledge.Default;
        knowledge.Locks.ShouldContain("threading.Lock");
        knowledge.Locks.ShouldContain("threading.Semaphore");
        knowledge.ThreadLocals.ShouldContain("threading.local");
        knowledge.ThreadSafe.ShouldContain("queue.Queue");
        knowledge.IsInPlace("builtins.list", "+=").ShouldBeTrue();
        knowledge.IsInPlace("builtins.int", "+=").ShouldBeFalse();
        knowledge.ContainerOf("builtins.dict")!.Changes("setdefault").ShouldBeTrue();
        knowledge.ContainerOf("builtins.dict")!.Changes("get").ShouldBeFalse();
        knowledge.ContainerOf("collections.deque")!.Changes("popleft").ShouldBeTrue();
        knowledge.SnapshotCalls.ShouldContain("builtins.list");
        knowledge.SnapshotMethods.ShouldBe(["copy"]);
        knowledge.ThreadPools.ShouldContain(p => p.Names.Contains("anyio.to_thread.run_sync") && p.Kind == ThreadPoolHandlerKind.Offload);
    }

    [Fact]
    public void An_entry_without_a_source_or_reason_is_refused()
    {
        var json = File.ReadAllText(RepositoryRoot.Combine("rules", "knowledge", "free-threading-safety.json"))
            .Replace("{ \"name\": \"threading.BoundedSemaphore\", \"source\": \"https://docs.python.org/3/library/threading.html#threading.BoundedSemaphore\" }",
                "{ \"name\": \"threading.BoundedSemaphore\" }", StringComparison.Ordinal);
        Should.Throw<InvalidDataException>(() => FreeThreadingKnowledge.Parse(json)).Message
            .ShouldBe("free-threading knowledge: 'threading.BoundedSemaphore' in 'locks' has neither a source nor a reason");
    }

    [Fact]
    public void Every_entry_names_a_source_url_or_a_reason() =>
        Should.NotThrow(() => FreeThreadingKnowledge.Parse(File.ReadAllText(RepositoryRoot.Combine("rules", "knowledge", "free-threading-safety.json"))));
}
