using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using GilScan.Syntax.Generated;
using GilScan.Syntax.Lexing;

namespace GilScan.ParseBench;

/// <summary>
/// Parses every file with ANTLR's profiling simulator in LL mode (SLL first, full LL only where
/// SLL conflicts, per decision) and lists the decisions that cost most: full-LL fallbacks,
/// ambiguities, lookahead depth and time.
/// </summary>
internal static class DecisionProfiler
{
    public static void Run(IReadOnlyList<SourceFile> files, int top)
    {
        DecisionTotals[]? totals = null;
        string[] ruleNames = [];
        int[] decisionRule = [];
        foreach (var file in files)
        {
            var lexed = PythonTokenizer.Tokenize(file.Text);
            if (lexed.Error is not null)
            {
                continue;
            }

            var tokens = new CommonTokenStream(new ListTokenSource(lexed.Tokens.ToList()));
            var parser = new PythonParser(tokens) { Profile = true, ErrorHandler = new BailErrorStrategy() };
            parser.Interpreter.PredictionMode = PredictionMode.LL;
            try
            {
                parser.file_input();
            }
            catch (ParseCanceledException)
            {
                continue;
            }

            var decisions = parser.ParseInfo.getDecisionInfo();
            if (totals is null)
            {
                totals = new DecisionTotals[decisions.Length];
                ruleNames = parser.RuleNames;
                decisionRule = Enumerable.Range(0, decisions.Length)
                    .Select(d => parser.Atn.decisionToState[d].ruleIndex)
                    .ToArray();
            }

            for (int d = 0; d < decisions.Length; d++)
            {
                totals[d].Add(decisions[d]);
            }
        }

        if (totals is null)
        {
            return;
        }

        string Name(int d) => $"d{d,-4} {ruleNames[decisionRule[d]]}";
        Print("most full-LL fallbacks", totals, Name, t => t.LlFallback, top);
        Print("most ambiguities", totals, Name, t => t.Ambiguities, top);
        Print("most SLL lookahead (total tokens)", totals, Name, t => t.SllTotalLook, top);
        Print("deepest SLL lookahead", totals, Name, t => t.SllMaxLook, top);
        Print("most time (ms)", totals, Name, t => t.TimeTicks / 10_000, top);
        Print("most invocations", totals, Name, t => t.Invocations, top);
        Console.WriteLine($"total invocations {totals.Sum(t => t.Invocations):N0}, SLL lookahead tokens {totals.Sum(t => t.SllTotalLook):N0}, LL fallbacks {totals.Sum(t => t.LlFallback):N0}, ambiguities {totals.Sum(t => t.Ambiguities):N0}");
    }

    private static void Print(string title, DecisionTotals[] totals, Func<int, string> name, Func<DecisionTotals, long> key, int top)
    {
        Console.WriteLine($"== {title}");
        foreach (int d in Enumerable.Range(0, totals.Length).OrderByDescending(d => key(totals[d])).Take(top))
        {
            var t = totals[d];
            if (key(t) == 0)
            {
                break;
            }

            Console.WriteLine(
                $"  {name(d),-36} inv {t.Invocations,10:N0}  sllLook {t.SllTotalLook,10:N0}  sllMax {t.SllMaxLook,4}  llFallback {t.LlFallback,6:N0}  llMax {t.LlMaxLook,4}  ambig {t.Ambiguities,5}  {t.TimeTicks / 1e4,8:F1} ms");
        }
    }

    private struct DecisionTotals
    {
        public long Invocations;
        public long SllTotalLook;
        public long SllMaxLook;
        public long LlFallback;
        public long LlMaxLook;
        public long Ambiguities;
        // ANTLR measures prediction time with DateTime.Now in 100 ns ticks: coarse, only a hint.
        public long TimeTicks;

        public void Add(DecisionInfo info)
        {
            Invocations += info.invocations;
            SllTotalLook += info.SLL_TotalLook;
            SllMaxLook = Math.Max(SllMaxLook, info.SLL_MaxLook);
            LlFallback += info.LL_Fallback;
            LlMaxLook = Math.Max(LlMaxLook, info.LL_MaxLook);
            Ambiguities += info.ambiguities.Count;
            TimeTicks += info.timeInPrediction;
        }
    }
}
