using DepositTwin.BlockModels;
using DepositTwin.Estimation;
using DepositTwin.Geometry;
using DepositTwin.Samples;
using DepositTwin.Search;
using DepositTwin.Tests.Reference;
using DepositTwin.Variography;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DepositTwin.Tests.Estimation;

/// <summary>The laws of kriging and inverse distance, and agreement with the dense, brute-force references.</summary>
public class EstimationPropertyTests
{
    /// <summary>A random drilled deposit: 3D samples down holes, an anisotropic nested model, a small grid.</summary>
    internal sealed record Case(Point3[] Points, double[] Values, int[] Holes, VariogramModel Model, SearchNeighbourhood Search, GridDefinition Grid, int Seed)
    {
        public SampleSet Samples => SampleSet.Of(Points, "cu", Values, Holes);
    }

    internal static Case MakeCase(int seed, double nugget = 0.05, double azimuth = 35)
    {
        var random = new Random(seed);
        int holes = 6 + random.Next(10);
        var points = new List<Point3>();
        var holeIds = new List<int>();
        for (int h = 0; h < holes; h++)
        {
            double x = random.NextDouble() * 200, y = random.NextDouble() * 200;
            for (int s = 0; s < 3 + random.Next(8); s++)
            {
                points.Add(new Point3(x + s * 1.5, y - s * 0.7, 100 - s * 5.3 - random.NextDouble()));
                holeIds.Add(h);
            }
        }

        double[] values = points.Select(p => 1 + Math.Sin(p.X / 40) * Math.Cos(p.Y / 55) + 0.3 * random.NextDouble()).ToArray();
        var model = new VariogramModel(nugget,
            new VariogramStructure(StructureType.Spherical, 0.4, Ellipsoid.FromGslib(120, azimuth, -10, 5, 0.6, 0.3)),
            new VariogramStructure(StructureType.Exponential, 0.3, Ellipsoid.FromGslib(300, azimuth + 20, 0, 0, 0.8, 0.5)));
        var search = new SearchNeighbourhood(Ellipsoid.FromGslib(150, azimuth, 0, 0, 0.8, 0.4), 2, 4 + random.Next(20))
        {
            MaxPerOctant = random.Next(3) == 0 ? 3 : 0,
            MaxPerHole = random.Next(2) == 0 ? 4 : 0,
            Octants = random.Next(2) == 0 ? OctantFrame.DataAxes : OctantFrame.SearchEllipsoid,
        };
        var grid = new GridDefinition(new Point3(0, 0, 40), new Point3(20, 20, 10), 10, 10, 6, azimuth);
        return new Case(points.ToArray(), values, holeIds.ToArray(), model, search, grid, seed);
    }

    private static Arbitrary<int> Seeds => Gen.Choose(0, 1_000_000).ToArbitrary();

    [Property(MaxTest = 25)]
    public Property Ordinary_and_block_kriging_equal_the_dense_reference_with_brute_force_search() =>
        Prop.ForAll(Seeds, seed =>
        {
            Case c = MakeCase(seed);
            foreach ((EstimationMethod method, BlockDiscretisation disc) in new[]
            {
                (EstimationMethod.OrdinaryKriging, BlockDiscretisation.Point),
                (EstimationMethod.OrdinaryKriging, new BlockDiscretisation(3, 2, 2)),
                (EstimationMethod.SimpleKriging, new BlockDiscretisation(2, 2, 1)),
            })
            {
                var plan = new EstimationPlan(method, c.Search) { Variogram = c.Model, Mean = 1.1, Discretisation = disc };
                var model = new BlockModel(c.Grid);
                BlockEstimator.Estimate(model, c.Samples, "cu", plan);
                Point3 origin = c.Grid.ToWorld(Point3.Zero);
                for (int row = 0; row < model.Count; row += 7)
                {
                    Point3 centre = model.Centroid(row);
                    int[] used = NaiveEstimation.Select(c.Points, c.Holes, centre, c.Search);
                    double ours = model.GetDouble("cu")[row];
                    const int minimum = 2; // the neighbourhood minimum (and ordinary kriging's own)
                    if (used.Length < minimum)
                    {
                        Assert.True(double.IsNaN(ours), "a block without enough samples must stay missing");
                        Assert.True(model.GetInteger("cu_pass").IsMissing(row));
                        continue;
                    }

                    Point3[] block = disc.Offsets(c.Grid.BlockSize).Select(o => centre + (c.Grid.ToWorld(o) - origin)).ToArray();
                    var reference = NaiveEstimation.Krige(c.Points, c.Values, used, block, c.Model, method == EstimationMethod.OrdinaryKriging, 1.1);
                    Assert.Equal(used.Length, model.GetInteger("cu_n")[row]);
                    Assert.Equal(reference.Estimate, ours, 1e-9 * Math.Max(1, Math.Abs(reference.Estimate)));
                    Assert.Equal(reference.Variance, model.GetDouble("cu_var")[row], 1e-9);
                    Assert.Equal(reference.Lagrange, model.GetDouble("cu_lagrange")[row], 1e-9);
                    Assert.Equal(reference.Weights.Sum(), model.GetDouble("cu_sumw")[row], 1e-9);
                    Assert.Equal(reference.Weights.Where(w => w < 0).Sum(), model.GetDouble("cu_sumneg")[row], 1e-9);
                    Assert.Equal(used.Select(i => c.Holes[i]).Distinct().Count(), model.GetInteger("cu_holes")[row]);
                    Assert.Equal(used.Min(i => centre.DistanceTo(c.Points[i])), model.GetDouble("cu_dnear")[row], 1e-9);
                }
            }
        });

    [Property(MaxTest = 40)]
    public Property Ordinary_kriging_weights_sum_to_one_and_variances_are_not_negative() =>
        Prop.ForAll(Seeds, seed =>
        {
            Case c = MakeCase(seed);
            var plan = new EstimationPlan(EstimationMethod.OrdinaryKriging, c.Search) { Variogram = c.Model, Discretisation = new BlockDiscretisation(2, 2, 2) };
            var model = new BlockModel(c.Grid);
            BlockEstimator.Estimate(model, c.Samples, "cu", plan);
            for (int row = 0; row < model.Count; row++)
            {
                if (model.GetInteger("cu_pass").IsMissing(row))
                {
                    continue;
                }

                Assert.Equal(1.0, model.GetDouble("cu_sumw")[row], 1e-10);
                Assert.True(model.GetDouble("cu_var")[row] >= -1e-12, $"negative variance {model.GetDouble("cu_var")[row]}");
                Assert.InRange(model.GetDouble("cu_ke")[row], double.NegativeInfinity, 1 + 1e-12);
            }
        });

    [Property(MaxTest = 40)]
    public Property Zero_nugget_kriging_reproduces_the_data_at_data_points_with_zero_variance() =>
        Prop.ForAll(Seeds, seed =>
        {
            Case c = MakeCase(seed, nugget: 0);
            foreach (EstimationMethod method in new[] { EstimationMethod.OrdinaryKriging, EstimationMethod.SimpleKriging })
            {
                var plan = new EstimationPlan(method, c.Search) { Variogram = c.Model, Mean = 0.7 };
                BlockEstimate[] at = PointEstimator.Estimate(c.Samples, "cu", plan, c.Points, out _);
                for (int i = 0; i < at.Length; i++)
                {
                    Assert.Equal(c.Values[i], at[i].Estimate, 1e-8);
                    Assert.Equal(0, at[i].Variance, 1e-8);
                }
            }
        });

    [Property(MaxTest = 40)]
    public Property Inverse_distance_stays_within_the_data_and_is_exact_at_samples() =>
        Prop.ForAll(Seeds, seed =>
        {
            Case c = MakeCase(seed);
            var everything = new SearchNeighbourhood(Ellipsoid.Isotropic(1e9), 1, c.Points.Length);
            var plan = new EstimationPlan(EstimationMethod.InverseDistance, everything) { Power = 1 + seed % 3 };
            var model = new BlockModel(c.Grid);
            BlockEstimator.Estimate(model, c.Samples, "cu", plan);
            Assert.All(Enumerable.Range(0, model.Count), row => Assert.InRange(model.GetDouble("cu")[row], c.Values.Min(), c.Values.Max()));
            BlockEstimate[] at = PointEstimator.Estimate(c.Samples, "cu", plan, c.Points, out _);
            Assert.Equal(c.Values, at.Select(e => e.Estimate));
        });

    [Property(MaxTest = 20)]
    public Property Results_do_not_depend_on_sample_order_thread_count_or_tiling() =>
        Prop.ForAll(Seeds, seed =>
        {
            Case c = MakeCase(seed);
            var plan = new EstimationPlan(EstimationMethod.OrdinaryKriging, c.Search) { Variogram = c.Model, Discretisation = new BlockDiscretisation(2, 2, 1) };
            var whole = new BlockModel(c.Grid);
            BlockEstimator.Estimate(whole, c.Samples, "cu", plan with { MaxDegreeOfParallelism = 1 });

            var parallel = new BlockModel(c.Grid);
            BlockEstimator.Estimate(parallel, c.Samples, "cu", plan with { MaxDegreeOfParallelism = 2 });
            Assert.Equal(whole.GetDouble("cu").Values.ToArray(), parallel.GetDouble("cu").Values.ToArray()); // bitwise

            var tiled = new BlockModel(c.Grid);
            for (int k = c.Grid.CountZ - 1; k >= 0; k--)
            {
                BlockEstimator.Estimate(tiled, c.Samples, "cu", plan, blocks: tiled.Bench(k));
            }

            Assert.Equal(whole.GetDouble("cu").Values.ToArray(), tiled.GetDouble("cu").Values.ToArray());

            int[] order = Enumerable.Range(0, c.Points.Length).OrderBy(i => (i * 7919 + seed) % c.Points.Length).ToArray();
            var shuffled = SampleSet.Of(order.Select(i => c.Points[i]).ToArray(), "cu", order.Select(i => c.Values[i]).ToArray(), order.Select(i => c.Holes[i]).ToArray());
            var reordered = new BlockModel(c.Grid);
            BlockEstimator.Estimate(reordered, shuffled, "cu", plan);
            for (int row = 0; row < whole.Count; row++)
            {
                Assert.Equal(whole.GetDouble("cu")[row], reordered.GetDouble("cu")[row], 1e-10);
            }
        });

    [Property(MaxTest = 20)]
    public Property A_rigid_rotation_and_translation_of_everything_changes_nothing() =>
        Prop.ForAll(Seeds, Gen.Choose(-180, 180).ToArbitrary(), (seed, turn) =>
        {
            Case c = MakeCase(seed, azimuth: 35);
            Case turned = MakeCase(seed, azimuth: 35 + turn);
            var shift = new Point3(612_345.5, 2_876_543.25, 1_800);
            double a = turn * Math.PI / 180;
            Point3 Move(Point3 p) => new Point3(p.X * Math.Cos(a) + p.Y * Math.Sin(a), -p.X * Math.Sin(a) + p.Y * Math.Cos(a), p.Z) + shift;
            var movedGrid = new GridDefinition(Move(c.Grid.Origin), c.Grid.BlockSize, c.Grid.CountX, c.Grid.CountY, c.Grid.CountZ, c.Grid.Azimuth + turn);
            var movedSamples = SampleSet.Of(c.Points.Select(Move).ToArray(), "cu", c.Values, c.Holes);

            // Octants that turn with everything: GSLIB's, of the data's axes, stay put (as in GSLIB itself).
            var plan = new EstimationPlan(EstimationMethod.OrdinaryKriging, c.Search with { Octants = OctantFrame.SearchEllipsoid })
            {
                Variogram = c.Model, Discretisation = new BlockDiscretisation(2, 2, 2),
            };
            var movedPlan = new EstimationPlan(EstimationMethod.OrdinaryKriging, turned.Search with { Octants = OctantFrame.SearchEllipsoid })
            {
                Variogram = turned.Model, Discretisation = new BlockDiscretisation(2, 2, 2),
            };
            var before = new BlockModel(c.Grid);
            var after = new BlockModel(movedGrid);
            BlockEstimator.Estimate(before, c.Samples, "cu", plan);
            BlockEstimator.Estimate(after, movedSamples, "cu", movedPlan);
            for (int row = 0; row < before.Count; row++)
            {
                double x = before.GetDouble("cu")[row], y = after.GetDouble("cu")[row];
                if (before.GetInteger("cu_n")[row] != after.GetInteger("cu_n")[row])
                {
                    continue; // a sample on the ellipsoid's surface may tip in or out under round-off
                }

                Assert.True(double.IsNaN(x) ? double.IsNaN(y) : Math.Abs(x - y) <= 1e-8 * Math.Max(1, Math.Abs(x)), $"row {row}: {x} vs {y}");
            }
        });

    [Fact]
    public void Simple_kriging_with_a_huge_constant_added_to_the_covariance_tends_to_ordinary_kriging()
    {
        Case c = MakeCase(42);
        var okPlan = new EstimationPlan(EstimationMethod.OrdinaryKriging, c.Search) { Variogram = c.Model };
        // A spherical structure with an enormous range adds an almost constant covariance A.
        var shifted = new VariogramModel(c.Model.Nugget, [.. c.Model.Structures, VariogramStructure.Isotropic(StructureType.Spherical, 1e4, 1e12)]);
        var skPlan = new EstimationPlan(EstimationMethod.SimpleKriging, c.Search) { Variogram = shifted, Mean = 0 };
        BlockEstimate[] ok = PointEstimator.Estimate(c.Samples, "cu", okPlan, [new Point3(100, 100, 80), new Point3(40, 160, 60)], out _);
        BlockEstimate[] sk = PointEstimator.Estimate(c.Samples, "cu", skPlan, [new Point3(100, 100, 80), new Point3(40, 160, 60)], out _);
        for (int i = 0; i < ok.Length; i++)
        {
            Assert.Equal(ok[i].Estimate, sk[i].Estimate, 1e-4);
        }
    }

    /// <summary>
    /// A block's covariance with a sample carries no nugget, even when the sample sits exactly on a discretisation
    /// point (GSLIB's kt3d subtracts it there; gstat moves such a lag off zero). Under a pure nugget model every
    /// c̄ is then 0, so ordinary block kriging weighs the samples equally and returns their mean; point kriging at
    /// that same point is exact, as it must be.
    /// </summary>
    [Fact]
    public void A_sample_on_a_discretisation_point_adds_no_nugget_to_the_block_covariance()
    {
        Point3[] points = [new(2.5, 2.5, 2.5), new(30, 0, 0), new(0, 30, 5), new(-20, 10, 0), new(15, -25, 10)];
        double[] values = [9, 1, 2, 3, 4];
        SampleSet samples = SampleSet.Of(points, "cu", values, [0, 1, 2, 3, 4]);
        var plan = new EstimationPlan(EstimationMethod.OrdinaryKriging, new SearchNeighbourhood(Ellipsoid.Isotropic(100), 2, 8))
        {
            Variogram = new VariogramModel(1.0),
            Discretisation = new BlockDiscretisation(2, 2, 2), // offsets ±2.5 m from the centre (5, 5, 5): one is the first sample
        };
        BlockEstimate block = PointEstimator.EstimateBlocks(samples, "cu", plan, [new Point3(5, 5, 5)], new Point3(10, 10, 10), out _)[0];
        Assert.Equal(values.Average(), block.Estimate, 1e-12);
        BlockEstimate point = PointEstimator.Estimate(samples, "cu", plan, [points[0]], out _)[0];
        Assert.Equal(9, point.Estimate, 1e-12);
    }

    [Fact]
    public void Many_coincident_samples_leave_the_system_of_the_others()
    {
        // Several duplicated samples (drops early, late and in runs), zero nugget: each later copy is dropped and
        // the estimate is that of the textbook system without the copies.
        var random = new Random(17);
        var model = new VariogramModel(0,
            new VariogramStructure(StructureType.Spherical, 0.6, Ellipsoid.FromGslib(90, 20, 0, 0, 0.7, 0.5)),
            new VariogramStructure(StructureType.Exponential, 0.4, Ellipsoid.FromGslib(200, 40, 0, 0, 0.8, 0.6)));
        for (int trial = 0; trial < 40; trial++)
        {
            var p = new List<Point3>();
            for (int i = 0; i < 30; i++)
            {
                p.Add(i > 0 && random.NextDouble() < 0.25 ? p[random.Next(i)] : new Point3(random.NextDouble() * 100, random.NextDouble() * 100, random.NextDouble() * 20));
            }

            double[] z = p.Select(_ => random.NextDouble()).ToArray();
            int[] first = Enumerable.Range(0, p.Count).Where(i => p.IndexOf(p[i]) == i).ToArray();
            var plan = new EstimationPlan(EstimationMethod.OrdinaryKriging, SearchNeighbourhood.Nearest(p.Count)) { Variogram = model };
            var target = new Point3(random.NextDouble() * 100, random.NextDouble() * 100, random.NextDouble() * 20);
            BlockEstimate[] e = PointEstimator.Estimate(SampleSet.Of(p.ToArray(), "z", z), "z", plan, [target], out _);
            Assert.Equal(p.Count - first.Length, e[0].SamplesDropped);
            var reference = NaiveEstimation.Krige(p.ToArray(), z, first, [target], model, true, 0);
            Assert.Equal(reference.Estimate, e[0].Estimate, 1e-9);
            Assert.Equal(reference.Variance, e[0].Variance, 1e-9);
        }
    }

    [Fact]
    public void Coincident_samples_are_dropped_and_counted_never_NaN()
    {
        // Zero nugget and two samples at the same place: the covariance matrix is exactly singular.
        Point3[] p = [new(0, 0, 0), new(10, 0, 0), new(10, 0, 0), new(0, 10, 0), new(10, 10, 0)];
        double[] z = [1, 2, 4, 3, 5];
        var model = new VariogramModel(0, VariogramStructure.Isotropic(StructureType.Spherical, 1, 50));
        var plan = new EstimationPlan(EstimationMethod.OrdinaryKriging, SearchNeighbourhood.Nearest(5)) { Variogram = model };
        BlockEstimate[] e = PointEstimator.Estimate(SampleSet.Of(p, "z", z), "z", plan, [new Point3(4, 3, 0)], out EstimationReport report);
        Assert.True(double.IsFinite(e[0].Estimate));
        Assert.Equal(4, e[0].Samples);
        Assert.Equal(1, e[0].SamplesDropped);
        Assert.Equal(1, report.SamplesDropped);
        Assert.Equal(1, report.BlocksWithDroppedSamples);
        Assert.Contains("coincident samples dropped", report.ToString());
        // The kept sample of the pair is the first by index (value 2); the result is OK on the other four.
        var reference = NaiveEstimation.Krige(p, z, [0, 1, 3, 4], [new Point3(4, 3, 0)], model, true, 0);
        Assert.Equal(reference.Estimate, e[0].Estimate, 1e-12);
    }

    [Fact]
    public void Later_passes_estimate_what_earlier_ones_cannot_and_the_rest_stays_missing()
    {
        Point3[] p = [new(0, 0, 0), new(5, 0, 0), new(0, 5, 0)];
        var samples = SampleSet.Of(p, "z", [1.0, 2, 3]);
        var grid = new GridDefinition(new Point3(-10, -10, -5), new Point3(20, 20, 10), 20, 1, 1);
        var model = new BlockModel(grid);
        var plan = new EstimationPlan(EstimationMethod.InverseDistance,
            new SearchNeighbourhood(Ellipsoid.Isotropic(30), 3, 8),
            new SearchNeighbourhood(Ellipsoid.Isotropic(150), 3, 8));
        EstimationReport report = BlockEstimator.Estimate(model, samples, "z", plan);
        IntegerAttribute pass = model.GetInteger("z_pass");
        Assert.Equal(1, pass[0]);
        Assert.Equal(2, pass[5]);
        Assert.True(pass.IsMissing(19));
        Assert.True(double.IsNaN(model.GetDouble("z")[19]));
        Assert.Equal(0, model.GetInteger("z_n")[19]);
        Assert.Equal(20, report.EstimatedPerPass[0] + report.EstimatedPerPass[1] + report.Unestimated);
        Assert.Equal(Enumerable.Range(0, 20).Count(r => pass[r] == 1), report.EstimatedPerPass[0]);
    }

    [Fact]
    public void Bad_plans_are_rejected_with_the_reason()
    {
        var search = SearchNeighbourhood.Nearest(4);
        Assert.Contains("variogram", Assert.Throws<ArgumentException>(() => new EstimationPlan(EstimationMethod.OrdinaryKriging, search).Validate()).Message);
        var model = new VariogramModel(0, VariogramStructure.Isotropic(StructureType.Spherical, 1, 10));
        Assert.Contains("mean", Assert.Throws<ArgumentException>(() => new EstimationPlan(EstimationMethod.SimpleKriging, search) { Variogram = model }.Validate()).Message);
        Assert.Contains("power", Assert.Throws<ArgumentException>(() => new EstimationPlan(EstimationMethod.InverseDistance, search) { Power = 0 }.Validate()).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SearchNeighbourhood(Ellipsoid.Isotropic(10), 5, 4));
        Assert.Throws<ArgumentException>(() => new EstimationPlan(EstimationMethod.InverseDistance));
    }

    [Fact]
    public void Cancellation_stops_the_run()
    {
        Case c = MakeCase(1);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var plan = new EstimationPlan(EstimationMethod.OrdinaryKriging, c.Search) { Variogram = c.Model };
        Assert.ThrowsAny<OperationCanceledException>(() => BlockEstimator.Estimate(new BlockModel(c.Grid), c.Samples, "cu", plan, cancellationToken: cancel.Token));
    }

    [Fact]
    public void Leave_one_hole_out_never_uses_the_samples_own_hole()
    {
        Case c = MakeCase(5);
        var plan = new EstimationPlan(EstimationMethod.InverseDistance, new SearchNeighbourhood(Ellipsoid.Isotropic(1e6), 1, 200));
        CrossValidationResult byHole = CrossValidation.Run(c.Samples, "cu", plan, LeaveOut.Hole);
        for (int i = 0; i < c.Points.Length; i++)
        {
            double expected = Enumerable.Range(0, c.Points.Length).Where(j => c.Holes[j] != c.Holes[i])
                .Select(j => (W: 1 / Math.Pow(c.Points[i].DistanceTo(c.Points[j]), 2), Z: c.Values[j]))
                .Aggregate((W: 0.0, WZ: 0.0), (acc, t) => (acc.W + t.W, acc.WZ + t.W * t.Z), acc => acc.WZ / acc.W);
            Assert.Equal(expected, byHole.Points[i].Estimate, 1e-10);
        }
    }
}
