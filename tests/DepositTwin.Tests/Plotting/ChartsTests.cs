using DepositTwin.BlockModels;
using DepositTwin.Geometry;
using DepositTwin.Planning;
using DepositTwin.Plotting;
using DepositTwin.Resources;
using DepositTwin.Statistics;
using DepositTwin.Variography;

namespace DepositTwin.Tests.Plotting;

public class ChartsTests
{
    private static void AssertPng(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 5_000, $"{path}: {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void Every_chart_renders_a_png()
    {
        using var folder = new TempFolder();
        var random = new Random(1);
        double[] values = Enumerable.Range(0, 500).Select(_ => Math.Exp(random.NextDouble())).ToArray();
        Charts.Histogram(DistributionPlots.Histogram(values, 20, default, false, out _), folder.File("h.png"), "histogram", "Cu %");
        AssertPng(folder.File("h.png"));

        Point3[] xyz = Enumerable.Range(0, 400).Select(_ => new Point3(random.NextDouble() * 500, random.NextDouble() * 500, 0)).ToArray();
        double[] z = xyz.Select(p => Math.Sin(p.X / 80) + 0.1 * random.NextDouble()).ToArray();
        var experimental = ExperimentalVariogram.Compute(xyz, z, LagClasses.Regular(25, 250));
        var model = new VariogramModel(0.01, new VariogramStructure(StructureType.Spherical, 0.5, new Ellipsoid(Rotation.None, 200, 200, 200)));
        Charts.Variogram([new VariogramSeries("omni", experimental, new Point3(1, 0, 0))], model, folder.File("v.png"), "variogram");
        AssertPng(folder.File("v.png"));

        var grid = new GridDefinition(Point3.Zero, new Point3(10, 10, 10), 12, 10, 6);
        var blocks = new BlockModel(grid);
        DoubleAttribute cu = blocks.AddDouble("Cu", "%");
        IntegerAttribute pit = blocks.AddInteger("pit");
        for (int row = 0; row < blocks.Count; row++)
        {
            var (i, j, k) = (blocks.IndexOf(row).I, blocks.IndexOf(row).J, blocks.IndexOf(row).K);
            cu[row] = 0.1 * i + 0.05 * k;
            pit[row] = k >= 5 - Math.Min(i, 11 - i) ? 1 : 0;
        }

        DensityModel.Constant(2.7).WriteTonnes(blocks);
        GradeTonnageCurve curve = GradeTonnageCurve.Compute(blocks, "Cu", [0, 0.2, 0.4, 0.6, 0.8, 1.0], metalFactor: 0.01);
        Charts.GradeTonnage([("model", curve)], folder.File("gt.png"), "grade-tonnage", "Cu %");
        Charts.Slice(blocks, "Cu", SliceKind.Plan, 2, folder.File("plan.png"), "plan");
        Charts.Slice(blocks, "Cu", SliceKind.SectionAlongX, 4, folder.File("section.png"), "section", outline: "pit");
        Charts.Slice(blocks, "Cu", SliceKind.SectionAlongY, 4, folder.File("sectiony.png"), "section along y");
        foreach (string name in new[] { "gt.png", "plan.png", "section.png", "sectiony.png" })
        {
            AssertPng(folder.File(name));
        }

        var economics = new PitEconomics([1000, 1000, 1000, 1000], [30_000, 20_000, 0, 0], [10_000, 10_000, 0, 0], [2000, 2000, 2000, 2000]);
        var precedence = Precedence.Grid(4, 1, 1, PrecedencePattern.OneFive);
        NestedPits pits = NestedPits.Compute(economics, precedence, [0.5, 1.0]);
        Charts.PitByPit(pits, folder.File("pits.png"), "pit by pit");
        var schedule = ProductionSchedule.BenchPhase(economics, Pushbacks.Choose(pits, economics, 0), 4,
            new ScheduleOptions { MiningCapacity = 2000, ProcessingCapacity = 1000 });
        Charts.Schedule(schedule, folder.File("schedule.png"), "schedule");
        AssertPng(folder.File("pits.png"));
        Charts.Lines([("F1", [1.0, 2, 3], [1.02, 0.97, 1.1])], folder.File("lines.png"), "factors", "period", "factor", reference: 1);
        AssertPng(folder.File("lines.png"));
        AssertPng(folder.File("schedule.png"));
    }
}
