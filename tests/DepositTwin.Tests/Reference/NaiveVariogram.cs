using DepositTwin.Geometry;
using DepositTwin.Variography;

namespace DepositTwin.Tests.Reference;

/// <summary>The obviously-right O(n²) experimental variogram, straight from the estimator definitions.</summary>
public static class NaiveVariogram
{
    public static (long Pairs, double MeanDistance, double Value)[] Compute(
        Point3[] p, double[] z, LagClasses lags, VariogramDirection direction, VariogramEstimator estimator, double[]? w = null, int[]? holes = null)
    {
        var result = new (long, double, double)[lags.Classes.Count];
        for (int k = 0; k < lags.Classes.Count; k++)
        {
            var pairs = new List<(double H, double Zi, double Zj, double W)>();
            for (int i = 0; i < p.Length; i++)
            {
                for (int j = i + 1; j < p.Length; j++)
                {
                    Point3 h = p[j] - p[i];
                    double d = h.Length;
                    if (lags.Classes[k].Contains(d) && direction.Accepts(h, d) && (holes is null || holes[i] == holes[j]))
                    {
                        pairs.Add((d, z[i], z[j], w is null ? 1 : w[i] * w[j]));
                    }
                }
            }

            if (pairs.Count == 0)
            {
                result[k] = (0, double.NaN, double.NaN);
                continue;
            }

            double sw = pairs.Sum(q => q.W);
            double mean = pairs.Sum(q => q.W * (q.Zi + q.Zj) / 2) / sw;
            double cov = pairs.Sum(q => q.W * q.Zi * q.Zj) / sw - mean * mean;
            double variance = pairs.Sum(q => q.W * (q.Zi * q.Zi + q.Zj * q.Zj) / 2) / sw - mean * mean;
            var positive = pairs.Where(q => q.Zi + q.Zj > 0).ToList();
            double value = estimator switch
            {
                VariogramEstimator.Semivariogram => pairs.Sum(q => q.W * (q.Zi - q.Zj) * (q.Zi - q.Zj)) / (2 * sw),
                VariogramEstimator.Covariance => cov,
                VariogramEstimator.Correlogram => 1 - cov / variance,
                _ => positive.Sum(q => q.W * Math.Pow((q.Zi - q.Zj) / ((q.Zi + q.Zj) / 2), 2)) / (2 * positive.Sum(q => q.W)),
            };
            result[k] = (pairs.Count, pairs.Average(q => q.H), value);
        }

        return result;
    }

    public static (int Index, double D2)[] Nearest(Point3[] p, Point3 q, double radius, int k) =>
        p.Select((x, i) => (Index: i, D2: Point3.Dot(x - q, x - q)))
         .Where(t => t.D2 <= radius * radius)
         .OrderBy(t => t.D2).ThenBy(t => t.Index)
         .Take(k).ToArray();
}
