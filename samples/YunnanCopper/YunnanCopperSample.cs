using SampleDrivers;
using System.Globalization;
using System.Text;
using DepositTwin.BlockModels;
using DepositTwin.Drillholes;
using DepositTwin.Estimation;
using DepositTwin.Geometry;
using DepositTwin.IO;
using DepositTwin.Planning;
using DepositTwin.Plotting;
using DepositTwin.Resources;
using DepositTwin.Samples;
using DepositTwin.Search;
using DepositTwin.Simulation;
using DepositTwin.Statistics;
using DepositTwin.Variography;

namespace YunnanCopper;

/// <summary>How big a run is: small (tests, seconds), default (under a minute on 2 cores), large (about 10M blocks).</summary>
public enum SampleSize
{
    /// <summary>40 × 40 × 20 m blocks, a sparse pattern: for tests.</summary>
    Small,

    /// <summary>20 × 20 × 10 m blocks.</summary>
    Default,

    /// <summary>5 × 5 × 4 m blocks: about 9.5M blocks.</summary>
    Large,
}

/// <summary>Where the sample writes and how big it is.</summary>
public sealed record SampleOptions(string OutputFolder, SampleSize Size = SampleSize.Default, int Seed = 2026);

/// <summary>What a run produced: the estimate against the truth and the files written.</summary>
public sealed record SampleSummary(bool Succeeded, IReadOnlyList<TruthComparison> Comparison, ResourceStatement Statement, PitSolution Pit, IReadOnlyList<string> Files);

/// <summary>Tonnes, grade and metal above a cut-off: true against estimated, for one class (or all).</summary>
public sealed record TruthComparison(double CutOff, string Class, double TrueTonnes, double EstimatedTonnes, double TrueGrade, double EstimatedGrade, double TrueMetal, double EstimatedMetal)
{
    /// <summary>The relative error of the estimated tonnes, grade and metal (per cent).</summary>
    public (double Tonnes, double Grade, double Metal) ErrorPercent =>
        (100 * (EstimatedTonnes - TrueTonnes) / TrueTonnes, 100 * (EstimatedGrade - TrueGrade) / TrueGrade, 100 * (EstimatedMetal - TrueMetal) / TrueMetal);
}

/// <summary>
/// The Yunnan porphyry copper sample: truth → drilling → import and validation → compositing → declustered
/// statistics → variogram fit → multi-pass ordinary block kriging of Cu and Mo → classification → resource
/// statement → economics → ultimate pit and nested pits → pushbacks and schedule → estimate against truth.
/// </summary>
public static class YunnanCopperSample
{
    private static readonly double[] CutOffs = [0.2, 0.3, 0.4, 0.5];

    /// <summary>Runs the whole sample and writes its output folder.</summary>
    public static SampleSummary Run(SampleOptions options, SampleConsole console)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        string output = options.OutputFolder;
        Directory.CreateDirectory(output);
        var files = new List<string>();
        string File(string name) { string path = Path.Combine(output, name); files.Add(path); return path; }

        // 1. The truth: the deposit and its true block model (block means over 3 × 3 × 2 points).
        var deposit = console.Progress("Building the deposit (random fields)", _ => new PorphyryCopperDeposit(options.Seed));
        (Point3 block, int nx, int ny, int nz, double spacing) = options.Size switch
        {
            SampleSize.Small => (new Point3(40, 40, 20), 30, 30, 33, 120.0),
            SampleSize.Large => (new Point3(5, 5, 4), 240, 240, 165, 40.0),
            _ => (new Point3(20, 20, 10), 60, 60, 66, 60.0),
        };
        var grid = new GridDefinition(new Point3(500_000, 2_900_000, 2_800), block, nx, ny, nz);
        console.Text($"DepositTwin sample: {deposit.Name}\n{grid}");
        BlockModel model = console.Progress("True block model", _ => deposit.TrueBlockModel(grid, new BlockDiscretisation(3, 3, 2)));
        console.Step($"Truth: {model.Count:N0} of {grid.BlockCount:N0} blocks below the topography");

        // 2. Drilling: inclined holes on a pattern over the system, deviating, 2 m assays with 5 % error and lost samples.
        DrilledFiles drilled = DrillingSimulator.Drill(deposit, new DrillingCampaign
        {
            Area = (500_150, 2_900_150, 501_050, 2_901_050), Spacing = spacing, Azimuth = 240, Dip = -75, Depth = 520, Seed = options.Seed,
        }, Path.Combine(output, "drilling"));
        files.AddRange([drilled.Collar, drilled.Survey, drilled.Assay]);

        // 3. Import through the real path, with its validation report.
        var (database, validation) = DrillholeCsv.Read(drilled.Collar, drilled.Survey, [new IntervalTableSource("assay", drilled.Assay)]);
        System.IO.File.WriteAllText(File("validation_report.txt"), validation.ToString());
        console.Step($"Drilling: {drilled.Holes} holes imported; anomalies: {string.Join(", ", validation.CountByKind().Select(k => $"{k.Key} {k.Value}"))} (injected on purpose: {drilled.Injected.Count})");

        // 4. 10 m composites, located on the desurveyed holes.
        DrillholeComposites composites = database.Composite("assay", ["Cu", "Mo"], new CompositingOptions { Length = 10 });
        composites.WriteCsv(File("composites.csv"));
        SampleSet samples = composites.ToSampleSet();
        console.Step($"Composites: {composites}");

        // 5. Declustered statistics, histogram.
        DeclusteringResult declustering = CellDeclustering.Compute(samples.Locations, samples.Values("Cu"),
            new CellDeclusteringOptions { MinimumCellSize = spacing / 2, MaximumCellSize = 3 * spacing, CellSizeCount = 11, AnisotropyZ = 0.5 });
        SummaryStatistics cuStats = SummaryStatistics.Compute(samples.Values("Cu"), declustering.Weights);
        Charts.Histogram(DistributionPlots.Histogram(samples.Values("Cu"), 30, declustering.Weights, logarithmic: false, out _), File("histogram_cu.png"),
            "Cu composites (declustered)", "Cu %");
        console.Step($"Statistics: {declustering}\n           Cu {cuStats}");

        // 6. Variography: north, east and down-plunge experimental variograms, a joint fit of nugget + spherical.
        SampleSet cu = samples.WithValues("Cu", out _);
        Point3[] locations = cu.Locations.ToArray();
        double[] grades = cu.Values("Cu").ToArray();
        int[] holes = cu.HoleIds.ToArray();
        var lags = LagClasses.Regular(width: 30, cutoff: 420);
        ExperimentalVariogram Directional(double azimuth) => ExperimentalVariogram.Compute(locations, grades, lags, new ExperimentalVariogramOptions
        {
            Direction = new VariogramDirection(azimuth, dip: 0, angularTolerance: 22.5, horizontalBandwidth: 60, verticalBandwidth: 15),
        });
        var north = Directional(0);
        var east = Directional(90);
        var down = ExperimentalVariogram.Compute(locations, grades, LagClasses.Regular(10, 200), new ExperimentalVariogramOptions
        {
            Direction = new VariogramDirection(azimuth: 0, dip: -90, angularTolerance: 20),
            DownholeHoleIds = holes,
        });
        double variance = cuStats.Variance;
        var start = new VariogramModel(0.1 * variance,
            new VariogramStructure(StructureType.Spherical, 0.9 * variance, new Ellipsoid(Rotation.None, 200, 200, 120)));
        VariogramFit fit = VariogramFitter.Fit(start, [north, east, down], new VariogramFitOptions { Weighting = FitWeighting.Pairs, MaximumRange = 700 });
        north.WriteCsv(File("variogram_north.csv"), fit.Model);
        east.WriteCsv(File("variogram_east.csv"), fit.Model);
        down.WriteCsv(File("variogram_downhole.csv"), fit.Model);
        Charts.Variogram([new("N000", north, new Point3(0, 1, 0)), new("N090", east, new Point3(1, 0, 0)), new("down hole", down, new Point3(0, 0, 1))],
            fit.Model, File("variogram_cu.png"), "Cu variograms and the fitted model");
        console.Step($"Variogram fitted: {fit.Model} (weighted SSE {fit.WeightedSse:G4})");

        // 7. Ordinary block kriging of Cu and Mo in two passes over the drilled footprint.
        var plan = new EstimationPlan(EstimationMethod.OrdinaryKriging,
            new SearchNeighbourhood(new Ellipsoid(Rotation.None, 1.5 * spacing + 30, 1.5 * spacing + 30, 60), minSamples: 8, maxSamples: 24) { MaxPerHole = 4 },
            new SearchNeighbourhood(new Ellipsoid(Rotation.None, 3 * spacing + 60, 3 * spacing + 60, 120), minSamples: 3, maxSamples: 24) { MaxPerHole = 6 })
        {
            Variogram = fit.Model,
            Discretisation = new BlockDiscretisation(3, 3, 2),
        };
        BlockSelection footprint = model.Where(row => model.Centroid(row) is { X: >= 500_100 and <= 501_100, Y: >= 2_900_100 and <= 2_901_100 });
        EstimationReport report = console.Progress("Kriging Cu", p => BlockEstimator.Estimate(model, samples, "Cu", plan, "Cu_ok", footprint, p));
        VariogramModel moModel = fit.Model.Rescaled(SummaryStatistics.Compute(samples.Values("Mo"), declustering.Weights).Variance);
        console.Progress("Kriging Mo", p => BlockEstimator.Estimate(model, samples, "Mo", plan with { Variogram = moModel }, "Mo_ok", footprint, p));
        console.Step($"Estimated:\n{report}");
        CrossValidationResult cv = CrossValidation.Run(samples, "Cu", plan, LeaveOut.Hole);
        console.Step($"Cross-validation (leave one hole out): ME {cv.MeanError:0.0000}, RMSE {cv.RootMeanSquareError:0.0000}, r {cv.Correlation:0.000}, slope {cv.SlopeObservedOnEstimate:0.000}");

        // 8. Classification and tonnes (densities measured per alteration zone).
        Classification.Classify(model, "Cu_ok", [
            new ClassRule(ResourceClass.Measured) { MaximumPass = 1, MinimumHoles = 5, MinimumSlope = 0.9 },
            new ClassRule(ResourceClass.Indicated) { MaximumPass = 1, MinimumHoles = 3, MinimumSlope = 0.6 },
            new ClassRule(ResourceClass.Inferred) { MaximumPass = 2 },
        ], new ClassSmoothing(1, 1, 0));
        DensityModel.PerDomain("zone", new Dictionary<int, double> { [1] = 2.72, [2] = 2.65, [3] = 2.68, [4] = 2.70 }).WriteTonnes(model, density: "density_model");

        // 9. The statement.
        var statement = ResourceStatement.Compute(model, new ResourceStatementOptions
        {
            Grades = ["Cu_ok", "Mo_ok"], CutOffs = CutOffs, MetalFactors = [0.01, 1e-6],
        });
        statement.WriteCsv(File("resource_statement.csv"));
        console.Text("\nResource statement (Cu %, Mo ppm; metal in t):\n" + statement.ToMarkdown());

        // 10. Economics, the ultimate pit, nested pits, pushbacks and a schedule.
        var economics = new BlockEconomics
        {
            Commodities =
            [
                new Commodity("Cu_ok", 9000, 0.01) { Payable = 0.965, Recovery = RecoveryCurve.Table([(0.1, 0.80), (0.5, 0.90)]), SellingCost = 500, Royalty = 0.03 },
                new Commodity("Mo_ok", 40_000, 1e-6) { Payable = 0.95, Recovery = RecoveryCurve.Constant(0.6) },
            ],
            MiningCost = 2.4, ProcessingCost = 9.5, GeneralAndAdministrativeCost = 1.5,
        };
        economics.Apply(model);
        var pattern = PrecedencePattern.MinimumSearch(grid.BlockSize, SlopeProfile.BySector([(0, 45), (90, 42), (180, 45), (270, 48)]), benches: 8);
        PitSolution pit = UltimatePit.SolveModel(model, "value", pattern);
        PitEconomics pitEconomics = PitEconomics.FromBlockModel(model, economics);
        var precedence = Precedence.Grid(grid.CountX, grid.CountY, grid.CountZ, pattern);
        NestedPits pits = console.Progress("Nested pits", p => NestedPits.Compute(pitEconomics, precedence, [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0], progress: p));
        Pushbacks phases = Pushbacks.Choose(pits, pitEconomics, 0.15 * pits.Pits[^1].Tonnes);
        var schedule = ProductionSchedule.BenchPhase(pitEconomics, phases, grid.CountX * grid.CountY,
            new ScheduleOptions { MiningCapacity = 80e6, ProcessingCapacity = 30e6, DiscountRate = 0.08 });
        System.IO.File.WriteAllText(File("pit_by_pit.md"), pits.ToMarkdown());
        System.IO.File.WriteAllText(File("schedule.md"), schedule.ToMarkdown());
        console.Step($"{pit}; break-even {economics.BreakEvenCutOff():0.000} % Cu, marginal {economics.MarginalCutOff():0.000} % Cu; {phases.Count} pushbacks");
        console.Text("\nPit by pit:\n" + pits.ToMarkdown() + "\nSchedule:\n" + schedule.ToMarkdown());

        // 11. Estimate against truth above cut-offs, by class and overall (tonnes from the true density).
        IReadOnlyList<TruthComparison> comparison = CompareWithTruth(model);
        string table = ComparisonTable(comparison);
        System.IO.File.WriteAllText(File("estimate_vs_truth.md"), table);
        console.Text("\nEstimate against truth (estimated blocks):\n" + table);

        // 12. Plots, block model files and the report.
        GradeTonnageCurve estimated = GradeTonnageCurve.Compute(model, "Cu_ok", Enumerable.Range(0, 21).Select(i => i * 0.05).ToArray(), metalFactor: 0.01);
        DoubleAttribute trueTonnes = model.AddDouble("tonnes_true", "t");
        for (int row = 0; row < model.Count; row++)
        {
            trueTonnes[row] = double.IsNaN(model.GetDouble("Cu_ok")[row]) ? double.NaN : grid.BlockVolume * model.GetDouble("density")[row];
        }

        GradeTonnageCurve truthCurve = GradeTonnageCurve.Compute(model, "Cu_true", estimated.Points.Select(p => p.CutOff).ToArray(), "tonnes_true", metalFactor: 0.01);
        Charts.GradeTonnage([("estimate", estimated), ("truth", truthCurve)], File("grade_tonnage.png"), "Grade–tonnage: ordinary kriging against the truth", "Cu %");
        int bench = grid.CountZ * 3 / 4 - 4, section = grid.CountY / 2;
        Charts.Slice(model, "Cu_ok", SliceKind.Plan, bench, File("plan_cu.png"), $"Cu estimate, bench {bench} (z = {grid.Origin.Z + (bench + 0.5) * grid.BlockSize.Z:0} m)");
        Charts.Slice(model, "Cu_true", SliceKind.Plan, bench, File("plan_cu_true.png"), $"Cu truth, bench {bench}");
        Charts.Slice(model, "Cu_ok", SliceKind.SectionAlongX, section, File("section_cu_pit.png"), $"Cu estimate and the ultimate pit, section y = {grid.Origin.Y + (section + 0.5) * grid.BlockSize.Y:0} m", outline: "pit");
        Charts.PitByPit(pits, File("pit_by_pit.png"), "Pit by pit");
        Charts.Schedule(schedule, File("schedule.png"), "Bench-phase schedule");
        BlockModelCsv.Write(model, File("yunnan_copper_model.csv"));
        VtkWriter.Write(model, File("yunnan_copper_model.vtk"), ["Cu_true", "Cu_ok", "Cu_ok_var", "Cu_ok_pass", "Mo_ok", "class", "pit", "zone"]);
        WriteReport(File("report.md"), deposit, grid, validation, composites, declustering, fit, report, cv, statement, pit, pits, schedule, table);
        console.Step($"Wrote {files.Count} files to {output} (report.md links them; ParaView opens the VTK: threshold on 'active').");

        bool succeeded = comparison.Where(c => c.Class == "all" && c.CutOff == 0.3).All(c => Math.Abs(c.ErrorPercent.Metal) < 15);
        return new SampleSummary(succeeded, comparison, statement, pit, files);
    }

    private static List<TruthComparison> CompareWithTruth(BlockModel model)
    {
        DoubleAttribute estimate = model.GetDouble("Cu_ok"), truth = model.GetDouble("Cu_true"), density = model.GetDouble("density");
        IntegerAttribute classes = model.GetInteger("class");
        double volume = model.Grid.BlockVolume;
        var rows = new List<TruthComparison>();
        foreach (double cutOff in CutOffs)
        {
            foreach ((string name, int? code) in new (string, int?)[] { ("Measured", 1), ("Indicated", 2), ("Inferred", 3), ("all", null) })
            {
                double tTrue = 0, mTrue = 0, tEst = 0, mEst = 0;
                for (int row = 0; row < model.Count; row++)
                {
                    if (double.IsNaN(estimate[row]) || (code is { } c && classes[row] != c))
                    {
                        continue;
                    }

                    double tonnes = volume * density[row];
                    if (truth[row] >= cutOff)
                    {
                        tTrue += tonnes;
                        mTrue += tonnes * truth[row] / 100;
                    }

                    if (estimate[row] >= cutOff)
                    {
                        tEst += tonnes;
                        mEst += tonnes * estimate[row] / 100;
                    }
                }

                if (tTrue > 0 && tEst > 0)
                {
                    rows.Add(new TruthComparison(cutOff, name, tTrue, tEst, 100 * mTrue / tTrue, 100 * mEst / tEst, mTrue, mEst));
                }
            }
        }

        return rows;
    }

    private static string ComparisonTable(IReadOnlyList<TruthComparison> rows)
    {
        var text = new StringBuilder("| cut-off Cu % | class | Mt true | Mt est | error | Cu % true | Cu % est | error | kt Cu true | kt Cu est | error |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        static string E(double percent) => (percent >= 0 ? "+" : "") + Math.Round(percent, 1).ToString("0.0", CultureInfo.InvariantCulture) + " %";
        foreach (TruthComparison r in rows)
        {
            var e = r.ErrorPercent;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.CutOff:0.00} | {r.Class} | {r.TrueTonnes / 1e6:N1} | {r.EstimatedTonnes / 1e6:N1} | {E(e.Tonnes)} | {r.TrueGrade:0.000} | {r.EstimatedGrade:0.000} | {E(e.Grade)} | {r.TrueMetal / 1e3:N1} | {r.EstimatedMetal / 1e3:N1} | {E(e.Metal)} |");
        }

        return text.ToString();
    }

    private static void WriteReport(string path, SyntheticDeposit deposit, GridDefinition grid, DrillholeValidationReport validation, DrillholeComposites composites,
        DeclusteringResult declustering, VariogramFit fit, EstimationReport estimation, CrossValidationResult cv, ResourceStatement statement, PitSolution pit,
        NestedPits pits, ProductionSchedule schedule, string comparison)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"# {deposit.Name}: DepositTwin sample report").AppendLine();
        text.AppendLine(inv, $"Grid: {grid}").AppendLine();
        text.AppendLine("## Drilling and data").AppendLine();
        text.AppendLine(inv, $"- Import: {validation.Holes} holes; anomalies: {string.Join(", ", validation.CountByKind().Select(k => $"{k.Key} {k.Value}"))} (see [validation_report.txt](validation_report.txt)).");
        text.AppendLine(inv, $"- {composites} ([composites.csv](composites.csv)).");
        text.AppendLine(inv, $"- {declustering}.").AppendLine();
        text.AppendLine("![histogram](histogram_cu.png)").AppendLine();
        text.AppendLine("## Variography and estimation").AppendLine();
        text.AppendLine(inv, $"- Model: {fit.Model}.");
        text.AppendLine(inv, $"- Cross-validation: ME {cv.MeanError:0.0000}, RMSE {cv.RootMeanSquareError:0.0000}, correlation {cv.Correlation:0.000}.").AppendLine();
        text.AppendLine("```").AppendLine(estimation.ToString()).AppendLine("```").AppendLine();
        text.AppendLine("![variograms](variogram_cu.png)").AppendLine();
        text.AppendLine("![plan](plan_cu.png) ![plan, truth](plan_cu_true.png)").AppendLine();
        text.AppendLine("## Resources").AppendLine().AppendLine(statement.ToMarkdown()).AppendLine();
        text.AppendLine("## Estimate against truth").AppendLine().AppendLine(comparison).AppendLine("![grade-tonnage](grade_tonnage.png)").AppendLine();
        text.AppendLine("## Pit and schedule").AppendLine().AppendLine(inv, $"{pit}.").AppendLine();
        text.AppendLine(pits.ToMarkdown()).AppendLine().AppendLine("![pit by pit](pit_by_pit.png) ![section with the pit](section_cu_pit.png)").AppendLine();
        text.AppendLine(schedule.ToMarkdown()).AppendLine().AppendLine("![schedule](schedule.png)");
        AtomicFile.WriteText(path, w => w.Write(text.ToString()));
    }
}
