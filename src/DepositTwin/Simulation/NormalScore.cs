using DepositTwin.Statistics;

namespace DepositTwin.Simulation;

/// <summary>
/// The normal-score transform of a variable and its back-transform: each value maps to the standard normal
/// quantile of its (declustered) cumulative probability, ties sharing one score; back-transformation
/// interpolates linearly between the table's points and clamps beyond its ends (the data's minimum and
/// maximum), as GSLIB's nscore/backtr do with linear tails to the data limits.
/// </summary>
public sealed class NormalScore
{
    private readonly double[] _values;
    private readonly double[] _scores;

    private NormalScore(double[] values, double[] scores)
    {
        _values = values;
        _scores = scores;
    }

    /// <summary>Builds the transform table from values (NaN left out) and optional declustering weights.</summary>
    /// <exception cref="ArgumentException">Fewer than two values.</exception>
    public static NormalScore Fit(ReadOnlySpan<double> values, ReadOnlySpan<double> weights = default)
    {
        IReadOnlyList<ProbabilityPoint> points = DistributionPlots.ProbabilityPlot(values, weights);
        if (points.Count < 2)
        {
            throw new ArgumentException("A normal-score transform needs at least two values.", nameof(values));
        }

        // Ties: one score per distinct value, the mean of their scores.
        var table = points.GroupBy(p => p.Value).Select(g => (Value: g.Key, Score: g.Average(p => p.NormalScore))).OrderBy(t => t.Value).ToArray();
        return new NormalScore(table.Select(t => t.Value).ToArray(), table.Select(t => t.Score).ToArray());
    }

    /// <summary>The normal score of a value (interpolated in the table; clamped beyond its ends; NaN stays NaN).</summary>
    public double Forward(double value) => PiecewiseLinear.Interpolate(_values, _scores, value);

    /// <summary>The value of a normal score (interpolated; clamped to the data's minimum and maximum).</summary>
    public double Back(double score) => PiecewiseLinear.Interpolate(_scores, _values, score);
}
