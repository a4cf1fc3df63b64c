using DepositTwin.Geometry;
using DepositTwin.Search;
using DepositTwin.Variography;
using MathNet.Numerics.LinearAlgebra;

namespace DepositTwin.Tests.Reference;

/// <summary>
/// Obviously-right references: brute-force neighbour selection (sort everything) and the textbook
/// kriging systems solved densely with MathNet (the bordered (n+1)×(n+1) system for ordinary kriging).
/// </summary>
public static class NaiveEstimation
{
    public static int[] Select(Point3[] p, int[] holes, Point3 target, SearchNeighbourhood rules)
    {
        Ellipsoid e = rules.Ellipsoid;
        var ranked = Enumerable.Range(0, p.Length)
            .Where(i => e.AnisotropicDistance(target, p[i]) <= e.Major * (1 + 1e-12))
            .OrderBy(i => rules.Metric == SearchMetric.Anisotropic ? e.AnisotropicDistance(target, p[i]) : target.DistanceTo(p[i]))
            .ThenBy(i => i);
        var chosen = new List<int>();
        var perOctant = new int[8];
        var perHole = new Dictionary<int, int>();
        foreach (int i in ranked)
        {
            if (chosen.Count == rules.MaxSamples)
            {
                break;
            }

            int octant = rules.Octants == OctantFrame.DataAxes ? GslibOctant(p[i] - target) - 1 : EllipsoidOctant(e.Rotation.ToAxes(p[i] - target));
            if (rules.MaxPerOctant > 0 && perOctant[octant] == rules.MaxPerOctant)
            {
                continue;
            }

            if (rules.MaxPerHole > 0 && perHole.GetValueOrDefault(holes[i]) == rules.MaxPerHole)
            {
                continue;
            }

            perOctant[octant]++;
            perHole[holes[i]] = perHole.GetValueOrDefault(holes[i]) + 1;
            chosen.Add(i);
        }

        return [.. chosen];
    }

    /// <summary>GSLIB's octant (srchsupr) as it is written there: iq = 4 unless one of three quadrant tests holds, and 4 more below the target (1–8).</summary>
    public static int GslibOctant(Point3 d)
    {
        int iq = 4;
        if (d.X <= 0 && d.Y > 0)
        {
            iq = 1;
        }

        if (d.X > 0 && d.Y >= 0)
        {
            iq = 2;
        }

        if (d.X < 0 && d.Y <= 0)
        {
            iq = 3;
        }

        return d.Z < 0 ? iq + 4 : iq;
    }

    private static int EllipsoidOctant(Point3 c) => (c.X >= 0 ? 1 : 0) + (c.Y >= 0 ? 2 : 0) + (c.Z >= 0 ? 4 : 0);

    public static (double Estimate, double Variance, double Lagrange, double[] Weights) Krige(
        Point3[] p, double[] z, int[] used, Point3[] block, VariogramModel model, bool ordinary, double mean)
    {
        int n = used.Length;
        int size = ordinary ? n + 1 : n;
        var a = Matrix<double>.Build.Dense(size, size);
        var b = Vector<double>.Build.Dense(size);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = model.Covariance(p[used[i]], p[used[j]]);
            }

            // A block's covariance with a sample has no nugget, even on a discretisation point (kt3d, gstat).
            b[i] = block.Length == 1 ? model.Covariance(p[used[i]], block[0]) : block.Average(t => model.CovarianceWithoutNugget(p[used[i]], t));
            if (ordinary)
            {
                a[i, n] = 1;
                a[n, i] = 1;
            }
        }

        if (ordinary)
        {
            b[n] = 1;
        }

        Vector<double> x = a.Solve(b);
        double cbb = block.Length == 1 ? model.TotalSill : model.AverageBlockCovariance(block);
        double lambdaC = Enumerable.Range(0, n).Sum(i => x[i] * b[i]);
        double mu = ordinary ? x[n] : 0; // Cλ + μ1 = c̄: the bordered system's last unknown is μ
        double estimate = (ordinary ? 0 : mean) + Enumerable.Range(0, n).Sum(i => x[i] * (z[used[i]] - (ordinary ? 0 : mean)));
        return (estimate, cbb - lambdaC - mu, mu, Enumerable.Range(0, n).Select(i => x[i]).ToArray());
    }
}
