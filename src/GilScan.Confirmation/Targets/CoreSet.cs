using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace GilScan.Confirmation.Targets;

/// <summary>
/// The CPU cores a measurement is pinned to, written as <c>--cores</c> takes them (<c>0-3,6</c>, the
/// taskset/cpuset list syntax). Always sorted and without duplicates.
/// </summary>
public sealed record CoreSet
{
    private CoreSet(ImmutableArray<int> cores) => Cores = cores;

    public ImmutableArray<int> Cores { get; }

    public int Count => Cores.Length;

    public static CoreSet Of(IEnumerable<int> cores)
    {
        ArgumentNullException.ThrowIfNull(cores);
        var sorted = cores.Distinct().Order().ToImmutableArray();
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("A core set needs at least one core.", nameof(cores));
        }

        return sorted[0] < 0
            ? throw new ArgumentOutOfRangeException(nameof(cores), sorted[0], "Core numbers are not negative.")
            : new CoreSet(sorted);
    }

    /// <summary>Parses <c>0-3,6</c>; returns false with a message for anything else.</summary>
    public static bool TryParse(string text, out CoreSet? cores, out string? error)
    {
        cores = null;
        error = null;
        var numbers = new List<int>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length is < 1 or > 2 || !range.All(IsCoreNumber))
            {
                error = $"'{text}' is not a core list such as '0-3,6'.";
                return false;
            }

            var low = int.Parse(range[0], CultureInfo.InvariantCulture);
            var high = int.Parse(range[^1], CultureInfo.InvariantCulture);
            if (high < low)
            {
                error = $"'{part}' is an empty core range.";
                return false;
            }

            numbers.AddRange(Enumerable.Range(low, high - low + 1));
        }

        cores = Of(numbers);
        return true;
    }

    /// <summary>The cores this process may run on (its affinity mask), or all processors when unknown.</summary>
    public static CoreSet Allowed()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            var mask = self.ProcessorAffinity.ToInt64();
            var cores = Enumerable.Range(0, 64).Where(bit => (mask & (1L << bit)) != 0).ToList();
            if (cores.Count > 0)
            {
                return Of(cores);
            }
        }

        return Of(Enumerable.Range(0, Environment.ProcessorCount));
    }

    /// <summary>The compact form: consecutive cores become ranges (<c>0-3,6</c>).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Cores.Length;)
        {
            var j = i;
            while (j + 1 < Cores.Length && Cores[j + 1] == Cores[j] + 1)
            {
                j++;
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(CultureInfo.InvariantCulture, $"{Cores[i]}");
            if (j > i)
            {
                text.Append(CultureInfo.InvariantCulture, $"-{Cores[j]}");
            }

            i = j + 1;
        }

        return text.ToString();
    }

    public bool Equals(CoreSet? other) => other is not null && Cores.SequenceEqual(other.Cores);

    public override int GetHashCode() => Cores.Aggregate(0, HashCode.Combine);

    private static bool IsCoreNumber(string text) =>
        text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit);
}
