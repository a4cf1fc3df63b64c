using System.Globalization;
using System.Text;
using DepositTwin.BlockModels;
using DepositTwin.Domains;
using DepositTwin.Drillholes;
using DepositTwin.Estimation;
using DepositTwin.Geometry;
using DepositTwin.Planning;
using DepositTwin.Plotting;
using DepositTwin.Resources;
using DepositTwin.Samples;
using DepositTwin.Search;
using DepositTwin.Simulation;
using DepositTwin.Statistics;
using DepositTwin.Variography;
using SampleDrivers;

namespace ShandongBauxite;

/// <summary>
/// The karst bauxite: vertical holes on 50 m, 1 m assays logged by zone, composites breaking at the
/// contacts, the layer between its floor and roof surfaces as the domain, Al₂O₃ and SiO₂ by inverse distance
/// and by ordinary kriging against the truth above an Al₂O₃ + A/S cut-off, and a bench-by-bench strip sequence.
/// </summary>
public static class BauxiteSample
{
    /// <summary>Runs the sample; true when ordinary kriging is within 10 % of the true ore tonnes.</summary>
    public static bool Run(string output, SampleConsole console)
    {
        Directory.CreateDirectory(output);
        var deposit = console.Progress("Building the deposit", _ => new BauxiteDeposit(seed: 11));
        var grid = new GridDefinition(new Point3(400_000, 4_000_000, 130), new Point3(25, 25, 2), 64, 48, 35);
        console.Text($"DepositTwin sample: {deposit.Name}\n{grid}");
        BlockModel model = console.Progress("True block model", _ => deposit.TrueBlockModel(grid, new BlockDiscretisation(3, 3, 2)));

        // Drilling and import: zone logged as a code, composites of 1 m that break at the contacts.
        DrilledFiles drilled = DrillingSimulator.Drill(deposit, new DrillingCampaign
        {
            Area = (400_000, 4_000_000, 401_600, 4_001_200), Spacing = 50, Depth = 60, SurveyInterval = 30, SampleLength = 1, DeviationPer100m = 0.5, Seed = 3,
        }, Path.Combine(output, "drilling"));
        var (database, validation) = DrillholeCsv.Read(drilled.Collar, drilled.Survey, [new IntervalTableSource("assay", drilled.Assay) { Codes = ["zone"] }]);
        DrillholeComposites composites = database.Composite("assay", ["Al2O3", "SiO2"], new CompositingOptions { Length = 1, Residual = ResidualPolicy.Keep },
            breakOn: new IntervalColumn("assay", "zone"));
        // The logged zone texts are the codes 1, 2, 3: map the composites' code indices back to them.
        IReadOnlyList<string> names = composites.CodeNames!;
        SampleSet all = composites.ToSampleSet();
        SampleSet samples = all.WithDomains(all.Domains.ToArray().Select(c => c == IntervalTable.NoCode ? SampleSet.NoDomain : int.Parse(names[c], CultureInfo.InvariantCulture)).ToArray()).InDomain(1);
        console.Step($"Drilling: {drilled.Holes} holes; {composites}; {samples.Count:N0} bauxite composites");

        // The domain: the layer between its floor and roof (as modelled from the contacts), block proportions by sub-cells.
        GriddedSurface Surface(Func<double, double, double> z) => GriddedSurface.FromFunction(400_000, 4_000_000, 25, 25, 65, 49, z);
        var layer = new DomainModel([new Domain(1, "bauxite", new BetweenSurfacesDomain(Surface(deposit.Floor), Surface(deposit.Roof)))]);
        var subCells = new BlockDiscretisation(3, 3, 4);
        DoubleAttribute proportion = layer.Proportions(model, 1, subCells, "prop_bauxite");
        BlockSelection inLayer = model.Where(row => proportion[row] > 0);

        // The true grade of the bauxite part of each block (the whole block's mean mixes in clay and limestone).
        foreach (DepositVariable v in deposit.Variables)
        {
            DoubleAttribute truth = model.AddDouble(v.Name + "_layer", "%", $"true {v.Name} of the bauxite in the block");
            int index = deposit.VariableIndex(v.Name);
            inLayer.ParallelFor(row =>
            {
                Point3[] points = subCells.Points(grid, model.BlockOf(row));
                double[] inside = points.Where(p => deposit.Zone(p) == 1).Select(p => deposit.Value(index, p)).ToArray();
                truth[row] = inside.Length > 0 ? inside.Average() : double.NaN;
            });
        }

        // Variogram of Al₂O₃ in the layer: horizontal only (the layer is thin), fitted to nugget + spherical.
        SummaryStatistics alStats = SummaryStatistics.Compute(samples.Values("Al2O3"));
        var horizontal = ExperimentalVariogram.Compute(samples.Locations.ToArray(), samples.Values("Al2O3").ToArray(), LagClasses.Regular(25, 400),
            new ExperimentalVariogramOptions { Direction = new VariogramDirection(35, 0, 22.5, horizontalBandwidth: 80, verticalBandwidth: 2) });
        var start = new VariogramModel(0.1 * alStats.Variance, new VariogramStructure(StructureType.Spherical, 0.9 * alStats.Variance, new Ellipsoid(Rotation.FromGslib(35, 0, 0), 200, 150, 8)));
        VariogramFit fit = VariogramFitter.Fit(start, [horizontal], new VariogramFitOptions { Weighting = FitWeighting.PairsOverDistanceSquared, MaximumRange = 600 });
        Charts.Variogram([new("N035", horizontal, HoleTrajectory.Direction(35, 0))], fit.Model, Path.Combine(output, "variogram_al2o3.png"), "Al₂O₃ variogram along 035°");
        console.Step($"Al2O3 {alStats}\n           model {fit.Model}");

        // Inverse distance and ordinary kriging, the same search.
        var search = new SearchNeighbourhood(new Ellipsoid(Rotation.FromGslib(35, 0, 0), 150, 120, 6), minSamples: 6, maxSamples: 20) { MaxPerHole = 4 };
        var wide = new SearchNeighbourhood(new Ellipsoid(Rotation.FromGslib(35, 0, 0), 300, 240, 10), minSamples: 3, maxSamples: 20);
        var ok = new EstimationPlan(EstimationMethod.OrdinaryKriging, search, wide) { Variogram = fit.Model, Discretisation = new BlockDiscretisation(3, 3, 1) };
        var idw = new EstimationPlan(EstimationMethod.InverseDistance, search, wide) { Power = 2 };
        foreach (string v in new[] { "Al2O3", "SiO2" })
        {
            VariogramModel model2 = fit.Model.Rescaled(SummaryStatistics.Compute(samples.Values(v)).Variance);
            console.Progress($"Kriging {v}", p => BlockEstimator.Estimate(model, samples, v, ok with { Variogram = model2 }, v + "_ok", inLayer, p));
            BlockEstimator.Estimate(model, samples, v, idw, v + "_id", inLayer);
        }

        // Tonnes inside the layer, density from alumina; the cut-off Al₂O₃ ≥ 45 % with A/S ≥ 3.5.
        var text = new StringBuilder("| estimate | Mt ore | Al₂O₃ % | SiO₂ % | error in tonnes | error in Al₂O₃ t |\n|---|---:|---:|---:|---:|---:|\n");
        var results = new Dictionary<string, (double Tonnes, double Alumina, double Silica)>();
        foreach (string suffix in new[] { "layer", "id", "ok" })
        {
            DensityModel.Regression($"Al2O3_{suffix}", 1.6, 0.012, 1.8, 2.8).WriteTonnes(model, $"tonnes_{suffix}", "prop_bauxite", density: null);
            var statement = ResourceStatement.Compute(model, new ResourceStatementOptions
            {
                Grades = [$"Al2O3_{suffix}", $"SiO2_{suffix}"], CutOffs = [45], Class = null, Tonnes = $"tonnes_{suffix}",
                Conditions = [OreCondition.RatioAtLeast($"Al2O3_{suffix}", $"SiO2_{suffix}", 3.5)],
            });
            ResourceLine line = statement.Total(45);
            results[suffix] = (line.Tonnes, line.Tonnes * line.Grades[0], line.Grades[1]);
        }

        foreach ((string suffix, string label) in new[] { ("layer", "truth"), ("id", "inverse distance²"), ("ok", "ordinary kriging") })
        {
            (double t, double a, double si) = results[suffix];
            string E(double x, double truth) => suffix == "layer" ? "" : string.Create(CultureInfo.InvariantCulture, $"{100 * (x - truth) / truth:+0.0;-0.0} %");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {t / 1e6:N2} | {a / t:0.00} | {si:0.00} | {E(t, results["layer"].Tonnes)} | {E(a, results["layer"].Alumina)} |");
        }

        // A bench-by-bench strip sequence of the kriged ore: one phase, benches top down.
        DoubleAttribute ore = model.AddDouble("ore_ok");
        for (int row = 0; row < model.Count; row++)
        {
            double al = model.GetDouble("Al2O3_ok")[row], si = model.GetDouble("SiO2_ok")[row];
            ore[row] = al >= 45 && al >= 3.5 * si ? 1 : 0;
        }

        var strip = ResourceStatement.Compute(model, new ResourceStatementOptions
        {
            Grades = ["Al2O3_ok", "SiO2_ok"], CutOffs = [45], Class = null, Tonnes = "tonnes_ok", ByBench = true,
            Conditions = [OreCondition.RatioAtLeast("Al2O3_ok", "SiO2_ok", 3.5)],
        });
        Charts.Slice(model, "Al2O3_ok", SliceKind.SectionAlongX, 24, Path.Combine(output, "section_al2o3.png"), "Al₂O₃ by ordinary kriging, section through the middle (vertical exaggeration)", trueScale: false);
        Charts.Slice(model, "Al2O3_layer", SliceKind.SectionAlongX, 24, Path.Combine(output, "section_al2o3_true.png"), "Al₂O₃ truth, the same section (vertical exaggeration)", trueScale: false);
        string report = $"# {deposit.Name}\n\nInverse distance against ordinary kriging against the truth, ore = Al₂O₃ ≥ 45 % and A/S ≥ 3.5:\n\n{text}\n## Bench by bench (kriged ore)\n\n{strip.ToMarkdown()}\n![section](section_al2o3.png) ![truth](section_al2o3_true.png) ![variogram](variogram_al2o3.png)\n";
        File.WriteAllText(Path.Combine(output, "report.md"), report);
        console.Text("\n" + text + "\nBench by bench (kriged ore):\n" + strip.ToMarkdown());
        console.Step($"Wrote {output} (report.md)");
        return Math.Abs(results["ok"].Tonnes - results["layer"].Tonnes) < 0.1 * results["layer"].Tonnes;
    }
}
