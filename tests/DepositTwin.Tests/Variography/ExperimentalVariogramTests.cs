using DepositTwin.Geometry;
using DepositTwin.Tests.Reference;
using DepositTwin.Variography;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DepositTwin.Tests.Variography;

public class ExperimentalVariogramTests
{
    private static (Point3[] P, double[] Z, double[] W, int[] Holes) RandomData(int seed, int n)
    {
        var random = new Random(seed);
        var p = new Point3[n];
        var z = new double[n];
        var w = new double[n];
        var holes = new int[n];
        for (int i = 0; i < n; i++)
        {
            holes[i] = random.Next(8);
            // Samples down 8 inclined holes, so downhole pairs exist.
            double depth = random.NextDouble() * 60;
            p[i] = new Point3(holes[i] * 15 + 0.3 * depth, holes[i] % 3 * 20, -depth);
            z[i] = Math.Exp(random.NextDouble() * 2 - 1) - (random.NextDouble() < 0.05 ? 3 : 0);
            w[i] = 0.5 + random.NextDouble();
        }

        return (p, z, w, holes);
    }

    public static TheoryData<VariogramEstimator> Estimators =>
        [VariogramEstimator.Semivariogram, VariogramEstimator.Covariance, VariogramEstimator.Correlogram, VariogramEstimator.PairwiseRelative];

    [Theory]
    [MemberData(nameof(Estimators))]
    public void Every_estimator_equals_the_naive_definition(VariogramEstimator estimator)
    {
        (Point3[] p, double[] z, double[] w, int[] holes) = RandomData(7, 300);
        LagClasses lags = LagClasses.Gslib(8, 10, 7); // overlapping classes: a pair may count twice
        var directions = new[] { VariogramDirection.Omnidirectional, new VariogramDirection(90, -20, 22.5, 15, 8) };
        foreach (VariogramDirection direction in directions)
        {
            foreach ((double[]? weights, int[]? holeIds) in new[] { ((double[]?)null, (int[]?)null), (w, null), (null, holes) })
            {
                var options = new ExperimentalVariogramOptions { Direction = direction, Estimator = estimator, Weights = weights, DownholeHoleIds = holeIds };
                ExperimentalVariogram ours = ExperimentalVariogram.Compute(p, z, lags, options);
                var expected = NaiveVariogram.Compute(p, z, lags, direction, estimator, weights, holeIds);
                for (int k = 0; k < expected.Length; k++)
                {
                    Assert.Equal(expected[k].Pairs, ours.Lags[k].Pairs);
                    AssertClose(expected[k].MeanDistance, ours.Lags[k].MeanDistance);
                    AssertClose(expected[k].Value, ours.Lags[k].Value);
                }
            }
        }
    }

    private static void AssertClose(double expected, double actual)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual));
            return;
        }

        Assert.Equal(expected, actual, 1e-10 * Math.Max(1, Math.Abs(expected)));
    }

    [Fact]
    public void Results_are_bitwise_identical_whatever_the_thread_count()
    {
        (Point3[] p, double[] z, _, _) = RandomData(11, 3000);
        LagClasses lags = LagClasses.Regular(5, 60);
        ExperimentalVariogram one = ExperimentalVariogram.Compute(p, z, lags, new ExperimentalVariogramOptions { MaxDegreeOfParallelism = 1 });
        ExperimentalVariogram two = ExperimentalVariogram.Compute(p, z, lags, new ExperimentalVariogramOptions { MaxDegreeOfParallelism = 2 });
        Assert.Equal(one.Lags, two.Lags);
    }

    [Property(MaxTest = 30)]
    public Property A_common_rotation_and_translation_of_samples_and_direction_changes_nothing() =>
        Prop.ForAll(Gen.Choose(0, 359).ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(), (turn, seed) =>
        {
            (Point3[] p, double[] z, _, _) = RandomData(seed, 200);
            var shift = new Point3(500_000, 2_900_000, 1_000);
            double a = turn * Math.PI / 180;
            // A clockwise turn about the vertical: azimuths grow by `turn`.
            Point3 Turn(Point3 x) => new(x.X * Math.Cos(a) + x.Y * Math.Sin(a), -x.X * Math.Sin(a) + x.Y * Math.Cos(a), x.Z);
            Point3[] moved = p.Select(x => Turn(x) + shift).ToArray();
            LagClasses lags = LagClasses.Regular(6, 48);
            var before = ExperimentalVariogram.Compute(p, z, lags, new ExperimentalVariogramOptions { Direction = new VariogramDirection(30, -10, 30) });
            var after = ExperimentalVariogram.Compute(moved, z, lags, new ExperimentalVariogramOptions { Direction = new VariogramDirection(30 + turn, -10, 30) });
            for (int k = 0; k < before.Lags.Count; k++)
            {
                // Pairs exactly on a class or cone boundary may tip either way under round-off; none are here.
                Assert.Equal(before.Lags[k].Pairs, after.Lags[k].Pairs);
                AssertClose(before.Lags[k].Value, after.Lags[k].Value);
            }
        });

    [Fact]
    public void Missing_values_are_left_out_and_counted()
    {
        Point3[] p = [new(0, 0, 0), new(1, 0, 0), new(2, 0, 0)];
        ExperimentalVariogram v = ExperimentalVariogram.Compute(p, [1.0, double.NaN, 3.0], LagClasses.Regular(1, 3));
        Assert.Equal(2, v.SamplesUsed);
        Assert.Equal(1, v.SamplesMissing);
        Assert.Equal(0, v.Lags[0].Pairs);
        Assert.Equal(1, v.Lags[1].Pairs);
        Assert.Equal(2.0, v.Lags[1].Value); // (1 − 3)² / 2
    }

    [Fact]
    public void Pairwise_relative_counts_the_pairs_it_leaves_out()
    {
        Point3[] p = [new(0, 0, 0), new(1, 0, 0)];
        ExperimentalVariogram v = ExperimentalVariogram.Compute(p, [-1.0, 0.5], LagClasses.Regular(2, 2),
            new ExperimentalVariogramOptions { Estimator = VariogramEstimator.PairwiseRelative });
        Assert.Equal(1, v.PairsLeftOut);
        Assert.True(double.IsNaN(v.Lags[0].Value));
    }

    [Fact]
    public void Mismatched_inputs_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ExperimentalVariogram.Compute([Point3.Zero], [1.0, 2.0], LagClasses.Regular(1, 2)));
        Assert.Throws<ArgumentException>(() => ExperimentalVariogram.Compute([Point3.Zero], [1.0], LagClasses.Regular(1, 2),
            new ExperimentalVariogramOptions { Weights = [-1.0] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => LagClasses.Regular(0, 2));
        Assert.Throws<ArgumentException>(() => LagClasses.FromBoundaries(0, 5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VariogramDirection(0, 0, 0));
    }

    [Fact]
    public void The_variogram_map_is_symmetric_and_holds_each_pair_twice()
    {
        (Point3[] p, double[] z, _, _) = RandomData(3, 200);
        VariogramMap map = VariogramMap.Compute(p, z, 9, 9, 10);
        long total = 0;
        for (int u = 0; u < 9; u++)
        {
            for (int v = 0; v < 9; v++)
            {
                Assert.Equal(map.Pairs(u, v), map.Pairs(8 - u, 8 - v));
                AssertClose(map.Value(u, v), map.Value(8 - u, 8 - v));
                total += map.Pairs(u, v);
            }
        }

        long inside = 0;
        for (int i = 0; i < p.Length; i++)
        {
            for (int j = i + 1; j < p.Length; j++)
            {
                Point3 h = p[j] - p[i];
                // Horizontal map frame: U north, V west.
                if (Math.Abs(h.Y) < 45 && Math.Abs(h.X) < 45 && h.Length <= Math.Sqrt(2) * 45)
                {
                    inside++;
                }
            }
        }

        Assert.Equal(2 * inside, total);
        Point3 centre = map.CellCentre(8, 4);
        Assert.Equal(new Point3(0, 40, 0), new Point3(Math.Round(centre.X, 9), Math.Round(centre.Y, 9), 0));
    }
}
