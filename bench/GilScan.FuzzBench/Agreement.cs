using System.Text.Json;

namespace GilScan.FuzzBench;

/// <summary>How gilscan's line for one file compares with CPython's.</summary>
public enum Outcome
{
    /// <summary>Both accept, with byte-identical canonical dumps.</summary>
    IdenticalTree,

    /// <summary>Both accept, with different dumps.</summary>
    DifferingTree,

    /// <summary>gilscan rejects what CPython accepts.</summary>
    FalseReject,

    /// <summary>gilscan accepts what CPython rejects.</summary>
    FalseAccept,

    /// <summary>gilscan accepts a file with syntax newer than the reference interpreter's (a 3.14
    /// t-string against CPython 3.13): gilscan reads Python 3.8-3.14 on purpose, so this is no
    /// disagreement of the parsers, and the table counts it apart from the false accepts.</summary>
    NewerSyntax,

    /// <summary>Both reject.</summary>
    BothReject,

    /// <summary>gilscan gave no line: its process crashed or hung on the file.</summary>
    Crash,
}

/// <summary>One file's verdict, with the error details when both reject.</summary>
public sealed record FileAgreement(Outcome Outcome, bool SameLine, bool SameMessage, bool SameColumn)
{
    public bool FullyAgrees => Outcome == Outcome.IdenticalTree || (Outcome == Outcome.BothReject && SameLine && SameMessage && SameColumn);

    /// <summary>Compares two `gilscan ast` / ast_dump.py lines (null: gilscan gave none).</summary>
    public static FileAgreement Of(string? ours, string reference)
    {
        if (ours is null) return new(Outcome.Crash, false, false, false);
        var ourError = ErrorOf(ours);
        var theirError = ErrorOf(reference);
        return (ourError, theirError) switch
        {
            (null, null) => new(ours == reference ? Outcome.IdenticalTree : Outcome.DifferingTree, true, true, true),
            (not null, null) => new(Outcome.FalseReject, false, false, false),
            (null, not null) => new(UsesNewerSyntax(ours) ? Outcome.NewerSyntax : Outcome.FalseAccept, false, false, false),
            _ => new(Outcome.BothReject, ourError.Value.Line == theirError.Value.Line, ourError.Value.Message == theirError.Value.Message, ourError.Value.Column == theirError.Value.Column),
        };
    }

    /// <summary>True when gilscan's tree holds a node only Python 3.14 has (a t-string).</summary>
    private static bool UsesNewerSyntax(string ours) =>
        ours.Contains("\"_type\":\"TemplateStr\"", StringComparison.Ordinal);

    private static (int? Line, int? Column, string Message)? ErrorOf(string line)
    {
        if (!line.StartsWith("{\"error\"", StringComparison.Ordinal)) return null;
        using var json = JsonDocument.Parse(line);
        var error = json.RootElement.GetProperty("error");
        static int? Number(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetInt32() : null;
        return (Number(error.GetProperty("line")), Number(error.GetProperty("column")), error.GetProperty("message").GetString() ?? "");
    }
}

/// <summary>The agreement table: counts per outcome, overall and per mutation kind.</summary>
public sealed class AgreementTable
{
    private readonly Dictionary<string, Counts> _byKind = new(StringComparer.Ordinal);
    private readonly Counts _total = new();

    public Counts Total => _total;

    public void Add(string kind, FileAgreement agreement)
    {
        _total.Add(agreement);
        if (!_byKind.TryGetValue(kind, out var counts)) _byKind[kind] = counts = new Counts();
        counts.Add(agreement);
    }

    public void Write(TextWriter output)
    {
        output.WriteLine($"{"",-12} {"files",8} {"identical",10} {"differing",10} {"false rej.",10} {"false acc.",10} {"3.14 only",10} {"both rej.",10} {"line",8} {"message",8} {"column",8} {"crashes",8}");
        foreach (var (kind, counts) in _byKind.OrderBy(k => k.Key, StringComparer.Ordinal)) counts.WriteRow(output, kind);
        _total.WriteRow(output, "all");
        output.WriteLine();
        output.WriteLine($"error line agreement where both reject: {Percent(_total.SameLine, _total.BothReject)}, message: {Percent(_total.SameMessage, _total.BothReject)}, column: {Percent(_total.SameColumn, _total.BothReject)}");
    }

    private static string Percent(int part, int whole) => whole == 0 ? "n/a" : $"{100.0 * part / whole:F2}% ({part:N0} of {whole:N0})";

    public sealed class Counts
    {
        public int Files { get; private set; }
        public int Identical { get; private set; }
        public int Differing { get; private set; }
        public int FalseRejects { get; private set; }
        public int FalseAccepts { get; private set; }
        public int NewerSyntax { get; private set; }
        public int BothReject { get; private set; }
        public int SameLine { get; private set; }
        public int SameMessage { get; private set; }
        public int SameColumn { get; private set; }
        public int Crashes { get; private set; }

        public void Add(FileAgreement a)
        {
            Files++;
            switch (a.Outcome)
            {
                case Outcome.IdenticalTree: Identical++; break;
                case Outcome.DifferingTree: Differing++; break;
                case Outcome.FalseReject: FalseRejects++; break;
                case Outcome.FalseAccept: FalseAccepts++; break;
                case Outcome.NewerSyntax: NewerSyntax++; break;
                case Outcome.Crash: Crashes++; break;
                case Outcome.BothReject:
                    BothReject++;
                    if (a.SameLine) SameLine++;
                    if (a.SameMessage) SameMessage++;
                    if (a.SameColumn) SameColumn++;
                    break;
            }
        }

        public void WriteRow(TextWriter output, string label) =>
            output.WriteLine($"{label,-12} {Files,8:N0} {Identical,10:N0} {Differing,10:N0} {FalseRejects,10:N0} {FalseAccepts,10:N0} {NewerSyntax,10:N0} {BothReject,10:N0} {SameLine,8:N0} {SameMessage,8:N0} {SameColumn,8:N0} {Crashes,8:N0}");
    }
}
