namespace DepositTwin.Statistics;

/// <summary>One histogram bin.</summary>
/// <param name="Lower">Lower edge (included).</param>
/// <param name="Upper">Upper edge (excluded, except for the last bin).</param>
/// <param name="Count">Values in the bin.</param>
/// <param name="Frequency">Weighted fraction of all values in the bin.</param>
/// <param name="Cumulative">Weighted fraction of values below the upper edge.</param>
public readonly record struct HistogramBin(double Lower, double Upper, int Count, double Frequency, double Cumulative);

/// <summary>One point of a probability plot.</summary>
/// <param name="Value">The value.</param>
/// <param name="Probability">Cumulative probability at the middle of the value's weight.</param>
/// <param name="NormalScore">The standard normal quantile of that probability: the plot's axis for a (log-)probability plot.</param>
public readonly record struct ProbabilityPoint(double Value, double Probability, double NormalScore);

/// <summary>Data for histograms and (log-)probability plots; the plotting package draws them.</summary>
public static class DistributionPlots
{
    /// <summary>A histogram with equal-width bins (on log₁₀ of the values when <paramref name="logarithmic"/>; values ≤ 0 are then left out and counted).</summary>
    /// <param name="values">The values (NaN = missing, left out).</param>
    /// <param name="bins">Number of bins, ≥ 1.</param>
    /// <param name="weights">Optional declustering weights.</param>
    /// <param name="logarithmic">Bins of equal width in log₁₀ (edges reported in value units).</param>
    /// <param name="leftOut">Values left out because they are ≤ 0 on a log scale.</param>
    public static IReadOnlyList<HistogramBin> Histogram(ReadOnlySpan<double> values, int bins, ReadOnlySpan<double> weights, bool logarithmic, out int leftOut)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        WeightedValues sorted = WeightedValues.Sorted(values, weights);
        var v = new List<double>(sorted.Count);
        var w = new List<double>(sorted.Count);
        leftOut = 0;
        for (int i = 0; i < sorted.Count; i++)
        {
            if (logarithmic && !(sorted.Values[i] > 0))
            {
                leftOut++;
                continue;
            }

            v.Add(logarithmic ? Math.Log10(sorted.Values[i]) : sorted.Values[i]);
            w.Add(sorted.Weights[i]);
        }

        if (v.Count == 0)
        {
            return [];
        }

        double lo = v[0], hi = v[^1], width = hi > lo ? (hi - lo) / bins : 1;
        var counts = new int[bins];
        var mass = new double[bins];
        double total = w.Sum();
        for (int i = 0; i < v.Count; i++)
        {
            int b = Math.Min(bins - 1, (int)((v[i] - lo) / width));
            counts[b]++;
            mass[b] += w[i];
        }

        var result = new HistogramBin[bins];
        double cumulative = 0;
        for (int b = 0; b < bins; b++)
        {
            cumulative += mass[b];
            double lower = lo + b * width, upper = lo + (b + 1) * width;
            result[b] = new HistogramBin(logarithmic ? Math.Pow(10, lower) : lower, logarithmic ? Math.Pow(10, upper) : upper, counts[b], mass[b] / total, cumulative / total);
        }

        return result;
    }

    /// <summary>The points of a probability plot: every value, ascending, with its cumulative probability and normal score.</summary>
    public static IReadOnlyList<ProbabilityPoint> ProbabilityPlot(ReadOnlySpan<double> values, ReadOnlySpan<double> weights = default)
    {
        WeightedValues sorted = WeightedValues.Sorted(values, weights);
        double[] p = sorted.MidpointProbabilities();
        var points = new ProbabilityPoint[sorted.Count];
        for (int i = 0; i < points.Length; i++)
        {
            points[i] = new ProbabilityPoint(sorted.Values[i], p[i], MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, p[i]));
        }

        return points;
    }
}
