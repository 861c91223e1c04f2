using GilScan.Semantics.Effects;
using GilScan.Syntax.Ast;

namespace GilScan.Rules.Shared;

/// <summary>Work in words for messages and code-flow steps. No single quotes inside: messages quote
/// these texts as a whole.</summary>
public static class WorkDescriptions
{
    /// <summary>"loop of ~10,000,000 iterations (range(10000000)), ~80,000,000 operations".</summary>
    // A catalogued library call (a Rust or C routine that keeps the GIL, or a pure-Python package) is
    // library work with the GIL held, not pure Python of the project's own.
    public static string Of(HotSpot hot, WorkEstimate total) =>
        hot.Loop is null && hot.Library is not null
            ? $"{Place(hot)}, {Qualifier(total)}{WorkCost.Approximately(total.Operations)} operations of library work with the GIL held"
            : $"{Place(hot)}, {Operations(total)}";

    private static string Qualifier(WorkEstimate work) => work.HasUnknownTrips ? "at least " : work.MayLeaveEarly ? "up to " : "";

    /// <summary>What the hot spot is: a loop with its trip count, nested loops, or a library call.</summary>
    public static string Place(HotSpot hot)
    {
        if (hot.Loop is { } loop)
        {
            var inner = hot.Inner?.Loop;
            if (inner is { Trips.Kind: TripKind.Known } && loop.Trips.Kind == TripKind.Known && hot.Inner!.Chain.Length == hot.Chain.Length)
            {
                return $"nested loops of {WorkCost.Approximately(loop.Trips.Count)} x {WorkCost.Approximately(inner.Trips.Count)} iterations";
            }

            return loop.Trips.Kind switch
            {
                TripKind.Known => $"loop of {WorkCost.Approximately(loop.Trips.Count)} iterations ({Clip(loop.Trips.Reason)})",
                TripKind.Bounded => $"loop of up to {WorkCost.Approximately(loop.Trips.Count)} iterations ({Clip(loop.Trips.Reason)})",
                TripKind.Unbounded => "unbounded while True loop",
                TripKind.DataDependent => $"loop over {Clip(loop.Trips.Source ?? loop.Trips.Reason)}",
                _ => $"loop of unknown length ({Clip(loop.Trips.Reason)})",
            };
        }

        return hot.Node switch
        {
            Call call when hot.Library is { } library => $"{library} at line {call.Lineno}",
            Call call => $"call at line {call.Lineno}",
            LocatedNode located => $"work at line {located.Lineno}",
            _ => "work",
        };
    }

    public static string Operations(WorkEstimate work) =>
        Qualifier(work) + $"{WorkCost.Approximately(work.Operations)} pure-Python operations";

    public static string OfUnknownRange(HotSpot loop) => loop.Node switch
    {
        For { Iter: Call { Func: Name { Id: "range" } } c } when !Render(c).Contains("...", StringComparison.Ordinal) =>
            $"loop over {Clip(Render(c))} of unknown length, {WorkCost.Approximately(loop.Loop!.PerIteration.RepeatedOperations)} operations per iteration",
        While when loop.Loop!.IsCounting =>
            $"counting while loop of unknown length ({Clip(loop.Loop.Trips.Reason)}), {WorkCost.Approximately(loop.Loop.PerIteration.RepeatedOperations)} operations per iteration",
        _ => $"nested loops of unknown length ({Clip(loop.Loop!.Trips.Reason)}), {WorkCost.Approximately(loop.Loop.PerIteration.RepeatedOperations)} operations per outer iteration",
    };

    /// <summary>"loop over the lines of a file, ~450 operations per item".</summary>
    public static string OfDataLoop(HotSpot loop) =>
        $"loop over {Clip(loop.Loop!.Trips.Source ?? loop.Loop.Trips.Reason)}, {WorkCost.Approximately(loop.Loop.PerIteration.RepeatedOperations)} operations per item";

    private static string Render(Call range) =>
        "range(" + string.Join(", ", range.Args.Select(a => a switch
        {
            Name n => n.Id,
            GilScan.Syntax.Ast.Attribute { Value: Name owner } attribute => owner.Id + "." + attribute.Attr,
            Constant k => k.Value?.ToString() ?? "None",
            _ => "...",
        })) + ")";

    private static string Clip(string text)
    {
        var clean = text.Replace('\'', '"');
        return clean.Length <= 60 ? clean : clean[..57] + "...";
    }
}
