using GilScan.Confirmation.Measurements;

namespace GilScan.Confirmation.Tests;

/// <summary>Medians and spreads over a handful of repeats, as the verdicts use them.</summary>
public sealed class StatisticsTests
{
    [Fact]
    public void Median_of_odd_and_even_counts()
    {
        Statistics.Median([3.0, 1.0, 2.0]).ShouldBe(2.0);
        Statistics.Median([4.0, 1.0, 3.0, 2.0]).ShouldBe(2.5);
        Statistics.Median([7.0]).ShouldBe(7.0);
    }

    [Fact]
    public void Quantiles_interpolate_between_order_statistics()
    {
        Statistics.Quantile([1.0, 2.0, 3.0, 4.0, 5.0], 0.25).ShouldBe(2.0);
        Statistics.Quantile([1.0, 2.0, 3.0, 4.0, 5.0], 0.75).ShouldBe(4.0);
        Statistics.Quantile([1.0, 2.0, 3.0], 0.25).ShouldBe(1.5);
        Statistics.Quantile([10.0, 20.0], 0.99).ShouldBe(19.9, 1e-12);
    }

    [Fact]
    public void One_wild_repeat_out_of_five_does_not_count_as_spread()
    {
        Statistics.RelativeSpread([1.0, 1.02, 0.98, 1.01, 3.5]).ShouldBe((1.02 - 1.0) / 1.01, 1e-12);
    }

    [Fact]
    public void Spread_is_the_interquartile_range_over_the_median()
    {
        Statistics.RelativeSpread([1.0, 2.0, 3.0]).ShouldBe(0.5);
        Statistics.RelativeSpread([2.0, 2.0, 2.0, 2.0, 2.0]).ShouldBe(0.0);
    }

    [Fact]
    public void No_values_is_an_error() =>
        Should.Throw<ArgumentException>(() => Statistics.Median([]));
}
