using System.Collections.Immutable;
using GilScan.Analysis.Confirmation;

namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// One finding, as every output format sees it: the rule, the formatted message, where it is, why
/// (related locations and the code flow from where work starts to where it costs), how sure we are,
/// extra facts, and whether it is suppressed or has a fix.
/// </summary>
/// <remarks>
/// A record so that later stages can derive a changed copy with <c>with</c> (the driver adds
/// <see cref="Suppression"/>, configuration changes <see cref="Level"/>). Its list-valued
/// properties compare by reference, so do not rely on value equality of diagnostics.
/// </remarks>
public sealed record Diagnostic
{
    /// <summary>Formats the rule's message with <paramref name="messageArguments"/> (see <see cref="RuleDescriptor.FormatMessage"/>).</summary>
    public Diagnostic(RuleDescriptor descriptor, Location location, params object?[] messageArguments)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(location);
        Descriptor = descriptor;
        Location = location;
        Message = descriptor.FormatMessage(messageArguments);
        Level = descriptor.DefaultLevel;
    }

    private Diagnostic(RuleDescriptor descriptor, Location location, string message)
    {
        Descriptor = descriptor;
        Location = location;
        Message = message;
        Level = descriptor.DefaultLevel;
    }

    public RuleDescriptor Descriptor { get; }

    public string RuleId => Descriptor.Id;

    /// <summary>The formatted message: one sentence, dynamic parts in single quotes.</summary>
    public string Message { get; }

    /// <summary>The primary location: the code a user changes to fix the finding.</summary>
    public Location Location { get; }

    /// <summary>The effective level; starts at the rule's default, configuration may change it.</summary>
    public RuleLevel Level { get; init; }

    public Confidence Confidence { get; init; } = Confidence.High;

    public ImmutableArray<RelatedLocation> RelatedLocations
    {
        get;
        init => field = CheckElements(value, nameof(RelatedLocations));
    } = [];

    /// <summary>Ordered steps from where the work starts to where it costs; empty when there is no path to show.</summary>
    public ImmutableArray<CodeFlowStep> CodeFlow
    {
        get;
        init => field = CheckElements(value, nameof(CodeFlow));
    } = [];

    /// <summary>Extra facts (call chain, estimated work, size evidence), keys in ordinal order.</summary>
    public ImmutableSortedDictionary<string, PropertyValue> Properties
    {
        get;
        init => field = (value ?? throw new ArgumentNullException(nameof(Properties))).WithComparers(StringComparer.Ordinal);
    } = ImmutableSortedDictionary<string, PropertyValue>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Set when a comment or the configuration suppresses the finding.</summary>
    public Suppression? Suppression { get; init; }

    public Fix? Fix { get; init; }

    /// <summary>
    /// What identifies this finding independently of line numbers, for baselines (for example the
    /// qualified name of the callable run on a thread). When null, outputs use the normalised source
    /// text of the primary location.
    /// </summary>
    public string? FingerprintKey { get; init; }

    /// <summary>What <c>--confirm</c> can measure for this finding, as the rule knows it; null when there is nothing to measure.</summary>
    public ConfirmationRequest? Confirmation { get; init; }

    public bool IsSuppressed => Suppression is not null;

    /// <summary>
    /// A diagnostic whose message was formatted in an earlier run (the results cache stores the
    /// formatted text, not the arguments).
    /// </summary>
    /// <summary>
    /// The same diagnostic as a larger run reports it, when its project is a folder of that run: every
    /// path (location, related locations, code flow, fix) with <paramref name="folderPrefix"/>
    /// (<c>services/api/</c>) in front.
    /// </summary>
    public Diagnostic WithPathPrefix(string folderPrefix)
    {
        ArgumentNullException.ThrowIfNull(folderPrefix);
        if (folderPrefix.Length == 0)
        {
            return this;
        }

        Location Move(Location location) => new(folderPrefix + location.Path, location.Span);
        return new Diagnostic(Descriptor, Move(Location), Message)
        {
            Level = Level,
            Confidence = Confidence,
            RelatedLocations = [.. RelatedLocations.Select(related => new RelatedLocation(Move(related.Location), related.Message))],
            CodeFlow = [.. CodeFlow.Select(step => new CodeFlowStep(Move(step.Location), step.Message, step.NestingLevel))],
            Properties = Properties,
            Suppression = Suppression,
            Fix = Fix is null ? null : new Fix(Fix.Description, [.. Fix.Replacements.Select(edit => new TextReplacement(Move(edit.Range), edit.InsertedText))]),
            FingerprintKey = FingerprintKey,
            Confirmation = Confirmation,
        };
    }

    internal static Diagnostic Restore(RuleDescriptor descriptor, Location location, string message)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new Diagnostic(descriptor, location, message);
    }

    private static ImmutableArray<T> CheckElements<T>(ImmutableArray<T> value, string name)
        where T : class =>
        value.IsDefault || value.Any(item => item is null)
            ? throw new ArgumentException($"{name} must be initialised and hold no nulls.", name)
            : value;
}
