using DepositTwin.Geometry;
using DepositTwin.Search;

namespace DepositTwin.Variography;

/// <summary>Sums over the pairs of one lag class or map cell, from which every estimator is computed.</summary>
internal struct PairSums
{
    public long Pairs;
    public long LeftOut;       // pairwise relative: pairs with zi + zj <= 0
    public double Distance;
    public double Weight;
    public double SquaredDifference;
    public double RelativeSquaredDifference;
    public double RelativeWeight;
    public double Product;
    public double Mean;        // Σ w (zi + zj) / 2
    public double MeanSquare;  // Σ w (zi² + zj²) / 2

    public void Add(double length, double zi, double zj, double w)
    {
        Pairs++;
        Distance += length;
        Weight += w;
        double d = zi - zj;
        SquaredDifference += w * d * d;
        Product += w * zi * zj;
        Mean += w * 0.5 * (zi + zj);
        MeanSquare += w * 0.5 * (zi * zi + zj * zj);
        double m = 0.5 * (zi + zj);
        if (m > 0)
        {
            RelativeSquaredDifference += w * (d / m) * (d / m);
            RelativeWeight += w;
        }
        else
        {
            LeftOut++;
        }
    }

    public void Merge(in PairSums o)
    {
        Pairs += o.Pairs;
        LeftOut += o.LeftOut;
        Distance += o.Distance;
        Weight += o.Weight;
        SquaredDifference += o.SquaredDifference;
        RelativeSquaredDifference += o.RelativeSquaredDifference;
        RelativeWeight += o.RelativeWeight;
        Product += o.Product;
        Mean += o.Mean;
        MeanSquare += o.MeanSquare;
    }

    public readonly double Value(VariogramEstimator estimator)
    {
        if (Pairs == 0)
        {
            return double.NaN;
        }

        double m = Mean / Weight;
        double covariance = Product / Weight - m * m;
        return estimator switch
        {
            VariogramEstimator.Semivariogram => SquaredDifference / (2 * Weight),
            VariogramEstimator.Covariance => covariance,
            VariogramEstimator.Correlogram => 1 - covariance / (MeanSquare / Weight - m * m),
            VariogramEstimator.PairwiseRelative => RelativeWeight > 0 ? RelativeSquaredDifference / (2 * RelativeWeight) : double.NaN,
            _ => throw new ArgumentOutOfRangeException(nameof(estimator), estimator, null),
        };
    }
}

/// <summary>Puts a pair into its bins (lag classes or map cells).</summary>
internal interface IPairBinner
{
    int BinCount { get; }

    double Radius { get; }

    void Add(Point3 h, double length, double zi, double zj, double w, PairSums[] sums);
}

/// <summary>
/// The one pair loop behind experimental variograms and variogram maps: every unordered pair within the
/// binner's radius, found with a KD-tree, in parallel over fixed chunks of samples whose partial sums are
/// merged in chunk order, so results do not depend on the thread count.
/// </summary>
internal static class PairLoop
{
    private const int ChunkSize = 256;

    public static PairSums[] Run<TBinner>(
        Point3[] points, double[] values, double[]? weights, int[]? holes, TBinner binner,
        int maxDegreeOfParallelism, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
        where TBinner : struct, IPairBinner
    {
        var tree = new KdTree(points);
        int chunks = (points.Length + ChunkSize - 1) / ChunkSize;
        var partial = new PairSums[chunks][];
        int done = 0;
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, chunks, options, chunk =>
        {
            var sums = new PairSums[binner.BinCount];
            var visitor = new Visitor<TBinner>(points, values, weights, holes, binner, sums);
            int end = Math.Min(points.Length, (chunk + 1) * ChunkSize);
            for (int i = chunk * ChunkSize; i < end; i++)
            {
                visitor.Head = i;
                tree.VisitWithinRadius(points[i], binner.Radius, ref visitor);
            }

            partial[chunk] = sums;
            int finished = Interlocked.Increment(ref done);
            progress?.Report(new WorkProgress("Pairing samples", finished, chunks));
        });

        var total = new PairSums[binner.BinCount];
        foreach (PairSums[] sums in partial)
        {
            for (int b = 0; b < total.Length; b++)
            {
                total[b].Merge(sums[b]);
            }
        }

        return total;
    }

    private struct Visitor<TBinner>(Point3[] points, double[] values, double[]? weights, int[]? holes, TBinner binner, PairSums[] sums)
        : IPointVisitor
        where TBinner : struct, IPairBinner
    {
        public int Head;

        public void Visit(int j, double distanceSquared)
        {
            int i = Head;
            if (j <= i || (holes is not null && holes[i] != holes[j]))
            {
                return; // each unordered pair once; downhole variograms pair within a hole only
            }

            double w = weights is null ? 1.0 : weights[i] * weights[j];
            binner.Add(points[j] - points[i], Math.Sqrt(distanceSquared), values[i], values[j], w, sums);
        }
    }
}
