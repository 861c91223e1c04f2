namespace GilScan.Sarif;

/// <summary>Which consumer a SARIF file is for; they differ in what they can show.</summary>
public enum SarifProfile
{
    /// <summary>
    /// IDE viewers and the audit report: suppressed results stay in, with <c>suppressions</c>, and
    /// results of the baseline that are gone appear with <c>baselineState: absent</c>.
    /// </summary>
    Ide,

    /// <summary>
    /// GitHub code scanning, which ignores <c>suppressions</c> and <c>baselineState</c> and would
    /// open an alert for every result: suppressed and absent results are left out.
    /// </summary>
    GitHub,
}
