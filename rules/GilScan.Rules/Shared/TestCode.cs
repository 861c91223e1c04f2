using GilScan.Semantics.Declarations;

namespace GilScan.Rules.Shared;

/// <summary>
/// Which project code is tests, by the conventions pytest and unittest collect by: test files
/// (<c>test_*.py</c>, <c>*_test.py</c>, <c>conftest.py</c>, anything under a <c>tests</c>/<c>test</c>
/// folder) and test functions (<c>test*</c>).
/// </summary>
public static class TestCode
{
    /// <summary>Code of a test file, or a <c>test*</c> function of a <c>Test*</c> class anywhere.</summary>
    public static bool IsTestCode(ProjectFunction function)
    {
        var path = function.Module.Entry.RelativePath;
        var file = Path.GetFileName(path);
        if (file.StartsWith("test_", StringComparison.Ordinal) || file.EndsWith("_test.py", StringComparison.Ordinal) || file == "conftest.py")
        {
            return true;
        }

        var segments = path.Split('/');
        if (segments[..^1].Any(s => s is "tests" or "test" or "testing" or "_tests" or "unit_tests"))
        {
            return true;
        }

        return IsTestName(function) && (function.Class is null || function.Class.DisplayName.StartsWith("Test", StringComparison.Ordinal));
    }

    /// <summary>
    /// One test a runner calls: a <c>test*</c> function or method in test code. pytest and unittest call
    /// the tests of a process one after another (pytest-xdist spreads them over processes, not
    /// threads), so threads that two different tests start do not run at the same time.
    /// </summary>
    public static bool IsTestCase(ProjectFunction function) => IsTestName(function) && IsTestCode(function);

    private static bool IsTestName(ProjectFunction function)
    {
        var name = function.DisplayName;
        return name[(name.LastIndexOf('.') + 1)..].StartsWith("test", StringComparison.Ordinal);
    }
}
