using System.Collections.Immutable;
using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Targets;

namespace GilScan.Confirmation.Configuration;

/// <summary>
/// What <c>[tool.gilscan.confirm."module:function"]</c> says about one target; a null member leaves the
/// constant-folded value in place.
/// </summary>
public sealed record ConfirmationOverride(
    string Key,
    ImmutableArray<PythonValue>? Arguments,
    ImmutableSortedDictionary<string, PythonValue>? KeywordArguments,
    ArgumentScale? Scale);
