using GilScan.Analysis.Rules;

namespace GilScan.Analysis.Tests.Engine;

/// <summary>A model registration may carry the model's own inputs: whether a project root holds them, and their key.</summary>
public sealed class ProjectModelInputsTests
{
    private sealed class LockfileModel;

    [Fact]
    public void A_registration_carries_its_inputs_and_a_new_registration_of_the_type_replaces_them()
    {
        var inputs = new ProjectModelInputs(root => root == "with-lockfile", root => "lock of " + root);

        var registry = ProjectModelRegistry.Empty.With(_ => new LockfileModel(), inputs);

        registry.InputsOf(typeof(LockfileModel)).ShouldBeSameAs(inputs);
        registry.InputsOf(typeof(LockfileModel))!.ExistUnder("with-lockfile").ShouldBeTrue();
        registry.InputsOf(typeof(LockfileModel))!.KeyOf("p").ShouldBe("lock of p");
        registry.InputsOf(typeof(string)).ShouldBeNull();
        registry.With(_ => new LockfileModel()).InputsOf(typeof(LockfileModel)).ShouldBeNull();
    }
}
