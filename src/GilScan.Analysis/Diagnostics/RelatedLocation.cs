namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// A secondary place that explains a finding (the hot loop behind a thread start), with a short
/// message that reads as a link text ("hot loop in 'work'").
/// </summary>
public sealed record RelatedLocation
{
    public RelatedLocation(Location location, string message)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Location = location;
        Message = message.ReplaceLineEndings(" ");
    }

    public Location Location { get; }

    public string Message { get; }
}
