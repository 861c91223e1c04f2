namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// One step of the path from where work starts to where it costs (thread start, call, call, loop).
/// <see cref="NestingLevel"/> is the call depth of the step, 0 at the start, as SARIF's
/// <c>threadFlowLocation.nestingLevel</c>.
/// </summary>
public sealed record CodeFlowStep
{
    public CodeFlowStep(Location location, string message, int nestingLevel)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        ArgumentOutOfRangeException.ThrowIfNegative(nestingLevel);
        Location = location;
        Message = message.ReplaceLineEndings(" ");
        NestingLevel = nestingLevel;
    }

    public Location Location { get; }

    public string Message { get; }

    public int NestingLevel { get; }
}
