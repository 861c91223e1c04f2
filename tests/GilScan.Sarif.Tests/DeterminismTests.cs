namespace GilScan.Sarif.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public void Same_input_gives_identical_bytes_twice()
    {
        SarifLogBuilder.Build(SampleProject.Input()).ToUtf8Bytes()
            .ShouldBe(SarifLogBuilder.Build(SampleProject.Input()).ToUtf8Bytes());
    }

    [Fact]
    public void Input_order_does_not_change_the_bytes()
    {
        var input = SampleProject.Input();
        var reversed = input with
        {
            Rules = [.. input.Rules.Reverse()],
            Diagnostics = [.. input.Diagnostics.Reverse()],
            Notifications = [.. input.Notifications.Reverse()],
        };
        var shuffled = input with { Diagnostics = [.. input.Diagnostics.OrderBy(d => d.Message.Length)] };

        var expected = SarifLogBuilder.Build(input).ToUtf8Bytes();
        SarifLogBuilder.Build(reversed).ToUtf8Bytes().ShouldBe(expected);
        SarifLogBuilder.Build(shuffled).ToUtf8Bytes().ShouldBe(expected);
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var expected = SarifLogBuilder.Build(SampleProject.Input()).ToUtf8Bytes();
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            SarifLogBuilder.Build(SampleProject.Input()).ToUtf8Bytes().ShouldBe(expected);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
