using DepositTwin.BlockModels;
using DepositTwin.Estimation;
using DepositTwin.Geometry;
using DepositTwin.Resources;
using DepositTwin.Samples;
using DepositTwin.Search;
using DepositTwin.Twin;
using DepositTwin.Variography;
using Microsoft.Data.Sqlite;

namespace DepositTwin.Tests.Twin;

public class MineTwinTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 31, 0, 0, 0, TimeSpan.Zero);

    private static readonly TwinSettings Settings = new("Cu", new EstimationPlan(EstimationMethod.OrdinaryKriging,
        new SearchNeighbourhood(Ellipsoid.FromGslib(80, 0, 0, 0, 1, 0.5), minSamples: 3, maxSamples: 12) { MaxPerHole = 4 })
    {
        Variogram = new VariogramModel(0.02, new VariogramStructure(StructureType.Spherical, 0.2, Ellipsoid.FromGslib(150, 0, 0, 0, 1, 0.5))),
    }, CutOff: 0.5);

    private static double Grade(Point3 p) => 0.6 + 0.4 * Math.Sin(p.X / 60) * Math.Cos(p.Y / 45);

    private static SampleSet Holes(int first, int count, int seed)
    {
        var random = new Random(seed);
        var xyz = new List<Point3>();
        var hole = new List<int>();
        for (int h = 0; h < count; h++)
        {
            double x = random.NextDouble() * 200, y = random.NextDouble() * 200;
            for (double z = 45; z > 0; z -= 10)
            {
                xyz.Add(new Point3(x, y, z));
                hole.Add(first + h);
            }
        }

        return SampleSet.Of(xyz, "Cu", xyz.Select(Grade).ToArray(), hole);
    }

    private static BlockModel Model()
    {
        var model = new BlockModel(new GridDefinition(Point3.Zero, new Point3(10, 10, 10), 20, 20, 5));
        DensityModel.Constant(2.6).WriteTonnes(model);
        return model;
    }

    [Fact]
    public void Updates_re_estimate_only_what_they_reach_and_equal_a_full_re_estimation()
    {
        SampleSet drilling = Holes(0, 20, 1), infill = Holes(100, 3, 2), blast = Holes(1000, 4, 3);
        MineTwin twin = MineTwin.Create(Model(), drilling, Settings, Start);
        TwinUpdate a = twin.Apply(new NewSamples(Start.AddDays(30), "infill drilling", SampleSource.Drilling, infill));
        TwinUpdate b = twin.Apply(new NewSamples(Start.AddDays(31), "blast holes, bench 4", SampleSource.BlastHoles, blast));
        Assert.InRange(a.Version.BlocksChanged, 1, twin.Model.Count - 1);
        Assert.InRange(b.Version.BlocksChanged, 1, twin.Model.Count - 1);

        BlockModel full = Model();
        BlockEstimator.Estimate(full, SampleSet.Concat([drilling, infill]), "Cu", Settings.Plan, "Cu_ltm");
        BlockEstimator.Estimate(full, SampleSet.Concat([drilling, infill, blast]), "Cu", Settings.Plan, "Cu_gc");
        foreach (BlockAttribute attribute in full.Attributes)
        {
            Assert.Equal(attribute.Name is "tonnes" ? full.GetDouble("tonnes").Values.ToArray() : Values(full, attribute.Name), Values(twin.Model, attribute.Name));
        }

        Assert.Equal([1, 2, 3], twin.Versions.Select(v => v.Id));
        Assert.Equal(a.Version.OreTonnes + b.OreTonnesChange, b.Version.OreTonnes, 1e-6);
        // The statement each update reports is the unmined grade-control ore; before = the previous after.
        Assert.Equal(b.Version.OreTonnes, b.After.Total(Settings.CutOff).Tonnes, 1e-6);
        Assert.Equal(a.After.Total(Settings.CutOff).Tonnes, b.Before.Total(Settings.CutOff).Tonnes);

        // Grades by block (an analyser) are samples at the block centres; bad rows are listed.
        TwinUpdate c = twin.Apply(new BlockGrades(Start.AddDays(32), "shovel analyser", [(10, 0.9), (11, 0.8), (-1, 0.5)], FirstId: 5000));
        Assert.Single(c.Rejected);
        Assert.Equal(twin.Model.Centroid(10), twin.GradeControlSamples.Locations[^2]);
    }

    private static double[] Values(BlockModel model, string name) => Enumerable.Range(0, model.Count).Select(model[name].GetDouble).ToArray();

    [Fact]
    public void Bad_observations_are_refused_or_listed_and_nothing_stored_is_lost()
    {
        MineTwin twin = MineTwin.Create(Model(), Holes(0, 15, 4), Settings, Start);
        double[] before = Values(twin.Model, "Cu_gc");
        Assert.Throws<ArgumentException>(() => twin.Apply(new NewSamples(Start, "same time again", SampleSource.BlastHoles, Holes(500, 1, 5))));
        Assert.Throws<ArgumentException>(() => twin.Apply(new NewSamples(Start.AddDays(1), "reused hole ids", SampleSource.BlastHoles, Holes(0, 1, 5))));
        Assert.Throws<ArgumentOutOfRangeException>(() => twin.Apply(new MillProduction(Start.AddDays(1), "bad mill", 1, -5, 0.5)));
        Assert.Throws<ArgumentException>(() => twin.Apply(new Depletion(Start.AddDays(1), "bad rows", 1, [5, 99_999])));
        Assert.Single(twin.Versions);
        Assert.Equal(before, Values(twin.Model, "Cu_gc"));

        var outside = SampleSet.Of([new Point3(10, 10, 10), new Point3(5000, 5000, 10)], "Cu", [0.7, 0.9], [700, 701]);
        TwinUpdate update = twin.Apply(new NewSamples(Start.AddDays(2), "sensors", SampleSource.Sensors, outside));
        Assert.Single(update.Rejected);
        Assert.Contains("outside the block model", update.Rejected[0], StringComparison.Ordinal);
        twin.Apply(new Depletion(Start.AddDays(3), "bench 4, January", 1, [0, 1, 2]));
        TwinUpdate again = twin.Apply(new Depletion(Start.AddDays(4), "re-surveyed", 2, [2, 3]));
        Assert.Equal(["block row 2 was already mined in period 1"], again.Rejected);
    }

    [Fact]
    public void Reconciliation_factors_by_hand()
    {
        MineTwin twin = MineTwin.Create(Model(), Holes(0, 20, 6), Settings, Start);
        DoubleAttribute ltm = twin.Model.GetDouble("Cu_ltm"), gc = twin.Model.GetDouble("Cu_gc");
        int[] rows = Enumerable.Range(0, twin.Model.Count).Where(r => !double.IsNaN(gc[r])).Take(40).ToArray();
        twin.Apply(new Depletion(Start.AddDays(30), "January", 1, rows));
        twin.Apply(new MillProduction(Start.AddDays(31), "January mill", 1, 50_000, 0.8));
        ReconciliationPeriod p = Assert.Single(twin.Reconcile().Periods);
        double blockTonnes = 1000 * 2.6;
        int[] modelOre = rows.Where(r => ltm[r] >= 0.5).ToArray(), gcOre = rows.Where(r => gc[r] >= 0.5).ToArray();
        Assert.Equal(modelOre.Length * blockTonnes, p.Model.Tonnes, 1e-6);
        Assert.Equal(modelOre.Average(r => ltm[r]), p.Model.Grade, 1e-9);
        Assert.Equal(gcOre.Length * blockTonnes, p.GradeControl.Tonnes, 1e-6);
        Assert.Equal(50_000 / p.GradeControl.Tonnes, p.F2.Tonnes, 1e-12);
        Assert.Equal(p.F1.Metal * p.F2.Metal, p.F3.Metal, 1e-12);
        Assert.Contains("| 1 |", twin.Reconcile().ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Domains_are_estimated_from_their_own_samples_and_the_store_keeps_the_sample_codes()
    {
        static int ZoneOf(Point3 p) => p.X < 100 ? 1 : 2;
        static BlockModel Zoned()
        {
            BlockModel m = Model();
            IntegerAttribute zone = m.AddInteger("zone");
            for (int r = 0; r < m.Count; r++)
            {
                zone[r] = ZoneOf(m.Centroid(r));
            }

            return m;
        }

        static SampleSet WithZones(SampleSet s) => s.WithDomains(s.Locations.ToArray().Select(ZoneOf).ToArray());
        TwinSettings settings = Settings with { DomainAttribute = "zone" };
        using var folder = new TempFolder();
        string path = folder.File("domains.db");
        SampleSet drilling = WithZones(Holes(0, 20, 31)), infill = WithZones(Holes(100, 4, 32));
        MineTwin twin = MineTwin.Create(Zoned(), drilling, settings, Start, path);
        twin.Apply(new NewSamples(Start.AddDays(30), "infill drilling", SampleSource.Drilling, infill));

        // Hard boundaries: each zone from its own samples, exactly as zone-by-zone full estimates.
        BlockModel full = Zoned();
        SampleSet all = SampleSet.Concat([drilling, infill]);
        foreach (int zone in new[] { 1, 2 })
        {
            BlockEstimator.Estimate(full, all.InDomain(zone), "Cu", settings.Plan, "Cu_ltm", full.WhereCode("zone", zone));
        }

        Assert.Equal(Values(full, "Cu_ltm"), Values(twin.Model, "Cu_ltm"));
        BlockModel across = Model();
        BlockEstimator.Estimate(across, all, "Cu", settings.Plan, "Cu_ltm");
        Assert.NotEqual(Values(across, "Cu_ltm"), Values(twin.Model, "Cu_ltm")); // the boundary matters
        Assert.Equal(twin.GradeControlSamples.Domains.ToArray(), MineTwin.Open(path, settings).GradeControlSamples.Domains.ToArray());
    }

    [Fact]
    public void The_classification_follows_new_drilling_smoothing_included_and_equals_a_full_reclassification()
    {
        ClassRule[] rules =
        [
            new(ResourceClass.Measured) { MaximumNearestDistance = 18, MinimumHoles = 3 },
            new(ResourceClass.Indicated) { MaximumNearestDistance = 35, MinimumHoles = 2 },
            new(ResourceClass.Inferred) { MaximumPass = 1 },
        ];
        var smoothing = new ClassSmoothing(1, 1, 0, Passes: 2);
        TwinSettings settings = Settings with { ClassRules = rules, ClassSmoothing = smoothing };
        using var folder = new TempFolder();
        string path = folder.File("classes.db");
        SampleSet drilling = Holes(0, 12, 21), infill = Holes(100, 4, 22);
        MineTwin twin = MineTwin.Create(Model(), drilling, settings, Start, path);
        int[] before = twin.Model.GetInteger("class").Values.ToArray();
        TwinUpdate update = twin.Apply(new NewSamples(Start.AddDays(30), "infill drilling", SampleSource.Drilling, infill));
        twin.Apply(new NewSamples(Start.AddDays(31), "blast holes", SampleSource.BlastHoles, Holes(1000, 3, 23)));

        // A full re-estimation and re-classification from scratch gives the same classes.
        BlockModel full = Model();
        BlockEstimator.Estimate(full, SampleSet.Concat([drilling, infill]), "Cu", settings.Plan, "Cu_ltm");
        int[] expected = Classification.Classify(full, "Cu_ltm", rules, smoothing).Values.ToArray();
        int[] after = twin.Model.GetInteger("class").Values.ToArray();
        Assert.Equal(expected, after);
        Assert.Contains(Enumerable.Range(0, after.Length), r => after[r] != before[r]); // the infill did upgrade blocks

        // Smoothing reaches past the re-estimated blocks, and those rows are in the version's delta too.
        Assert.Equal(expected, MineTwin.Open(path, settings).Model.GetInteger("class").Values.ToArray());
        Assert.Equal(before, twin.ModelAsOf(1).GetInteger("class").Values.ToArray());

        // The statement is by class now.
        Assert.Contains(update.After.Lines, l => l.Class == ResourceClass.Measured);
    }

    [Fact]
    public void A_store_reopens_at_its_last_version_keeps_every_version_and_survives_a_failed_commit()
    {
        using var folder = new TempFolder();
        string path = folder.File("twin.db");
        SampleSet drilling = Holes(0, 20, 7);
        MineTwin twin = MineTwin.Create(Model(), drilling, Settings, Start, path);
        double[] initial = Values(twin.Model, "Cu_gc");
        twin.Apply(new NewSamples(Start.AddDays(30), "blast holes", SampleSource.BlastHoles, Holes(1000, 5, 8)));
        twin.Apply(new Depletion(Start.AddDays(31), "January", 1, [0, 1, 2, 3]));
        double[] latest = Values(twin.Model, "Cu_gc");
        Assert.Equal(twin.Versions[0].OreTonnes, twin.StatementAsOf(1).Total(Settings.CutOff).Tonnes, 1e-6);

        MineTwin reopened = MineTwin.Open(path, Settings);
        Assert.Equal(twin.Versions, reopened.Versions);
        Assert.Equal(latest, Values(reopened.Model, "Cu_gc"));
        Assert.Equal(Values(twin.Model, "mined"), Values(reopened.Model, "mined"));
        Assert.Equal(initial, Values(reopened.ModelAsOf(1), "Cu_gc"));
        Assert.Equal(twin.GradeControlSamples.Count, reopened.GradeControlSamples.Count);

        // Continue after reopening; then make a commit fail half-way: the store and the twin stay at the last version.
        reopened.Apply(new MillProduction(Start.AddDays(32), "January mill", 1, 9000, 0.7));
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var drop = c.CreateCommand();
            drop.CommandText = "DROP TABLE samples";
            drop.ExecuteNonQuery();
        }

        double[] beforeFailure = Values(reopened.Model, "Cu_gc");
        Assert.Throws<SqliteException>(() => reopened.Apply(new NewSamples(Start.AddDays(40), "more blast holes", SampleSource.BlastHoles, Holes(2000, 5, 9))));
        Assert.Equal(4, reopened.Current.Id);
        Assert.Equal(beforeFailure, Values(reopened.Model, "Cu_gc"));
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var count = c.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM versions";
            Assert.Equal(4L, (long)count.ExecuteScalar()!);
        }
    }
}

public class TwinCrashTests
{
    [Fact]
    public void Killing_a_writer_mid_update_leaves_the_last_committed_version_intact()
    {
        using var folder = new TempFolder();
        string store = folder.File("crash.db");
        string writer = Path.Combine(AppContext.BaseDirectory, "TwinWriter.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", ["exec", writer, store]) { RedirectStandardOutput = true, UseShellExecute = false };
        using (var child = System.Diagnostics.Process.Start(start)!)
        {
            // Let it commit a few versions, then kill it wherever it is (often inside an update).
            int last = 0;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (last < 6 && clock.Elapsed < TimeSpan.FromSeconds(60) && child.StandardOutput.ReadLine() is { } line)
            {
                last = int.Parse(line, System.Globalization.CultureInfo.InvariantCulture);
            }

            Thread.Sleep(37);
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            Assert.True(last >= 6, $"the writer committed only {last} versions");
        }

        MineTwin reopened = MineTwin.Open(store, TwinWriter.Soak.Settings);
        Assert.Equal(Enumerable.Range(1, reopened.Versions.Count), reopened.Versions.Select(v => v.Id));
        Assert.True(reopened.Versions.Count >= 6);
        // The reopened twin takes the next update.
        TwinUpdate next = reopened.Apply(TwinWriter.Soak.Batch(reopened, 1_000));
        Assert.Equal(reopened.Versions.Count, next.Version.Id);
        BlockModel asOf = reopened.ModelAsOf(reopened.Versions.Count - 1);
        Assert.Equal(reopened.Model.Count, asOf.Count);
    }
}

public class TwinReplanTests
{
    [Fact]
    public void A_re_plan_puts_the_pit_in_the_twin_without_the_mined_blocks_and_the_store_keeps_it()
    {
        using var folder = new TempFolder();
        var settings = new TwinSettings("Cu", new EstimationPlan(EstimationMethod.OrdinaryKriging,
            new SearchNeighbourhood(Ellipsoid.Isotropic(80), minSamples: 3, maxSamples: 12))
        {
            Variogram = new VariogramModel(0.02, new VariogramStructure(StructureType.Spherical, 0.2, Ellipsoid.Isotropic(150))),
        }, CutOff: 0.5);
        var model = new BlockModel(new GridDefinition(Point3.Zero, new Point3(10, 10, 10), 20, 20, 5));
        DensityModel.Constant(2.6).WriteTonnes(model);
        Point3[] xyz = Enumerable.Range(0, 25).SelectMany(h => Enumerable.Range(0, 5).Select(k => new Point3(20 + 40 * (h % 5), 20 + 40 * (h / 5), 45 - 10 * k))).ToArray();
        var drilling = SampleSet.Of(xyz, "Cu", xyz.Select(p => 0.3 + 0.9 * Math.Exp(-((p.X - 100) * (p.X - 100) + (p.Y - 100) * (p.Y - 100)) / 4000)).ToArray(),
            xyz.Select((_, i) => i / 5).ToArray());
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string path = folder.File("twin.db");
        MineTwin twin = MineTwin.Create(model, drilling, settings, start, path);
        var economics = new BlockEconomics
        {
            Commodities = [new Commodity("Cu_gc", 9000, 0.01) { Recovery = RecoveryCurve.Constant(0.88) }],
            MiningCost = 2, ProcessingCost = 25, GeneralAndAdministrativeCost = 1, // break-even 0.35 % Cu: the 0.3 % halo is waste
        };

        TwinUpdate first = twin.Apply(new Replan(start.AddDays(1), "first plan", economics, PrecedencePatternFor45()));
        int pitBlocks = twin.Model.GetInteger("pit").Values.ToArray().Sum();
        Assert.True(pitBlocks > 0 && pitBlocks < twin.Model.Count, $"{pitBlocks} blocks in the pit");
        Assert.Equal(twin.Model.Count, first.Version.BlocksChanged);

        int[] top = Enumerable.Range(0, twin.Model.Count).Where(r => twin.Model.GetInteger("pit")[r] == 1 && twin.Model.IndexOf(r).K == 4).ToArray();
        twin.Apply(new Depletion(start.AddDays(30), "the top bench of the pit", 1, top));
        twin.Apply(new Replan(start.AddDays(31), "after January", economics, PrecedencePatternFor45()));
        Assert.All(top, r => Assert.Equal(0, twin.Model.GetInteger("pit")[r]));  // mined: no longer in the pit to come

        // A re-plan with a schedule: every unmined pit block gets a period, mined blocks none, and the periods
        // account for the pit's rock tonnes to the tonne.
        var options = new DepositTwin.Planning.ScheduleOptions { MiningCapacity = 250_000, ProcessingCapacity = 100_000 };
        twin.Apply(new Replan(start.AddDays(32), "scheduled plan", economics, PrecedencePatternFor45())
        {
            Schedule = new ReplanSchedule([0.6, 0.8, 1.0], 0.2, options),
        });
        IntegerAttribute period = twin.Model.GetInteger("period"), pit = twin.Model.GetInteger("pit");
        Assert.NotNull(twin.Schedule);
        Assert.All(top, r => Assert.Equal(IntegerAttribute.Missing, period[r]));
        double scheduled = Enumerable.Range(0, twin.Model.Count).Where(r => period[r] != IntegerAttribute.Missing).Sum(r => twin.Model.GetDouble("tonnes")[r]);
        Assert.Equal(scheduled, twin.Schedule!.Periods.Sum(p => p.RockTonnes), 1e-6 * scheduled);
        Assert.All(Enumerable.Range(0, twin.Model.Count).Where(r => pit[r] == 1), r => Assert.InRange(period[r], 1, twin.Schedule.Periods.Count));
        Assert.All(twin.Schedule.Periods, p => Assert.True(p.RockTonnes <= options.MiningCapacity));

        MineTwin reopened = MineTwin.Open(path, settings);
        Assert.Equal(twin.Model.GetInteger("pit").Values.ToArray(), reopened.Model.GetInteger("pit").Values.ToArray());
        Assert.Equal(period.Values.ToArray(), reopened.Model.GetInteger("period").Values.ToArray());
        Assert.Equal(pitBlocks, reopened.ModelAsOf(2).GetInteger("pit").Values.ToArray().Sum());
    }

    private static DepositTwin.Planning.PrecedencePattern PrecedencePatternFor45() => DepositTwin.Planning.PrecedencePattern.OneNine;
}
