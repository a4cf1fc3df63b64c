using System.Globalization;

namespace DepositTwin.Statistics;

/// <summary>What capping (top-cutting) did.</summary>
/// <param name="Cap">The cap value: values above it were set to it.</param>
/// <param name="Values">The capped values (missing values stay missing).</param>
/// <param name="CutIndices">Indices of the values that were cut.</param>
/// <param name="MeanBefore">The (weighted) mean before capping.</param>
/// <param name="MeanAfter">The (weighted) mean after capping.</param>
/// <param name="MetalRemoved">The fraction of Σ w·value removed by the cap (the "metal" cut).</param>
public sealed record TopCutResult(double Cap, double[] Values, IReadOnlyList<int> CutIndices, double MeanBefore, double MeanAfter, double MetalRemoved)
{
    /// <summary>Number of values cut.</summary>
    public int CutCount => CutIndices.Count;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"top cut at {Cap:G6}: {CutCount} values cut, mean {MeanBefore:G6} → {MeanAfter:G6}, {MetalRemoved:P2} of the metal removed");
}

/// <summary>Capping (top-cutting) of outlier grades, by value or by percentile, with a report of what was cut.</summary>
public static class TopCut
{
    /// <summary>Caps the values at <paramref name="cap"/>.</summary>
    /// <param name="values">The values (NaN = missing).</param>
    /// <param name="cap">The cap, finite.</param>
    /// <param name="weights">Optional declustering weights for the means; empty for equal weights.</param>
    public static TopCutResult ByValue(ReadOnlySpan<double> values, double cap, ReadOnlySpan<double> weights = default)
    {
        if (!double.IsFinite(cap))
        {
            throw new ArgumentOutOfRangeException(nameof(cap), cap, "The cap must be finite.");
        }

        if (!weights.IsEmpty && weights.Length != values.Length)
        {
            throw new ArgumentException($"{weights.Length} weights for {values.Length} values.", nameof(weights));
        }

        var capped = values.ToArray();
        var cut = new List<int>();
        double total = 0, before = 0, after = 0;
        for (int i = 0; i < capped.Length; i++)
        {
            if (double.IsNaN(capped[i]))
            {
                continue;
            }

            double w = weights.IsEmpty ? 1 : weights[i];
            before += w * capped[i];
            if (capped[i] > cap)
            {
                capped[i] = cap;
                cut.Add(i);
            }

            after += w * capped[i];
            total += w;
        }

        return new TopCutResult(cap, capped, cut, before / total, after / total, before == 0 ? 0 : (before - after) / before);
    }

    /// <summary>Caps the values at their (weighted) percentile <paramref name="percentile"/> (e.g. 99).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The percentile is not in (0, 100].</exception>
    public static TopCutResult ByPercentile(ReadOnlySpan<double> values, double percentile, ReadOnlySpan<double> weights = default)
    {
        if (!(percentile > 0 && percentile <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "The percentile must be in (0, 100].");
        }

        WeightedValues sorted = WeightedValues.Sorted(values, weights);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("There are no values to cap.", nameof(values));
        }

        return ByValue(values, sorted.Quantile(percentile / 100), weights);
    }
}
