namespace GilScan.Analysis.Tests;

/// <summary>A fact about named pipes and device files, which only Unix folders hold.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "named pipes and device nodes are Unix files";
        }
    }
}
