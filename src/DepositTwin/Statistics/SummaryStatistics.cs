using System.Globalization;
using DepositTwin.Samples;

namespace DepositTwin.Statistics;

/// <summary>
/// Summary statistics of a variable, optionally weighted (declustering weights). Missing values (NaN) are
/// left out and counted.
/// </summary>
/// <remarks>
/// The variance is the weighted population variance Σw(x − m)² / Σw, as GSLIB reports it. Quantiles
/// interpolate linearly the weighted empirical distribution with each value at the middle of its weight,
/// p = (W_before + w/2) / W (Hazen's rule when the weights are equal); below the first and above the last
/// midpoint they are the minimum and the maximum.
/// </remarks>
/// <param name="Count">Values used.</param>
/// <param name="Missing">Missing values left out.</param>
/// <param name="Mean">Weighted mean.</param>
/// <param name="Variance">Weighted population variance.</param>
/// <param name="Minimum">Smallest value.</param>
/// <param name="LowerQuartile">25th percentile.</param>
/// <param name="Median">50th percentile.</param>
/// <param name="UpperQuartile">75th percentile.</param>
/// <param name="Maximum">Largest value.</param>
public sealed record SummaryStatistics(int Count, int Missing, double Mean, double Variance, double Minimum, double LowerQuartile,
    double Median, double UpperQuartile, double Maximum)
{
    /// <summary>Standard deviation.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Coefficient of variation (standard deviation / mean).</summary>
    public double CoefficientOfVariation => StandardDeviation / Mean;

    /// <summary>Statistics of values with optional weights (one per value, ≥ 0; empty = equal weights).</summary>
    /// <exception cref="ArgumentException">Weights of the wrong length, negative or not finite, or all zero.</exception>
    public static SummaryStatistics Compute(ReadOnlySpan<double> values, ReadOnlySpan<double> weights = default)
    {
        WeightedValues sorted = WeightedValues.Sorted(values, weights);
        if (sorted.Count == 0)
        {
            return new SummaryStatistics(0, sorted.Missing, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        // Sums in sorted order: the same values give the same bits whatever order they came in.
        double total = 0, sum = 0;
        for (int i = 0; i < sorted.Count; i++)
        {
            total += sorted.Weights[i];
            sum += sorted.Weights[i] * sorted.Values[i];
        }

        double mean = sum / total, squares = 0;
        for (int i = 0; i < sorted.Count; i++)
        {
            double d = sorted.Values[i] - mean;
            squares += sorted.Weights[i] * d * d;
        }

        return new SummaryStatistics(sorted.Count, sorted.Missing, mean, squares / total, sorted.Values[0], sorted.Quantile(0.25),
            sorted.Quantile(0.5), sorted.Quantile(0.75), sorted.Values[^1]);
    }

    /// <summary>Statistics of a sample column per domain code (samples without a domain under <see cref="SampleSet.NoDomain"/>).</summary>
    public static IReadOnlyDictionary<int, SummaryStatistics> ByDomain(SampleSet samples, string column, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (!weights.IsEmpty && weights.Length != samples.Count)
        {
            throw new ArgumentException($"{weights.Length} weights for {samples.Count} samples.", nameof(weights));
        }

        ReadOnlySpan<double> values = samples.Values(column);
        ReadOnlySpan<int> domains = samples.Domains;
        var result = new SortedDictionary<int, SummaryStatistics>();
        foreach (int code in samples.Domains.ToArray().Distinct().Order())
        {
            var v = new List<double>();
            var w = new List<double>();
            for (int i = 0; i < samples.Count; i++)
            {
                if (domains[i] == code)
                {
                    v.Add(values[i]);
                    w.Add(weights.IsEmpty ? 1 : weights[i]);
                }
            }

            result[code] = Compute(v.ToArray(), w.ToArray());
        }

        return result;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n {Count} (missing {Missing}), mean {Mean:G6}, sd {StandardDeviation:G6}, CV {CoefficientOfVariation:0.000}, min {Minimum:G6}, Q1 {LowerQuartile:G6}, median {Median:G6}, Q3 {UpperQuartile:G6}, max {Maximum:G6}");
}

/// <summary>Non-missing values sorted ascending with their weights (ties by weight): the order, and so every sum over it, does not depend on the input order: the shared base of statistics and plots.</summary>
internal sealed class WeightedValues
{
    private WeightedValues(double[] values, double[] weights, int missing)
    {
        Values = values;
        Weights = weights;
        Missing = missing;
        Total = 0;
        foreach (double w in weights)
        {
            Total += w;
        }
    }

    public double[] Values { get; }

    public double[] Weights { get; }

    public int Missing { get; }

    public double Total { get; }

    public int Count => Values.Length;

    public static WeightedValues Sorted(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        if (!weights.IsEmpty && weights.Length != values.Length)
        {
            throw new ArgumentException($"{weights.Length} weights for {values.Length} values.", nameof(weights));
        }

        var v = new List<double>(values.Length);
        var w = new List<double>(values.Length);
        int missing = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double weight = weights.IsEmpty ? 1 : weights[i];
            if (!(weight >= 0) || !double.IsFinite(weight))
            {
                throw new ArgumentException($"Weight {i} is {weight}: weights must be finite and ≥ 0.", nameof(weights));
            }

            if (double.IsNaN(values[i]))
            {
                missing++;
                continue;
            }

            v.Add(values[i]);
            w.Add(weight);
        }

        double[] va = [.. v], wa = [.. w];
        int[] order = Enumerable.Range(0, va.Length).OrderBy(i => va[i]).ThenBy(i => wa[i]).ThenBy(i => i).ToArray();
        var sorted = new WeightedValues(order.Select(i => va[i]).ToArray(), order.Select(i => wa[i]).ToArray(), missing);
        if (sorted.Count > 0 && !(sorted.Total > 0))
        {
            throw new ArgumentException("All weights are zero.", nameof(weights));
        }

        return sorted;
    }

    /// <summary>The cumulative probability at the middle of each value's weight.</summary>
    public double[] MidpointProbabilities()
    {
        var p = new double[Count];
        double before = 0;
        for (int i = 0; i < Count; i++)
        {
            p[i] = (before + 0.5 * Weights[i]) / Total;
            before += Weights[i];
        }

        return p;
    }

    public double Quantile(double probability) => PiecewiseLinear.Interpolate(MidpointProbabilities(), Values, probability);
}
