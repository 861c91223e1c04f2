using GilScan.Confirmation.Harness;

namespace GilScan.Confirmation.Tests;

/// <summary>Exception messages become one line in a reason, keeping where the cause usually is.</summary>
public sealed class HarnessOutputTests
{
    [Theory]
    [InlineData("ValueError: bad input 7", "ValueError: bad input 7")]
    [InlineData("KeyError: 'x'\n", "KeyError: 'x'")]
    [InlineData("ImportError: \n\nIMPORTANT: PLEASE READ THIS\n\nadvice\nmore advice\n\nOriginal error was: No module named 'numpy.core._multiarray_umath'\n",
        "ImportError: IMPORTANT: PLEASE READ THIS ... Original error was: No module named 'numpy.core._multiarray_umath'")]
    [InlineData("OSError: first\nsecond\nthird", "OSError: first ... third")]
    [InlineData("RuntimeError:\nonly\nthis", "RuntimeError: only this")]
    public void Long_messages_keep_their_first_and_last_lines(string message, string line) =>
        HarnessOutput.OneLine(message).ShouldBe(line);
}
