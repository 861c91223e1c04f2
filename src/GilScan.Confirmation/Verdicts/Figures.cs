using System.Globalization;

namespace GilScan.Confirmation.Verdicts;

/// <summary>How reasons and reports write numbers: invariant culture, fixed precision.</summary>
internal static class Figures
{
    public static string Speedup(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.00}x");

    public static string Milliseconds(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.0} ms");

    public static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0}%");

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
