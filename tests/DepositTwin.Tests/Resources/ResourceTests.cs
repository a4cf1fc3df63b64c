using DepositTwin.BlockModels;
using DepositTwin.Geometry;
using DepositTwin.Resources;
using DepositTwin.Variography;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DepositTwin.Tests.Resources;

public class ResourceTests
{
    /// <summary>A row of blocks 10 × 10 × 5 m (500 m³ each) with the given copper grades, density 2.5 (1,250 t per block).</summary>
    private static BlockModel Row(params double[] cu)
    {
        var model = new BlockModel(new GridDefinition(Point3.Zero, new Point3(10, 10, 5), cu.Length, 1, 1));
        cu.CopyTo(model.AddDouble("Cu", "%").Values);
        DensityModel.Constant(2.5).WriteTonnes(model);
        return model;
    }

    [Fact]
    public void Tonnes_are_volume_times_proportion_times_density()
    {
        BlockModel model = Row(0.1, 0.2, 0.3, 0.4);
        Assert.All(model.GetDouble("tonnes").Values.ToArray(), t => Assert.Equal(1250, t));
        Assert.All(model.GetDouble("density").Values.ToArray(), d => Assert.Equal(2.5, d));

        IntegerAttribute domain = model.AddInteger("domain");
        new[] { 1, 1, 2, 3 }.CopyTo(domain.Values);
        DoubleAttribute proportion = model.AddDouble("prop");
        new[] { 1.0, 0.5, 1, 1 }.CopyTo(proportion.Values);
        int missing = DensityModel.PerDomain("domain", new Dictionary<int, double> { [1] = 2.6, [2] = 2.8 }).WriteTonnes(model, proportion: "prop");
        Assert.Equal([1300.0, 650, 1400, double.NaN], model.GetDouble("tonnes").Values.ToArray());
        Assert.Equal(1, missing);

        // Bauxite: density from Al₂O₃, clamped.
        DoubleAttribute al = model.AddDouble("Al2O3");
        new[] { 40.0, 50, double.NaN, 200 }.CopyTo(al.Values);
        DensityModel.Regression("Al2O3", 1.8, 0.01, maximum: 3).WriteTonnes(model, "t_bx", density: "rho_bx");
        Assert.Equal([2.2, 2.3, double.NaN, 3.0], model.GetDouble("rho_bx").Values.ToArray().Select(v => Math.Round(v, 12)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DensityModel.Constant(0));
    }

    [Fact]
    public void A_grade_tonnage_curve_by_hand()
    {
        BlockModel model = Row(0.1, 0.3, 0.5, double.NaN);
        GradeTonnageCurve curve = GradeTonnageCurve.Compute(model, "Cu", [0, 0.2, 0.4, 0.6], metalFactor: 0.01);
        Assert.Equal([3750.0, 2500, 1250, 0], curve.Points.Select(p => p.Tonnes));
        Assert.Equal(0.3, curve.Points[0].MeanGrade, 1e-15);
        Assert.Equal(0.4, curve.Points[1].MeanGrade, 1e-15);
        Assert.Equal(0.5, curve.Points[2].MeanGrade, 1e-15);
        Assert.True(double.IsNaN(curve.Points[3].MeanGrade));
        Assert.Equal([11.25, 10, 6.25, 0], curve.Points.Select(p => Math.Round(p.Metal, 12)));
        Assert.Equal(1, curve.Unknown);
        Assert.Contains("| 0.2 | 2,500 | 0.400 | 10 |", curve.ToString(), StringComparison.Ordinal);
    }

    [Property(MaxTest = 50)]
    public Property Tonnes_and_metal_above_cut_off_never_increase_with_the_cut_off() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, 2000).Select(i => i / 1000.0), 60).ToArbitrary(), grades =>
        {
            BlockModel model = Row(grades);
            double[] cutOffs = Enumerable.Range(0, 25).Select(i => i * 0.1).ToArray();
            var points = GradeTonnageCurve.Compute(model, "Cu", cutOffs).Points;
            return points.Zip(points.Skip(1)).All(p => p.Second.Tonnes <= p.First.Tonnes && p.Second.Metal <= p.First.Metal);
        });

    [Property(MaxTest = 50)]
    public Property Totals_do_not_depend_on_block_order() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(1, 100000).Select(i => i / 997.0), 50).ToArbitrary(), grades =>
        {
            // The same blocks in reverse row order (the grid mirrored along i): totals must agree to the bit.
            BlockModel forward = Row(grades), backward = Row([.. grades.Reverse()]);
            var options = new ResourceStatementOptions { Grades = ["Cu"], CutOffs = [0, 20, 50], Class = null };
            var a = ResourceStatement.Compute(forward, options);
            var b = ResourceStatement.Compute(backward, options);
            return a.Lines.Zip(b.Lines).All(p => p.First.Tonnes == p.Second.Tonnes && p.First.Metal[0] == p.Second.Metal[0]);
        });

    [Fact]
    public void Bauxite_ore_needs_alumina_and_an_alumina_silica_ratio()
    {
        BlockModel model = Row(0, 0, 0, 0, 0);
        DoubleAttribute al = model.AddDouble("Al2O3"), si = model.AddDouble("SiO2");
        new[] { 55.0, 50, 45, 38, 60 }.CopyTo(al.Values);
        new[] { 5.0, 12, 9, 2, double.NaN }.CopyTo(si.Values);
        // Ore: Al₂O₃ ≥ 40 and A/S ≥ 5 → blocks 0 (A/S 11) and 2 (A/S 5); 1 fails the ratio, 3 the grade, 4 lacks silica.
        var curve = GradeTonnageCurve.Compute(model, "Al2O3", [40], conditions: [OreCondition.RatioAtLeast("Al2O3", "SiO2", 5)]);
        Assert.Equal(2500, curve.Points[0].Tonnes);
        Assert.Equal(50, curve.Points[0].MeanGrade, 1e-12);
    }

    [Fact]
    public void Porphyry_copper_economics_worked_example()
    {
        // Cu at $9,000/t, 96.5 % payable, 88 % recovery, TC/RC $500/t, 3 % royalty; Mo at $40,000/t, 60 % recovery.
        var economics = new BlockEconomics
        {
            Commodities =
            [
                new Commodity("Cu", 9000, 0.01) { Payable = 0.965, Recovery = RecoveryCurve.Constant(0.88), SellingCost = 500, Royalty = 0.03 },
                new Commodity("Mo", 40000, 0.01) { Recovery = RecoveryCurve.Constant(0.6) },
            ],
            MiningCost = 2.2,
            ProcessingCost = 8.5,
            GeneralAndAdministrativeCost = 1.5,
        };
        double perPercent = 0.01 * 0.88 * 0.965 * 8500 * 0.97; // $ per tonne of ore per 1 % Cu
        Assert.Equal(10.0 / perPercent, economics.MarginalCutOff(), 1e-9);
        Assert.Equal(12.2 / perPercent, economics.BreakEvenCutOff(), 1e-9);
        Assert.Equal(0.5 * perPercent + 0.02 * 0.01 * 0.6 * 40000, economics.NetSmelterReturn([0.5, 0.02]), 1e-9);

        BlockModel model = Row(0.5, 0.1, double.NaN);
        DoubleAttribute mo = model.AddDouble("Mo");
        new[] { 0.02, 0.0, 0.0 }.CopyTo(mo.Values);
        economics.Apply(model);
        double nsr = economics.NetSmelterReturn([0.5, 0.02]);
        Assert.Equal(1250 * (nsr - 12.2), model.GetDouble("value")[0], 1e-6);
        Assert.Equal((int)Destination.Mill, model.GetInteger("destination")[0]);
        Assert.Equal(-1250 * 2.2, model.GetDouble("value")[1], 1e-9);     // 0.1 % Cu is below the marginal cut-off
        Assert.Equal((int)Destination.Waste, model.GetInteger("destination")[1]);
        Assert.Equal(-1250 * 2.2, model.GetDouble("value")[2], 1e-9);     // no grade: waste
    }

    [Fact]
    public void Bauxite_economics_and_a_grade_dependent_recovery()
    {
        // Alumina at $110 per tonne of contained Al₂O₃, recovery rising with grade.
        var economics = new BlockEconomics
        {
            Commodities = [new Commodity("Al2O3", 110, 0.01) { Recovery = RecoveryCurve.Table([(30, 0.6), (50, 0.9)]) }],
            MiningCost = 4,
            ProcessingCost = 12,
            GeneralAndAdministrativeCost = 2,
        };
        Assert.Equal(0.75, economics.Commodities[0].Recovery.At(40), 1e-15);
        Assert.Equal(0.9, economics.Commodities[0].Recovery.At(70), 1e-15);
        double marginal = economics.MarginalCutOff();
        Assert.Equal(14, economics.Commodities[0].NetRevenuePerTonne(marginal), 1e-8);
        Assert.Equal(18, economics.Commodities[0].NetRevenuePerTonne(economics.BreakEvenCutOff()), 1e-8);
        Assert.True(marginal < economics.BreakEvenCutOff());
    }

    /// <summary>A 5 × 5 × 1 model estimated everywhere, with the outputs classification reads.</summary>
    private static BlockModel Estimated(Func<int, int, (int Pass, int Holes, double Slope)> outputs)
    {
        var model = new BlockModel(new GridDefinition(Point3.Zero, new Point3(10, 10, 10), 5, 5, 1));
        DoubleAttribute cu = model.AddDouble("Cu_ok"), pass = model.AddDouble("Cu_ok_pass"), holes = model.AddDouble("Cu_ok_holes"), slope = model.AddDouble("Cu_ok_slope");
        for (int row = 0; row < model.Count; row++)
        {
            var (i, j) = (model.IndexOf(row).I, model.IndexOf(row).J);
            (int p, int h, double s) = outputs(i, j);
            (cu[row], pass[row], holes[row], slope[row]) = (0.5, p, h, s);
        }

        DensityModel.Constant(2.5).WriteTonnes(model);
        return model;
    }

    private static readonly ClassRule[] Rules =
    [
        new(ResourceClass.Measured) { MaximumPass = 1, MinimumHoles = 3, MinimumSlope = 0.9 },
        new(ResourceClass.Indicated) { MaximumPass = 2, MinimumHoles = 2 },
        new(ResourceClass.Inferred) { MaximumPass = 3 },
    ];

    [Fact]
    public void Classification_follows_the_rules_in_order_of_confidence()
    {
        BlockModel model = Estimated((i, j) => i switch
        {
            0 => (1, 4, 0.95),   // Measured
            1 => (1, 4, 0.80),   // slope too low: Indicated
            2 => (2, 2, 0.50),   // Indicated
            3 => (3, 1, 0.10),   // Inferred
            _ => (4, 1, 0.10),   // no rule: unclassified
        });
        model.GetDouble("Cu_ok")[24] = double.NaN;                  // not estimated
        IntegerAttribute classes = Classification.Classify(model, "Cu_ok", Rules);
        Assert.Equal(1, classes[model.RowOf(model.Grid.LinearIndex(0, 2, 0))]);
        Assert.Equal(2, classes[model.RowOf(model.Grid.LinearIndex(1, 2, 0))]);
        Assert.Equal(2, classes[model.RowOf(model.Grid.LinearIndex(2, 2, 0))]);
        Assert.Equal(3, classes[model.RowOf(model.Grid.LinearIndex(3, 2, 0))]);
        Assert.Equal(4, classes[model.RowOf(model.Grid.LinearIndex(4, 2, 0))]);
        Assert.Equal(IntegerAttribute.Missing, classes[24]);
        Assert.Throws<KeyNotFoundException>(() => Classification.Classify(model, "Cu_ok", [new ClassRule(ResourceClass.Measured) { MaximumKrigingVariance = 1 }]));
    }

    [Fact]
    public void Smoothing_removes_an_isolated_block_and_keeps_contacts()
    {
        // Indicated everywhere, Measured on the west half (i ≤ 1), one spotted Inferred block in the middle.
        BlockModel model = Estimated((i, j) => (i, j) == (3, 2) ? (3, 1, 0) : i <= 1 ? (1, 4, 0.95) : (2, 2, 0.5));
        IntegerAttribute raw = Classification.Classify(model, "Cu_ok", Rules, attribute: "raw");
        Assert.Equal(3, raw[model.Grid.LinearIndex(3, 2, 0)]);
        IntegerAttribute smooth = Classification.Classify(model, "Cu_ok", Rules, new ClassSmoothing(1, 1, 0), "smooth");
        Assert.Equal(2, smooth[model.Grid.LinearIndex(3, 2, 0)]);
        for (int row = 0; row < model.Count; row++)
        {
            if (model.IndexOf(row) is { I: not 3 } || model.IndexOf(row).J != 2)
            {
                Assert.Equal(raw[row], smooth[row]); // the straight contact between Measured and Indicated stays
            }
        }
    }

    [Fact]
    public void A_resource_statement_by_class_domain_and_cut_off_by_hand()
    {
        BlockModel model = Row(0.2, 0.4, 0.6, 0.8, 1.0, 0.05);
        DoubleAttribute mo = model.AddDouble("Mo");
        new[] { 0.01, 0.02, 0.03, 0.04, 0.05, 0.0 }.CopyTo(mo.Values);
        IntegerAttribute cls = model.AddInteger("class");
        new[] { 1, 1, 2, 2, 3, 4 }.CopyTo(cls.Values);
        IntegerAttribute domain = model.AddInteger("domain");
        new[] { 1, 2, 1, 2, 1, 1 }.CopyTo(domain.Values);
        var statement = ResourceStatement.Compute(model, new ResourceStatementOptions
        {
            Grades = ["Cu", "Mo"], CutOffs = [0.3, 0.0], MetalFactors = [0.01, 0.01], Domain = "domain",
        });

        ResourceLine total = statement.Total(0.3);
        Assert.Equal(4 * 1250, total.Tonnes);                    // 0.4, 0.6, 0.8, 1.0
        Assert.Equal(0.7, total.Grades[0], 1e-12);
        Assert.Equal(4 * 1250 * 0.7 * 0.01, total.Metal[0], 1e-9);
        Assert.Equal(0.035, total.Grades[1], 1e-12);
        ResourceLine indicated = statement.Lines.Single(l => l.CutOff == 0.3 && l.Class == ResourceClass.Indicated && l.Domain is null);
        Assert.Equal((2500, 0.7), (indicated.Tonnes, Math.Round(indicated.Grades[0], 12)));
        ResourceLine measured2 = statement.Lines.Single(l => l.CutOff == 0.3 && l.Class == ResourceClass.Measured && l.Domain == 2);
        Assert.Equal((1250, 0.4), (measured2.Tonnes, measured2.Grades[0]));
        Assert.DoesNotContain(statement.Lines, l => l.CutOff == 0.3 && l.Class == ResourceClass.Measured && l.Domain == 1); // 0.2 is below
        Assert.Equal(5 * 1250, statement.Total(0.0).Tonnes);
        Assert.Equal(1, statement.Unclassified);

        string markdown = statement.ToMarkdown();
        Assert.Contains("| 0.3 | **total** | all | 5,000 | 0.700 | 35 | 0.035 | 2 |", markdown, StringComparison.Ordinal);
        using var folder = new TempFolder();
        statement.WriteCsv(folder.File("statement.csv"));
        string[] csv = File.ReadAllLines(folder.File("statement.csv"));
        Assert.Equal("cutoff,class,domain,bench,tonnes,Cu,Cu_metal,Mo,Mo_metal", csv[0]);
        Assert.Equal(statement.Lines.Count + 1, csv.Length);
    }

    [Fact]
    public void A_statement_by_bench()
    {
        var model = new BlockModel(new GridDefinition(Point3.Zero, new Point3(10, 10, 5), 2, 1, 3));
        new[] { 1.0, 2, 3, 4, 5, 6 }.CopyTo(model.AddDouble("Cu").Values);
        DensityModel.Constant(2).WriteTonnes(model);
        var statement = ResourceStatement.Compute(model, new ResourceStatementOptions { Grades = ["Cu"], CutOffs = [2.5], Class = null, ByBench = true });
        Assert.Equal([(int?)1, 2, null], statement.Lines.Select(l => l.Bench));
        Assert.Equal([2000.0, 2000, 4000], statement.Lines.Select(l => l.Tonnes));
        Assert.Equal([3.5, 5.5, 4.5], statement.Lines.Select(l => l.Grades[0]));
    }

    [Fact]
    public void Affine_change_of_support_keeps_the_mean_and_shrinks_the_spread()
    {
        double[] z = Enumerable.Range(0, 1000).Select(i => Math.Exp((i - 500) / 250.0)).ToArray();
        double mean = z.Average();
        var point = ChangeOfSupport.AffineGradeTonnage(z, default, 1, [0, 2], 1e6);
        var smu = ChangeOfSupport.AffineGradeTonnage(z, default, 0.5, [0, 2], 1e6);
        Assert.Equal(1e6, point[0].Tonnes);
        Assert.Equal(mean, point[0].MeanGrade, 1e-12);
        Assert.Equal(mean, smu[0].MeanGrade, 1e-12);
        Assert.Equal(z.Count(v => v >= 2) / 1000.0 * 1e6, point[1].Tonnes, 1e-6);
        Assert.True(smu[1].Tonnes < point[1].Tonnes && smu[1].MeanGrade < point[1].MeanGrade); // above the mean, less and poorer ore

        var model = new VariogramModel(0.3, new VariogramStructure(StructureType.Spherical, 0.7, Ellipsoid.FromGslib(100, 0, 0, 0, 1, 1)));
        double small = ChangeOfSupport.VarianceAdjustmentFactor(model, new Point3(1, 1, 1), new BlockDiscretisation(4, 4, 4));
        double large = ChangeOfSupport.VarianceAdjustmentFactor(model, new Point3(20, 20, 10), new BlockDiscretisation(4, 4, 4));
        Assert.Equal(0.7, small, 2e-2);           // a tiny block loses just the nugget
        Assert.True(large < small && large > 0.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => ChangeOfSupport.AffineGradeTonnage(z, default, 0, [0], 1));
    }
}
