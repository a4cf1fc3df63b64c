using DepositTwin.BlockModels;
using DepositTwin.Domains;
using DepositTwin.Drillholes;
using DepositTwin.Geometry;
using DepositTwin.Estimation;
using DepositTwin.IO;
using DepositTwin.Planning;
using DepositTwin.Resources;
using DepositTwin.Samples;
using DepositTwin.Search;
using DepositTwin.Simulation;
using DepositTwin.Statistics;
using DepositTwin.Twin;
using DepositTwin.Tests.Reference;
using DepositTwin.Variography;

namespace DepositTwin.Tests;

/// <summary>The README's quick start is this code, word for word, and it runs.</summary>
public class ReadmeTests
{
    private static string RepositoryFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, name);
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "DepositTwin.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{name} not found above {AppContext.BaseDirectory}");
    }

    private static string[] CodeLines(IEnumerable<string> lines) => lines
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith("using ", StringComparison.Ordinal))
        .ToArray();

    [Theory]
    [InlineData("## Quick start", "quick start")]
    [InlineData("## Variography", "variography")]
    [InlineData("## Estimation", "estimation")]
    [InlineData("## Drillholes, domains and statistics", "drillholes")]
    [InlineData("## Resources and reserves", "resources")]
    [InlineData("## Extraction planning", "planning")]
    [InlineData("### The ultimate pit of bauxitemed", "bauxitemed")]
    [InlineData("## Simulation", "simulation")]
    [InlineData("## The live twin", "twin")]
    public void Each_README_example_is_the_code_a_test_here_runs(string heading, string marker)
    {
        string readme = File.ReadAllText(RepositoryFile("README.md"));
        int start = readme.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no '{heading}' section");
        int open = readme.IndexOf("```csharp\n", start, StringComparison.Ordinal) + "```csharp\n".Length;
        int close = readme.IndexOf("```", open, StringComparison.Ordinal);
        string[] documented = CodeLines(readme[open..close].Split('\n'));

        string source = File.ReadAllText(RepositoryFile(Path.Combine("tests", "DepositTwin.Tests", "ReadmeTests.cs")));
        int begin = source.IndexOf($"// {marker} begins\n", StringComparison.Ordinal);
        int end = source.IndexOf($"// {marker} ends\n", StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"no '{marker}' markers in ReadmeTests.cs");
        string[] tested = CodeLines(source[begin..end].Split('\n').Skip(1));
        Assert.Equal(documented, tested);
    }

    [Fact]
    public void The_quick_start_runs_and_its_numbers_hold()
    {
        // quick start begins
        // 10 × 10 × 5 m blocks; origin = minimum corner of the first block.
        var grid = new GridDefinition(new Point3(500_000, 2_900_000, 2_800), new Point3(10, 10, 5), 120, 120, 80);

        // Only blocks below the topography are active; air takes no memory.
        var model = BlockModel.WithActiveBlocks(grid, c => c.Z < 3_150);
        DoubleAttribute cu = model.AddDouble("Cu", unit: "%", description: "copper grade");
        IntegerAttribute domain = model.AddInteger("domain");

        // Rows are independent: write them in parallel, without locks.
        model.All.ParallelFor(row =>
        {
            Point3 c = model.Centroid(row);
            cu[row] = 0.8 * Math.Exp(-((c.X - 500_600) * (c.X - 500_600) + (c.Y - 2_900_600) * (c.Y - 2_900_600)) / 4e5);
            domain[row] = cu[row] > 0.2 ? 1 : 2;
        });

        // Views: a bench is a contiguous run of rows; a domain is a list of rows.
        double sum = 0;
        foreach (int row in model.WhereCode("domain", 1)) sum += cu[row];

        // A search ellipsoid 300 × 150 × 50 m, major axis at azimuth 30° (GSLIB angles).
        var ellipsoid = new Ellipsoid(Rotation.FromGslib(30, 0, 0), 300, 150, 50);
        double d = ellipsoid.AnisotropicDistance(new Point3(0, 0, 0), new Point3(0, 0, 50)); // 300: on the surface

        // Files are written all-or-nothing (temporary file, then move).
        string csv = Path.Combine(Path.GetTempPath(), "model.csv");
        BlockModelCsv.Write(model, csv);
        VtkWriter.Write(model, Path.ChangeExtension(csv, ".vtk")); // ParaView: threshold on 'active'
        var (back, report) = BlockModelCsv.Read(csv, grid, new BlockModelCsvOptions { IntegerAttributes = ["domain"] });
        Console.WriteLine(report);
        // quick start ends

        Assert.Equal(120 * 120 * 70, model.Count);
        Assert.True(sum > 0);
        Assert.Equal(300, d, 1e-9);
        Assert.Equal(model.Count, back.Count);
        Assert.Equal(cu.Values.ToArray(), back.GetDouble("Cu").Values.ToArray());
        File.Delete(csv);
        File.Delete(Path.ChangeExtension(csv, ".vtk"));
    }

    [Fact]
    public void The_variography_example_runs_and_fits()
    {
        // variography begins
        // Composites: locations and grades (NaN grades are left out and counted).
        var random = new Random(1);
        Point3[] xyz = Enumerable.Range(0, 2000).Select(_ => new Point3(random.NextDouble() * 1000, random.NextDouble() * 1000, random.NextDouble() * 200)).ToArray();
        double[] cu = xyz.Select(p => 0.5 + 0.3 * Math.Sin(p.X / 150) * Math.Cos(p.Y / 220) + 0.05 * random.NextDouble()).ToArray();

        // Lag classes as gstat makes them, (k·w, (k+1)·w]; LagClasses.Gslib(count, width, tolerance) for gamv's.
        var lags = LagClasses.Regular(width: 25, cutoff: 400);
        var omni = ExperimentalVariogram.Compute(xyz, cu, lags);
        var north = ExperimentalVariogram.Compute(xyz, cu, lags, new ExperimentalVariogramOptions
        {
            Direction = new VariogramDirection(azimuth: 0, dip: 0, angularTolerance: 22.5, horizontalBandwidth: 60),
        });
        var east = ExperimentalVariogram.Compute(xyz, cu, lags, new ExperimentalVariogramOptions
        {
            Direction = new VariogramDirection(azimuth: 90, dip: 0, angularTolerance: 22.5, horizontalBandwidth: 60),
        });

        // Nugget + spherical; practical ranges 200 m (north) / 150 m (east) / 50 m (vertical), GSLIB angles.
        var start = new VariogramModel(0.001,
            new VariogramStructure(StructureType.Spherical, 0.02, new Ellipsoid(Rotation.FromGslib(0, 0, 0), 200, 150, 50)));

        // A joint fit of both directions (anisotropy ratios are fitted when several directions are given).
        VariogramFit fit = VariogramFitter.Fit(start, [north, east], new VariogramFitOptions { Weighting = FitWeighting.PairsOverDistanceSquared });
        Console.WriteLine($"{fit.Model}; weighted SSE {fit.WeightedSse:G3}");

        // Lags and the fitted model at each lag, ready to plot.
        north.WriteCsv(Path.Combine(Path.GetTempPath(), "variogram_north.csv"), fit.Model);
        double covariance = fit.Model.Covariance(new Point3(0, 0, 0), new Point3(0, 50, 0));
        // variography ends

        Assert.Equal(16, omni.Lags.Count);
        Assert.True(double.IsFinite(fit.WeightedSse));
        Assert.Equal(fit.WeightedSse, VariogramFitter.WeightedSse(fit.Model, [north, east], FitWeighting.PairsOverDistanceSquared), 1e-12);
        Assert.True(fit.WeightedSse <= VariogramFitter.WeightedSse(start, [north, east], FitWeighting.PairsOverDistanceSquared));
        Assert.InRange(covariance, 0, fit.Model.TotalSill);
        File.Delete(Path.Combine(Path.GetTempPath(), "variogram_north.csv"));
    }

    [Fact]
    public void The_estimation_example_runs()
    {
        // estimation begins
        // Samples: 30 vertical holes with 5 m composites (hole ids let the search limit samples per hole).
        var random = new Random(7);
        var xyz = new List<Point3>();
        var holeOf = new List<int>();
        for (int h = 0; h < 30; h++)
        {
            double x = random.NextDouble() * 400, y = random.NextDouble() * 400;
            for (double z = 95; z > 0; z -= 5) { xyz.Add(new Point3(x, y, z)); holeOf.Add(h); }
        }
        double[] grade = xyz.Select(p => 0.6 + 0.3 * Math.Sin(p.X / 90) * Math.Cos(p.Y / 120) + 0.002 * p.Z).ToArray();
        SampleSet samples = SampleSet.Of(xyz, "Cu", grade, holeOf);

        var grid = new GridDefinition(new Point3(0, 0, 0), new Point3(20, 20, 10), 20, 20, 10);
        var model = new BlockModel(grid);
        var variogram = new VariogramModel(0.005,
            new VariogramStructure(StructureType.Spherical, 0.04, Ellipsoid.FromGslib(250, azimuth: 30, dip: 0, rake: 0, anis1: 0.7, anis2: 0.3)));

        // Two passes; ordinary block kriging with 3 × 3 × 2 points per block.
        var plan = new EstimationPlan(EstimationMethod.OrdinaryKriging,
            new SearchNeighbourhood(Ellipsoid.FromGslib(150, 30, 0, 0, 0.7, 0.4), minSamples: 8, maxSamples: 24) { MaxPerHole = 6 },
            new SearchNeighbourhood(Ellipsoid.FromGslib(300, 30, 0, 0, 0.7, 0.4), minSamples: 3, maxSamples: 24))
        {
            Variogram = variogram,
            Discretisation = new BlockDiscretisation(3, 3, 2),
        };
        EstimationReport report = BlockEstimator.Estimate(model, samples, "Cu", plan, outputName: "Cu_ok");
        Console.WriteLine(report); // blocks per pass, unestimated blocks, coincident samples dropped

        // Every output is a block attribute: Cu_ok, Cu_ok_var, Cu_ok_n, Cu_ok_holes, Cu_ok_dnear, Cu_ok_davg,
        // Cu_ok_sumw, Cu_ok_sumneg, Cu_ok_lagrange, Cu_ok_slope, Cu_ok_ke, Cu_ok_pass.
        double slope = model.GetDouble("Cu_ok_slope")[0];

        // Leave-one-hole-out cross-validation with the same plan.
        CrossValidationResult cv = CrossValidation.Run(samples, "Cu", plan, LeaveOut.Hole);
        Console.WriteLine($"ME {cv.MeanError:0.0000}  RMSE {cv.RootMeanSquareError:0.0000}  r {cv.Correlation:0.000}");
        // estimation ends

        // resources begins
        // Tonnes from a density per block, then classes by pass, holes and slope of regression.
        DensityModel.Constant(2.6).WriteTonnes(model);
        ClassRule[] rules =
        [
            new(ResourceClass.Measured) { MaximumPass = 1, MinimumHoles = 5, MinimumSlope = 0.9 },
            new(ResourceClass.Indicated) { MaximumPass = 1, MinimumHoles = 3 },
            new(ResourceClass.Inferred) { MaximumPass = 2 },
        ];
        Classification.Classify(model, "Cu_ok", rules, new ClassSmoothing(RadiusI: 1, RadiusJ: 1, RadiusK: 0));

        // Economics: NSR per tonne, block value and destination; break-even and marginal cut-offs.
        var economics = new BlockEconomics
        {
            Commodities = [new Commodity("Cu_ok", Price: 9000, MetalPerGradeUnit: 0.01) { Payable = 0.965, Recovery = RecoveryCurve.Constant(0.88), SellingCost = 500, Royalty = 0.03 }],
            MiningCost = 2.2, ProcessingCost = 8.5, GeneralAndAdministrativeCost = 1.5,
        };
        economics.Apply(model);

        // The statement by class at three cut-offs; exact sums reproduce to the bit.
        var statement = ResourceStatement.Compute(model, new ResourceStatementOptions
        {
            Grades = ["Cu_ok"], CutOffs = [Math.Round(economics.MarginalCutOff(), 2), 0.6, 0.8], MetalFactors = [0.01],
        });
        Console.WriteLine(statement.ToMarkdown());
        GradeTonnageCurve curve = GradeTonnageCurve.Compute(model, "Cu_ok", [0.2, 0.4, 0.6, 0.8], metalFactor: 0.01);
        // resources ends

        // planning begins
        // At $30/t processing only the richer part pays: nested pits by revenue factor, pushbacks of at least
        // 15 % of the final pit, and a bench-phase schedule.
        PitEconomics pitEconomics = PitEconomics.FromBlockModel(model, economics with { ProcessingCost = 30 });
        var precedence = Precedence.Grid(grid.CountX, grid.CountY, grid.CountZ,
            PrecedencePattern.MinimumSearch(grid.BlockSize, SlopeProfile.Constant(45), benches: 8));
        NestedPits pits = NestedPits.Compute(pitEconomics, precedence, [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]);
        Pushbacks phases = Pushbacks.Choose(pits, pitEconomics, minimumTonnes: 0.15 * pits.Pits[^1].Tonnes);
        ProductionSchedule schedule = ProductionSchedule.BenchPhase(pitEconomics, phases, grid.CountX * grid.CountY,
            new ScheduleOptions { MiningCapacity = 6e6, ProcessingCapacity = 2.5e6, DiscountRate = 0.08 });
        Console.WriteLine(pits.ToMarkdown());
        Console.WriteLine(schedule.ToMarkdown());
        // planning ends
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "readme-planning.md"), pits.ToMarkdown() + "\n" + schedule.ToMarkdown());
        Assert.True(pits.Pits[^1].Value > 0 && schedule.NetPresentValue > 0 && schedule.NetPresentValue <= schedule.UpperBound);
        Assert.True(phases.Count >= 2);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "readme-statement.md"), statement.ToMarkdown());

        Assert.Equal(4000 * 20 * 20 * 10 * 2.6, model.GetDouble("tonnes").Values.ToArray().Sum(), 1e-3);
        Assert.Equal(0.14, statement.Options.CutOffs[0]);
        Assert.Equal(curve.Points[2].Tonnes, statement.Total(0.6).Tonnes);
        Assert.True(statement.Lines.Any(l => l.Class == ResourceClass.Measured) && statement.Lines.Any(l => l.Class == ResourceClass.Indicated));

        Assert.Equal(4000, report.EstimatedPerPass.Sum() + report.Unestimated);
        Assert.True(report.EstimatedPerPass[0] > 0);
        Assert.True(double.IsNaN(slope) || slope > 0);
        Assert.Equal(samples.Count, cv.Count + cv.Unestimated);
        Assert.InRange(cv.Correlation, 0.5, 1);
    }

    [Fact]
    public void The_README_run_file_runs_through_the_command_line_driver()
    {
        string readme = File.ReadAllText(RepositoryFile("README.md"));
        int start = readme.IndexOf("## Run files\n", StringComparison.Ordinal);
        int open = readme.IndexOf("```json\n", start, StringComparison.Ordinal) + "```json\n".Length;
        string json = readme[open..readme.IndexOf("```", open, StringComparison.Ordinal)];

        using var folder = new TempFolder();
        File.WriteAllText(folder.File("run.json"), json);
        var random = new Random(3);
        using (var csv = new StreamWriter(folder.File("composites.csv")))
        {
            csv.WriteLine("HOLEID,X,Y,Z,CU");
            for (int h = 0; h < 40; h++)
            {
                double x = random.NextDouble() * 400, y = random.NextDouble() * 400;
                for (double z = 95; z > 0; z -= 5)
                {
                    string cu = random.NextDouble() < 0.02 ? "-99" : FormattableString.Invariant($"{0.5 + 0.2 * Math.Sin(x / 80) + 0.001 * z}");
                    csv.WriteLine(FormattableString.Invariant($"DH{h:000},{x},{y},{z},{cu}"));
                }
            }
        }

        var log = new StringWriter();
        EstimationReport report = DepositTwin.Cli.EstimateCommand.Execute(folder.File("run.json"), log);
        Assert.Equal(4000, report.Targets);
        Assert.True(report.SamplesMissing > 0); // the −99 sentinels
        Assert.True(File.Exists(folder.File("model.vtk")));
        Assert.Contains("OrdinaryKriging", File.ReadAllText(folder.File("report.txt")));
        (BlockModel model, _) = BlockModelCsv.Read(folder.File("model.csv"), RunFile.Load(folder.File("run.json")).ToGrid(),
            new BlockModelCsvOptions { IntegerAttributes = ["cu_ok_n", "cu_ok_holes", "cu_ok_pass"] });
        Assert.True(Enumerable.Range(0, model.Count).Count(r => !double.IsNaN(model.GetDouble("cu_ok")[r])) > 1000);
        Assert.Contains("40 holes", log.ToString());
    }

    [Fact]
    public void The_drillhole_example_imports_composites_flags_and_declusters()
    {
        string folder = Path.GetDirectoryName(ReferenceData.File("forrestania", "collar.csv"))!;
        // drillholes begins
        // The forrestania database (folder = ../shared/reference/forrestania): collar, survey and a 50-element assay table.
        var (database, report) = DrillholeCsv.Read(Path.Combine(folder, "collar.csv"), Path.Combine(folder, "survey.csv"),
            [new IntervalTableSource("assay", Path.Combine(folder, "assay.csv"))],
            new DrillholeImportOptions { BelowDetection = BelowDetectionPolicy.HalfDetectionLimit, MissingSentinels = [-99] });
        Console.WriteLine(report); // every anomaly with hole, file, line and field; what was excluded and why

        // 2 m composites of nickel and copper, located on the holes desurveyed by minimum curvature.
        DrillholeComposites composites = database.Composite("assay", ["Ni_ppm", "Cu_ppm"], new CompositingOptions { Length = 2 });
        SampleSet samples = composites.ToSampleSet();

        // Domains flag the samples; then declustered statistics per domain and a top cut.
        var domains = new DomainModel([new Domain(1, "south", PlanPolygonDomain.FromWkt("POLYGON ((0 0, 25000 0, 25000 15000, 0 15000, 0 0))", -2000, 500))]);
        samples = domains.Flag(samples);
        DeclusteringResult declustering = CellDeclustering.Compute(samples.Locations, samples.Values("Ni_ppm"),
            new CellDeclusteringOptions { MinimumCellSize = 100, MaximumCellSize = 2000, AnisotropyZ = 0.1 });
        IReadOnlyDictionary<int, SummaryStatistics> stats = SummaryStatistics.ByDomain(samples, "Ni_ppm", declustering.Weights);
        TopCutResult cut = TopCut.ByPercentile(samples.Values("Ni_ppm"), 99, declustering.Weights);
        samples = samples.WithColumn("Ni_cut", cut.Values);
        Console.WriteLine($"{composites}\n{declustering}\n{cut}");
        // drillholes ends

        Assert.Equal(100, database.Holes.Count);
        Assert.Equal(2, report.CountByKind()[AnomalyKind.OverlappingInterval]);
        Assert.Equal(composites.Count, samples.Count);
        Assert.True(stats.ContainsKey(1) && stats.ContainsKey(SampleSet.NoDomain));
        Assert.Equal(samples.Values("Ni_ppm").ToArray().Count(v => !double.IsNaN(v)), declustering.Weights.Sum(), 1e-6);
        Assert.True(cut.CutCount > 0 && cut.MeanAfter < cut.MeanBefore);
    }

    [Fact]
    public void The_bauxitemed_example_matches_MineFlow()
    {
        string folder = Path.GetDirectoryName(ReferenceData.File("bauxitemed", "bauxitemed.dat.gz"))!;
        // bauxitemed begins
        // MineFlow's Bauxite model: 374,400 block values, one per line, 120 × 120 × 26 cubic blocks.
        double[] values = BlockValueFile.Read(Path.Combine(folder, "bauxitemed.dat.gz"));
        var pattern = PrecedencePattern.MinimumSearch(new Point3(1, 1, 1), SlopeProfile.Constant(45), benches: 9);
        PitSolution pit = UltimatePit.Solve(values, Precedence.Grid(120, 120, 26, pattern));
        Console.WriteLine(pit); // ultimate pit: 74,587 blocks, value 28,288,679
        // bauxitemed ends

        Assert.Equal((74_587, 28_288_679.0), (pit.BlockCount, pit.Value));
    }

    [Fact]
    public void The_simulation_example_runs()
    {
        using var temp = new TempFolder();
        string folder = temp.Path;
        // simulation begins
        // An unconditional Gaussian field with a nested anisotropic model, fixed by its seed.
        var grid = new GridDefinition(new Point3(0, 0, 0), new Point3(5, 5, 5), 80, 60, 20);
        var model = new VariogramModel(0.1, new VariogramStructure(StructureType.Spherical, 0.9, Ellipsoid.FromGslib(120, azimuth: 45, dip: 0, rake: 0, anis1: 0.5, anis2: 0.2)));
        double[] field = new GaussianRandomField(grid, model).Simulate(seed: 42);

        // Normal scores of lognormal grades, and back.
        double[] grades = field.Select(y => Math.Exp(0.5 * y)).ToArray();
        NormalScore scores = NormalScore.Fit(grades);
        double back = scores.Back(scores.Forward(grades[0]));

        // A deposit with a known truth, drilled; the files go through the importer.
        var deposit = new PorphyryCopperDeposit(seed: 7);
        DrilledFiles files = DrillingSimulator.Drill(deposit, new DrillingCampaign
        {
            Area = (500_300, 2_900_300, 500_900, 2_900_900), Spacing = 100, Dip = -70, Azimuth = 240, Depth = 300,
        }, folder);
        var (database, report) = DrillholeCsv.Read(files.Collar, files.Survey, [new IntervalTableSource("assay", files.Assay)]);
        Console.WriteLine(report); // the two anomalies the simulator put in on purpose
        // simulation ends

        Assert.Equal(grades[0], back, 1e-9);
        Assert.Equal(36, database.Holes.Count);
        Assert.Equal(2, report.Anomalies.Count);
    }

    [Fact]
    public void The_twin_example_runs()
    {
        using var temp = new TempFolder();
        string folder = temp.Path;
        var random = new Random(3);
        Point3[] holes = Enumerable.Range(0, 20).Select(_ => new Point3(random.NextDouble() * 200, random.NextDouble() * 200, 0)).ToArray();
        Point3[] xyz = holes.SelectMany(h => Enumerable.Range(0, 5).Select(k => h with { Z = 45 - 10 * k })).ToArray();
        SampleSet drilling = SampleSet.Of(xyz, "Cu", xyz.Select(p => 0.6 + 0.4 * Math.Sin(p.X / 60)).ToArray(), xyz.Select((_, i) => i / 5).ToArray());
        Point3[] blastXyz = Enumerable.Range(0, 25).Select(i => new Point3(50 + 5 * (i % 5), 50 + 5 * (i / 5), 45)).ToArray();
        SampleSet blastHoles = SampleSet.Of(blastXyz, "Cu", blastXyz.Select(p => 0.7 + 0.4 * Math.Sin(p.X / 60)).ToArray(), Enumerable.Range(100, 25).ToArray());
        // twin begins
        // A block model with tonnes, the drilling, an estimation plan and a cut-off: version 1 is the estimate.
        var model = new BlockModel(new GridDefinition(new Point3(0, 0, 0), new Point3(10, 10, 10), 20, 20, 5));
        DensityModel.Constant(2.6).WriteTonnes(model);
        var plan = new EstimationPlan(EstimationMethod.OrdinaryKriging, new SearchNeighbourhood(Ellipsoid.Isotropic(80), minSamples: 3, maxSamples: 12))
        {
            Variogram = new VariogramModel(0.02, new VariogramStructure(StructureType.Spherical, 0.2, Ellipsoid.Isotropic(150))),
        };
        var settings = new TwinSettings("Cu", plan, CutOff: 0.5);
        var january = new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero);
        MineTwin twin = MineTwin.Create(model, drilling, settings, january, storePath: Path.Combine(folder, "twin.db"));

        // Blast holes update the grade-control model where they reach; depletion and the mill follow.
        TwinUpdate update = twin.Apply(new NewSamples(january.AddDays(20), "bench 45, blast 12", SampleSource.BlastHoles, blastHoles));
        twin.Apply(new Depletion(january.AddDays(27), "February survey", Period: 1, Blocks: [.. model.Where(r => model.IndexOf(r).K == 4 && model.IndexOf(r).I < 8).ToArray()]));
        twin.Apply(new MillProduction(january.AddDays(28), "February mill", Period: 1, Tonnes: 80_000, Grade: 0.74));
        Console.WriteLine($"{update.Version.BlocksChanged} blocks re-estimated; ore {update.OreTonnesChange:+#,0;-#,0} t");
        Console.WriteLine(twin.Reconcile().ToMarkdown()); // F1 = GC / model, F2 = mill / GC, F3 = F1 × F2

        // Reopen later: the latest version, and every earlier one.
        MineTwin reopened = MineTwin.Open(Path.Combine(folder, "twin.db"), settings);
        BlockModel asFirstEstimated = reopened.ModelAsOf(1);
        // twin ends

        Assert.Equal(4, reopened.Versions.Count);
        Assert.InRange(update.Version.BlocksChanged, 1, model.Count - 1);
        Assert.Single(twin.Reconcile().Periods);
        Assert.Equal(model.Count, asFirstEstimated.Count);
    }
}
