using GilScan.Analysis.Diagnostics;

namespace GilScan.Analysis.Rules;

/// <summary>Where the contexts of one scope (one file, or the project) send what rules report.</summary>
internal interface IReportSink
{
    void Report(Rule rule, Diagnostic diagnostic);

    void Notify(ToolNotification notification);
}
