using DepositTwin.Geometry;
using DepositTwin.Variography;

namespace DepositTwin.Resources;

/// <summary>
/// Global change of support: from the distribution of point-scale composites to that of selective mining
/// units (SMU), for grade–tonnage curves at the scale that will be mined.
/// </summary>
/// <remarks>
/// The affine correction keeps the mean and shrinks the spread: z_v = m + √f (z − m), with the variance
/// adjustment factor f = σ²_v / σ² = C̄(v, v) / C(0) from the variogram (Krige's relation; the nugget does not
/// reach block support). It keeps the shape of the histogram, so it is best for small variance reductions
/// (f ≳ 0.7); it is the check a geologist makes before trusting a kriged model's smoothing.
/// </remarks>
public static class ChangeOfSupport
{
    /// <summary>The variance adjustment factor of a block of the given size: the average block covariance over the total sill.</summary>
    /// <exception cref="ArgumentException">The model has no sill (a power structure).</exception>
    public static double VarianceAdjustmentFactor(VariogramModel model, Point3 blockSize, BlockDiscretisation discretisation)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(discretisation);
        if (!model.HasSill)
        {
            throw new ArgumentException("A variance adjustment factor needs a model with a sill.", nameof(model));
        }

        Point3[] points = discretisation.Offsets(blockSize);
        return model.AverageBlockCovariance(points) / model.TotalSill;
    }

    /// <summary>
    /// The global grade–tonnage curve at SMU support by the affine correction of (declustered) sample values.
    /// </summary>
    /// <param name="values">Sample values (NaN = missing, left out).</param>
    /// <param name="weights">Declustering weights; empty for equal weights.</param>
    /// <param name="factor">The variance adjustment factor f in (0, 1]; 1 gives the point-support curve.</param>
    /// <param name="cutOffs">Cut-offs.</param>
    /// <param name="totalTonnes">The tonnes the distribution stands for (the domain's tonnage).</param>
    /// <param name="metalFactor">Metal per tonne per unit of grade (0.01 for %).</param>
    public static IReadOnlyList<GradeTonnagePoint> AffineGradeTonnage(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, double factor,
        IReadOnlyList<double> cutOffs, double totalTonnes, double metalFactor = 1)
    {
        ArgumentNullException.ThrowIfNull(cutOffs);
        if (!(factor > 0 && factor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The variance adjustment factor must lie in (0, 1].");
        }

        Statistics.SummaryStatistics stats = Statistics.SummaryStatistics.Compute(values, weights);
        double mean = stats.Mean, shrink = Math.Sqrt(factor);
        var points = new GradeTonnagePoint[cutOffs.Count];
        for (int c = 0; c < cutOffs.Count; c++)
        {
            ExactSum total = new(), above = new(), gradeAbove = new();
            for (int i = 0; i < values.Length; i++)
            {
                if (double.IsNaN(values[i]))
                {
                    continue;
                }

                double w = weights.IsEmpty ? 1 : weights[i], z = mean + shrink * (values[i] - mean);
                total.Add(w);
                if (z >= cutOffs[c])
                {
                    above.Add(w);
                    gradeAbove.Add(w * z);
                }
            }

            double fraction = above.Value / total.Value, tonnes = fraction * totalTonnes;
            double grade = above.Value > 0 ? gradeAbove.Value / above.Value : double.NaN;
            points[c] = new GradeTonnagePoint(cutOffs[c], tonnes, grade, double.IsNaN(grade) ? 0 : tonnes * grade * metalFactor);
        }

        return points;
    }
}
