using DepositTwin.Drillholes;
using DepositTwin.Geometry;
using DepositTwin.Simulation;
using DepositTwin.Variography;

namespace DepositTwin.Tests.Simulation;

public class SimulationTests
{
    /// <summary>Deposits take a second or two to build (their random fields): the tests share them.</summary>
    internal static readonly Lazy<PorphyryCopperDeposit> Porphyry = new(() => new PorphyryCopperDeposit(seed: 1));

    internal static readonly Lazy<BauxiteDeposit> Bauxite = new(() => new BauxiteDeposit(seed: 3));

    private static (Point3[] Points, double[] Values) Realisation(GridDefinition grid, VariogramModel model, int seed)
    {
        double[] field = new GaussianRandomField(grid, model).Simulate(seed);
        return (Enumerable.Range(0, grid.BlockCount).Select(grid.Centroid).ToArray(), field);
    }

    [Fact]
    public void A_seed_fixes_the_realisation()
    {
        var grid = new GridDefinition(Point3.Zero, new Point3(5, 5, 5), 20, 10, 4);
        var model = new VariogramModel(0, new VariogramStructure(StructureType.Exponential, 1, new Ellipsoid(Rotation.None, 40, 40, 20)));
        var field = new GaussianRandomField(grid, model);
        Assert.Equal(field.Simulate(3), field.Simulate(3));
        Assert.NotEqual(field.Simulate(3), field.Simulate(4));
        Assert.Equal(0, field.ClippedSpectrum, 1e-3);
    }

    [Fact]
    public void The_experimental_variogram_of_a_large_realisation_matches_the_model_along_each_axis()
    {
        // Anisotropic in 3D on a non-cubic grid: 60 m along x, 30 m along y, 12 m along z (practical ranges).
        var grid = new GridDefinition(Point3.Zero, new Point3(3, 3, 2), 96, 80, 40);
        var model = new VariogramModel(0.1, new VariogramStructure(StructureType.Spherical, 0.9, new Ellipsoid(Rotation.FromGslib(90, 0, 0), 60, 30, 12)));
        double[] values = new GaussianRandomField(grid, model).Simulate(11);
        Assert.InRange(values.Average(), -0.15, 0.15);
        Assert.InRange(values.Select(v => v * v).Average(), 0.8, 1.2);

        // GSLIB gam: the variogram of gridded values along each axis, lag by lag.
        (int Di, int Dj, int Dk, Point3 Unit)[] axes = [(1, 0, 0, new Point3(3, 0, 0)), (0, 1, 0, new Point3(0, 3, 0)), (0, 0, 1, new Point3(0, 0, 2))];
        foreach ((int di, int dj, int dk, Point3 unit) in axes)
        {
            for (int lag = 1; lag <= 12; lag++)
            {
                double sum = 0;
                long pairs = 0;
                for (int k = 0; k + lag * dk < grid.CountZ; k++)
                {
                    for (int j = 0; j + lag * dj < grid.CountY; j++)
                    {
                        for (int i = 0; i + lag * di < grid.CountX; i++)
                        {
                            double d = values[grid.LinearIndex(i + lag * di, j + lag * dj, k + lag * dk)] - values[grid.LinearIndex(i, j, k)];
                            sum += 0.5 * d * d;
                            pairs++;
                        }
                    }
                }

                double expected = model.Gamma(lag * unit);
                Assert.True(Math.Abs(sum / pairs - expected) < 0.12, $"lag {lag} × {unit}: γ = {sum / pairs:0.000}, model {expected:0.000}");
            }
        }
    }

    [Fact]
    public void Normal_scores_reproduce_the_data_and_are_standard_normal()
    {
        var random = new Random(5);
        double[] z = Enumerable.Range(0, 2000).Select(_ => Math.Exp(GaussianRandomField.StandardNormal(random))).ToArray();
        NormalScore ns = NormalScore.Fit(z);
        double[] y = z.Select(ns.Forward).ToArray();
        Assert.InRange(y.Average(), -0.01, 0.01);
        Assert.InRange(y.Select(v => v * v).Average(), 0.97, 1.01);
        Assert.All(z, v => Assert.Equal(v, ns.Back(ns.Forward(v)), 1e-9));
        Assert.Equal(z.Min(), ns.Back(-10));
        Assert.Equal(z.Max(), ns.Back(10));
        Assert.True(ns.Back(0.3) > ns.Back(0.2));
    }

    [Fact]
    public void Synthetic_deposits_are_fixed_by_their_seed_and_look_like_their_kind()
    {
        PorphyryCopperDeposit a = Porphyry.Value;
        var b = new PorphyryCopperDeposit(seed: 1);
        var p = new Point3(500_650, 2_900_620, 3_200);
        Assert.Equal(a.Value(0, p), b.Value(0, p));
        Assert.Equal(a.Value(1, p), b.Value(1, p));
        Assert.Equal(1, a.Zone(p));
        Assert.True(a.Value(0, p) > a.Value(0, new Point3(501_150, 2_901_150, 3_000)));

        BauxiteDeposit bauxite = Bauxite.Value;
        var inLayer = new List<(double Al, double Si)>();
        for (int i = 0; i < 400; i++)
        {
            double x = 400_050 + (i % 20) * 75, y = 4_000_050 + (i / 20) * 55;
            var q = new Point3(x, y, 0.5 * (bauxite.Floor(x, y) + bauxite.Roof(x, y)));
            Assert.Equal(1, bauxite.Zone(q));
            inLayer.Add((bauxite.Value(0, q), bauxite.Value(1, q)));
        }

        double ma = inLayer.Average(t => t.Al), ms = inLayer.Average(t => t.Si);
        double r = inLayer.Sum(t => (t.Al - ma) * (t.Si - ms)) / Math.Sqrt(inLayer.Sum(t => (t.Al - ma) * (t.Al - ma)) * inLayer.Sum(t => (t.Si - ms) * (t.Si - ms)));
        Assert.True(r < -0.6, $"Al₂O₃–SiO₂ correlation {r:0.00}");
        Assert.InRange(ma, 45, 60);
    }

    [Fact]
    public void Drilled_files_import_with_only_the_anomalies_put_in_on_purpose()
    {
        using var folder = new TempFolder();
        PorphyryCopperDeposit deposit = Porphyry.Value;
        var campaign = new DrillingCampaign
        {
            Area = (500_400, 2_900_400, 500_800, 2_900_800), Spacing = 100, Dip = -70, Azimuth = 240, Depth = 300, MissingFraction = 0.02,
        };
        DrilledFiles files = DrillingSimulator.Drill(deposit, campaign, folder.Path);
        Assert.Equal(16, files.Holes);
        var (db, report) = DrillholeCsv.Read(files.Collar, files.Survey, [new IntervalTableSource("assay", files.Assay)]);
        Assert.Equal(16, db.Holes.Count);
        Assert.Equal(files.Injected.Select(i => (i.Kind, i.Hole, i.Line)).Order(), report.Anomalies.Select(a => (a.Kind, a.HoleId, a.Line)).Order());
        Assert.True(report.Columns.Single(c => c.Column == "Cu").Blank > 0);

        // The holes deviate, but stay close to plan, and the assays see the deposit.
        Drillhole first = db.Holes[0];
        Point3 end = first.Trajectory().PointAt(300);
        Assert.InRange((end - first.Collar).Length, 299, 300.0001);
        Assert.InRange(first.Collar.Z - end.Z, 260, 290);   // about 300 × sin 70°
        var composites = db.Composite("assay", ["Cu"], new CompositingOptions { Length = 10 });
        Assert.True(composites.Values("Cu").ToArray().Where(v => !double.IsNaN(v)).Average() > 0.1);

        // Same seed, same files.
        using var again = new TempFolder();
        DrilledFiles files2 = DrillingSimulator.Drill(deposit, campaign, again.Path);
        Assert.Equal(File.ReadAllText(files.Assay), File.ReadAllText(files2.Assay));
    }
}
