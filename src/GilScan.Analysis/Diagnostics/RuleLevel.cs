namespace GilScan.Analysis.Diagnostics;

/// <summary>
/// How seriously a finding is reported; the same four values as SARIF's <c>level</c>. A rule's
/// default level is a promise (STYLE.md): <see cref="Warning"/> means no false positives expected
/// on real code, so a noisy rule ships as <see cref="Note"/>.
/// </summary>
public enum RuleLevel
{
    /// <summary>Reported for information only; never fails a run.</summary>
    None = 0,

    /// <summary>A hint worth a look; the level for rules that are not yet precise enough to warn.</summary>
    Note = 1,

    /// <summary>A real problem we expect to be right about.</summary>
    Warning = 2,

    /// <summary>The code or input cannot be analysed, or is certainly broken.</summary>
    Error = 3,
}
