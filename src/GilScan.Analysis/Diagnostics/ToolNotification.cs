namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// Something about the run itself rather than the code: a file that could not be read or parsed,
/// a configuration problem, an internal error. SARIF writes these as
/// <c>invocations[0].toolExecutionNotifications</c>.
/// </summary>
public sealed record ToolNotification
{
    public ToolNotification(RuleLevel level, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Level = level;
        Message = message.ReplaceLineEndings(" ");
    }

    public RuleLevel Level { get; }

    public string Message { get; }

    /// <summary>The project-relative path of the file concerned, when there is one.</summary>
    public string? Path
    {
        get;
        init => field = value is null ? null : new Location(value, SourceSpan.StartOfFile).Path;
    }

    /// <summary>Where in <see cref="Path"/>, when known (the position of a syntax error).</summary>
    public SourceSpan? Span { get; init; }

    /// <summary>The rule the notification is about, when there is one (GIL001 for a parse failure).</summary>
    public RuleDescriptor? Rule { get; init; }
}
