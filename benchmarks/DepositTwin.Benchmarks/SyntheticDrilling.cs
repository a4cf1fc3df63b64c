using DepositTwin.Geometry;
using DepositTwin.Samples;

namespace DepositTwin.Benchmarks;

/// <summary>The drilled data set the estimation and search benchmarks share: 150 slightly inclined holes, 20 samples each, over 500 × 500 × 200 m.</summary>
public static class SyntheticDrilling
{
    /// <summary>3,000 samples with a smooth Cu grade plus noise, and their hole ids.</summary>
    public static SampleSet Samples()
    {
        var random = new Random(11);
        var points = new List<Point3>();
        var holes = new List<int>();
        for (int h = 0; h < 150; h++)
        {
            double x = random.NextDouble() * 500, y = random.NextDouble() * 500;
            for (int s = 0; s < 20; s++)
            {
                points.Add(new Point3(x + s * 0.8, y, 200 - s * 10));
                holes.Add(h);
            }
        }

        double[] cu = points.Select(p => 0.5 + 0.3 * Math.Sin(p.X / 70) * Math.Cos(p.Y / 90) + 0.05 * random.NextDouble()).ToArray();
        return SampleSet.Of(points, "cu", cu, holes);
    }

    /// <summary>The 1,000,000-block grid (5 × 5 × 2 m) over the drilled volume.</summary>
    public static GridDefinition Grid { get; } = new(Point3.Zero, new Point3(5, 5, 2), 100, 100, 100);
}
