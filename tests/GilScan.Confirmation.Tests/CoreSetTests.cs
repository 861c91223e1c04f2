using GilScan.Confirmation.Targets;

namespace GilScan.Confirmation.Tests;

/// <summary><c>--cores</c> takes the taskset/cpuset list syntax and prints it back compactly.</summary>
public sealed class CoreSetTests
{
    [Theory]
    [InlineData("0-3", "0-3", 4)]
    [InlineData("0-3,6", "0-3,6", 5)]
    [InlineData("6, 1,0, 2", "0-2,6", 4)]
    [InlineData("1,1,1", "1", 1)]
    [InlineData("0-1,1-2,5-5", "0-2,5", 4)]
    public void Core_lists_parse_and_print_compactly(string text, string printed, int count)
    {
        CoreSet.TryParse(text, out var cores, out var error).ShouldBeTrue(error);
        cores!.ToString().ShouldBe(printed);
        cores.Count.ShouldBe(count);
    }

    [Theory]
    [InlineData("", "'' is not a core list such as '0-3,6'.")]
    [InlineData("a-b", "'a-b' is not a core list such as '0-3,6'.")]
    [InlineData("-1", "'-1' is not a core list such as '0-3,6'.")]
    [InlineData("1-2-3", "'1-2-3' is not a core list such as '0-3,6'.")]
    [InlineData("3-1", "'3-1' is an empty core range.")]
    public void Malformed_core_lists_are_rejected_with_a_message(string text, string message)
    {
        CoreSet.TryParse(text, out var cores, out var error).ShouldBeFalse();
        cores.ShouldBeNull();
        error.ShouldBe(message);
    }

    [Fact]
    public void The_allowed_cores_are_this_process_affinity() =>
        CoreSet.Allowed().Count.ShouldBe(Environment.ProcessorCount);
}
