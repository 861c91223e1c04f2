using GilScan.Testing;

namespace GilScan.Reporting.Tests;

/// <summary>A fact that needs the npm-installed SARIF validators (GilScan.Testing.SarifValidators): skipped with the setup command when they are missing, unless CI requires them.</summary>
public sealed class ValidatorFactAttribute : FactAttribute
{
    public ValidatorFactAttribute() => Skip = SarifValidators.SkipReason;
}
