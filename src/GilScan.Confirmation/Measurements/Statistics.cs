namespace GilScan.Confirmation.Measurements;

/// <summary>Order statistics over a handful of repeats: robust to one outlier, which means are not.</summary>
public static class Statistics
{
    public static double Median(IReadOnlyCollection<double> values) => Quantile(values, 0.5);

    /// <summary>The q-quantile with linear interpolation between order statistics (NumPy's default, R type 7).</summary>
    public static double Quantile(IReadOnlyCollection<double> values, double q)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    /// <summary>
    /// The interquartile range as a share of the median: 0 for identical repeats. With 5 repeats it spans
    /// the 2nd to the 4th value, so one wild repeat does not count as noise; with 1 or 2 repeats it
    /// degrades to the (half) range.
    /// </summary>
    public static double RelativeSpread(IReadOnlyCollection<double> values)
    {
        var median = Median(values);
        var range = Quantile(values, 0.75) - Quantile(values, 0.25);
        return median > 0 ? range / median : 0;
    }
}
