using DepositTwin.Geometry;
using DepositTwin.Variography;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DepositTwin.Tests.Variography;

public class VariogramModelTests
{
    private static readonly StructureType[] WithSill = [StructureType.Spherical, StructureType.Exponential, StructureType.Gaussian, StructureType.Cubic];

    internal static Arbitrary<VariogramModel> Models =>
        (from nugget in Gen.Choose(0, 30)
         from count in Gen.Choose(1, 3)
         from parts in Gen.ArrayOf(
             from type in Gen.Elements(WithSill)
             from sill in Gen.Choose(1, 100)
             from major in Gen.Choose(10, 500)
             from r1 in Gen.Choose(10, 100)
             from r2 in Gen.Choose(5, 100)
             from az in Gen.Choose(0, 359)
             from dip in Gen.Choose(-90, 90)
             from rake in Gen.Choose(-90, 90)
             select new VariogramStructure(type, sill / 100.0, Ellipsoid.FromGslib(major, az, dip, rake, r1 / 100.0, r2 / 100.0)), count)
         select new VariogramModel(nugget / 100.0, parts)).ToArbitrary();

    private static Arbitrary<Point3> Lags =>
        (from x in Gen.Choose(-600, 600) from y in Gen.Choose(-600, 600) from z in Gen.Choose(-200, 200)
         select new Point3(x, y, z)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Gamma_is_zero_at_zero_and_C_is_the_sill_minus_gamma() =>
        Prop.ForAll(Models, Lags, (model, lag) =>
        {
            Assert.Equal(0, model.Gamma(Point3.Zero));
            Assert.Equal(model.TotalSill, model.Covariance(Point3.Zero), 1e-15);
            if (lag != Point3.Zero)
            {
                Assert.Equal(model.TotalSill - model.Gamma(lag), model.Covariance(lag), 1e-12);
                Assert.True(model.Gamma(lag) >= model.Nugget - 1e-15);
            }
        });

    [Property(MaxTest = 300)]
    public Property Gamma_never_decreases_along_a_ray() =>
        Prop.ForAll(Models, Lags, (model, direction) =>
        {
            if (direction == Point3.Zero)
            {
                return;
            }

            double previous = 0;
            for (int step = 1; step <= 60; step++)
            {
                double gamma = model.Gamma(direction * (step / 20.0));
                Assert.True(gamma >= previous - 1e-13, $"γ fell from {previous} to {gamma} at step {step}");
                previous = gamma;
            }
        });

    [Property(MaxTest = 200)]
    public Property A_nested_model_is_the_sum_of_its_structures() =>
        Prop.ForAll(Models, Lags, (model, lag) =>
        {
            if (lag == Point3.Zero)
            {
                return;
            }

            double sum = model.Nugget + model.Structures.Sum(s => new VariogramModel(0, s).Gamma(lag));
            Assert.Equal(sum, model.Gamma(lag), 1e-12);
        });

    [Property(MaxTest = 200)]
    public Property Rotating_points_and_model_together_keeps_gamma() =>
        Prop.ForAll(Models, Lags, Gen.Choose(0, 359).ToArbitrary(), (model, lag, turn) =>
        {
            Matrix3 q = Rotation.FromGslib(turn, -turn % 60, turn % 45).Matrix.Transpose(); // any proper rotation
            var turned = new VariogramModel(model.Nugget, model.Structures.Select(s =>
            {
                Rotation r = Rotation.FromAxes(q.Transform(s.Anisotropy.Rotation.MajorAxis), q.Transform(s.Anisotropy.Rotation.SemiMajorAxis));
                return new VariogramStructure(s.Type, s.Sill, new Ellipsoid(r, s.Anisotropy.Major, s.Anisotropy.SemiMajor, s.Anisotropy.Minor));
            }));
            var a = new Point3(120, -40, 7);
            Assert.Equal(model.Gamma(a, a + lag), turned.Gamma(q.Transform(a), q.Transform(a + lag)), 1e-9);
        });

    [Fact]
    public void Shapes_match_their_textbook_values_at_the_range()
    {
        Assert.Equal(1.0, VariogramStructure.Isotropic(StructureType.Spherical, 1, 100).Gamma(1.0), 15);
        Assert.Equal(1 - Math.Exp(-3), VariogramStructure.Isotropic(StructureType.Exponential, 1, 100).Gamma(1.0), 15);
        Assert.Equal(1 - Math.Exp(-3), VariogramStructure.Isotropic(StructureType.Gaussian, 1, 100).Gamma(1.0), 15);
        Assert.Equal(1.0, VariogramStructure.Isotropic(StructureType.Cubic, 1, 100).Gamma(1.0), 14);
        Assert.Equal(0.6875, VariogramStructure.Isotropic(StructureType.Spherical, 1, 100).Gamma(0.5), 15);
        var power = new VariogramStructure(StructureType.Power, 2, Ellipsoid.Isotropic(10), exponent: 1.5);
        Assert.Equal(2 * Math.Pow(3, 1.5), power.Gamma(new Point3(0, 0, 0), new Point3(30, 0, 0)), 12);
        var model = new VariogramModel(0.1, power);
        Assert.False(model.HasSill);
        Assert.Equal(VariogramModel.PowerModelConstant + 0.1 - model.Gamma(new Point3(5, 0, 0)), model.Covariance(new Point3(5, 0, 0)), 12);
    }

    [Fact]
    public void Scale_parameters_convert_to_practical_ranges()
    {
        Assert.Equal(300, VariogramStructure.FromScale(StructureType.Exponential, 1, 100).Anisotropy.Major, 12);
        Assert.Equal(100 * Math.Sqrt(3), VariogramStructure.FromScale(StructureType.Gaussian, 1, 100).Anisotropy.Major, 12);
        Assert.Equal(100, VariogramStructure.FromScale(StructureType.Spherical, 1, 100).Anisotropy.Major, 12);
        // gstat's Exp(a): γ(a) = 1 − e⁻¹ — the same value at h = scale.
        Assert.Equal(1 - Math.Exp(-1), new VariogramModel(0, VariogramStructure.FromScale(StructureType.Exponential, 1, 100)).Gamma(new Point3(100, 0, 0)), 14);
    }

    [Fact]
    public void Invalid_parameters_are_rejected_naming_them()
    {
        Assert.Equal("nugget", Assert.Throws<ArgumentOutOfRangeException>(() => new VariogramModel(-0.1, VariogramStructure.Isotropic(StructureType.Spherical, 1, 10))).ParamName);
        Assert.Equal("sill", Assert.Throws<ArgumentOutOfRangeException>(() => VariogramStructure.Isotropic(StructureType.Spherical, 0, 10)).ParamName);
        Assert.Equal("major", Assert.Throws<ArgumentOutOfRangeException>(() => VariogramStructure.Isotropic(StructureType.Spherical, 1, -10)).ParamName);
        Assert.Equal("anis1", Assert.Throws<ArgumentOutOfRangeException>(() => Ellipsoid.FromGslib(100, 0, 0, 0, 1.5, 0.5)).ParamName);
        Assert.Equal("exponent", Assert.Throws<ArgumentOutOfRangeException>(() => new VariogramStructure(StructureType.Power, 1, Ellipsoid.Isotropic(1), 2)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new VariogramModel(0));
    }

    [Fact]
    public void Block_covariances_leave_the_nugget_out_of_the_block_to_block_term()
    {
        var model = new VariogramModel(0.2, VariogramStructure.Isotropic(StructureType.Spherical, 0.8, 100));
        Point3[] single = [new Point3(5, 5, 5)];
        Assert.Equal(0.8, model.AverageBlockCovariance(single), 15); // C(0) without the nugget
        Assert.Equal(1.0, model.AverageCovariance(single[0], single), 15); // point to itself: with nugget

        var grid = new GridDefinition(Point3.Zero, new Point3(40, 40, 1), 1, 1, 1);
        Point3[] block = new BlockDiscretisation(4, 4, 1).Points(grid, 0);
        double brute = 0;
        foreach (Point3 p in block)
        {
            foreach (Point3 q in block)
            {
                brute += model.CovarianceWithoutNugget(p, q);
            }
        }

        Assert.Equal(brute / 256, model.AverageBlockCovariance(block), 15);

        // A point on a discretisation point: the block's covariance with it has no nugget (kt3d, gstat).
        double structured = block.Average(q => model.CovarianceWithoutNugget(block[5], q));
        Assert.Equal(structured, model.AverageCovariance(block[5], block), 15);
    }
}

public class VariogramFitterTests
{
    [Fact]
    public void A_joint_fit_of_three_directions_recovers_an_anisotropic_nested_model()
    {
        Rotation orientation = Rotation.FromGslib(30, 0, 0);
        var truth = new VariogramModel(0.1,
            new VariogramStructure(StructureType.Spherical, 0.5, new Ellipsoid(orientation, 120, 60, 20)),
            new VariogramStructure(StructureType.Exponential, 0.4, new Ellipsoid(orientation, 400, 200, 80)));
        var directions = new[] { new VariogramDirection(30, 0, 22.5), new VariogramDirection(120, 0, 22.5), new VariogramDirection(0, -90, 22.5) };
        ExperimentalVariogram[] experimental = directions.Select(d => ExperimentalVariogram.FromLags(
            Enumerable.Range(1, 25).Select(k =>
            {
                double h = k * 12.0;
                return new VariogramLag(k, new LagClass(h - 6, h + 6, false), 100 + k, h, truth.Gamma(h * d.Vector));
            }), d)).ToArray();

        var start = new VariogramModel(0.3,
            new VariogramStructure(StructureType.Spherical, 0.3, new Ellipsoid(orientation, 200, 200, 200)),
            new VariogramStructure(StructureType.Exponential, 0.3, new Ellipsoid(orientation, 300, 300, 300)));
        VariogramFit fit = VariogramFitter.Fit(start, experimental, new VariogramFitOptions { Weighting = FitWeighting.Pairs });

        Assert.True(fit.WeightedSse < 1e-12, $"SSE {fit.WeightedSse}: {fit.Model}");
        Assert.Equal(75, fit.LagsUsed);
        foreach (VariogramDirection d in directions)
        {
            for (double h = 5; h < 300; h += 25)
            {
                Assert.Equal(truth.Gamma(h * d.Vector), fit.Model.Gamma(h * d.Vector), 1e-5);
            }
        }
    }

    [Fact]
    public void Fixed_parameters_stay_fixed()
    {
        var truth = new VariogramModel(0.2, VariogramStructure.Isotropic(StructureType.Spherical, 1, 100));
        var lags = Enumerable.Range(1, 20).Select(k => new VariogramLag(k, new LagClass(0, 1, false), 50, k * 6.0, truth.Gamma(new Point3(k * 6.0, 0, 0))));
        var experimental = ExperimentalVariogram.FromLags(lags, VariogramDirection.Omnidirectional);
        var start = new VariogramModel(0.05, VariogramStructure.Isotropic(StructureType.Spherical, 0.5, 60));
        VariogramFit fit = VariogramFitter.Fit(start, [experimental], new VariogramFitOptions { FitNugget = false });
        Assert.Equal(0.05, fit.Model.Nugget);
        Assert.True(fit.Model.Structures[0].Sill > 0.5);
        Assert.Throws<ArgumentException>(() => VariogramFitter.Fit(start, [ExperimentalVariogram.FromLags([], VariogramDirection.Omnidirectional)]));
    }

    [Fact]
    public void Plot_data_holds_lags_and_the_model_curve()
    {
        using var folder = new TempFolder();
        var model = new VariogramModel(0.2, VariogramStructure.Isotropic(StructureType.Spherical, 1, 100));
        var experimental = ExperimentalVariogram.FromLags([new VariogramLag(0, new LagClass(0, 10, false), 5, 7.5, 0.3)], VariogramDirection.Omnidirectional);
        string path = folder.File("vario.csv");
        experimental.WriteCsv(path, model);
        string[] lines = File.ReadAllLines(path);
        Assert.Equal("lag,lower,upper,pairs,distance,value,model", lines[0]);
        Assert.Equal(FormattableString.Invariant($"0,0,10,5,7.5,0.3,{model.Gamma(new Point3(7.5, 0, 0)):R}"), lines[1]);
        (double Distance, double Gamma)[] curve = model.Curve(new Point3(1, 0, 0), 200, 4);
        Assert.Equal([0.0, 50, 100, 150, 200], curve.Select(c => c.Distance));
        Assert.Equal(1.2, curve[^1].Gamma, 15);
    }
}
