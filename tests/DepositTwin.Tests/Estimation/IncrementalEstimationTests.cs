using DepositTwin.BlockModels;
using DepositTwin.Estimation;
using DepositTwin.Geometry;
using DepositTwin.Samples;
using DepositTwin.Search;
using DepositTwin.Variography;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DepositTwin.Tests.Estimation;

public class IncrementalEstimationTests
{
    private static readonly EstimationPlan Plan = new(EstimationMethod.OrdinaryKriging,
        new SearchNeighbourhood(Ellipsoid.FromGslib(60, 30, 0, 0, 0.6, 0.5), minSamples: 4, maxSamples: 12) { MaxPerHole = 3 },
        new SearchNeighbourhood(Ellipsoid.FromGslib(140, 30, 0, 0, 0.6, 0.5), minSamples: 2, maxSamples: 12))
    {
        Variogram = new VariogramModel(0.05, new VariogramStructure(StructureType.Spherical, 1, Ellipsoid.FromGslib(150, 30, 0, 0, 0.6, 0.5))),
        Discretisation = new BlockDiscretisation(2, 2, 2),
    };

    private static SampleSet Drill(Random random, int holes, int firstHole)
    {
        var xyz = new List<Point3>();
        var hole = new List<int>();
        for (int h = 0; h < holes; h++)
        {
            double x = random.NextDouble() * 300, y = random.NextDouble() * 300;
            for (double z = 57; z > 0; z -= 6)
            {
                xyz.Add(new Point3(x, y, z));
                hole.Add(firstHole + h);
            }
        }

        return SampleSet.Of(xyz, "Cu", xyz.Select(p => 0.5 + 0.3 * Math.Sin(p.X / 70) * Math.Cos(p.Y / 50) + 0.001 * p.Z).ToArray(), hole);
    }

    [Property(MaxTest = 12)]
    public Property Updating_only_the_blocks_new_holes_reach_equals_a_full_re_estimation() =>
        Prop.ForAll(Gen.Choose(0, 10_000).ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), (seed, newHoles) =>
        {
            var random = new Random(seed);
            SampleSet before = Drill(random, 25, 0);
            SampleSet added = Drill(random, newHoles, 1000);
            SampleSet after = SampleSet.Concat([before, added]);
            var grid = new GridDefinition(Point3.Zero, new Point3(15, 15, 10), 20, 20, 6);

            var full = new BlockModel(grid);
            BlockEstimator.Estimate(full, after, "Cu", Plan, "Cu_ok");
            var incremental = new BlockModel(grid);
            BlockEstimator.Estimate(incremental, before, "Cu", Plan, "Cu_ok");
            var (_, blocks) = IncrementalEstimation.Update(incremental, after, "Cu", Plan, "Cu_ok", added.Locations.ToArray());

            bool fewer = blocks.Count < grid.BlockCount;
            bool same = full.Attributes.All(a => Enumerable.Range(0, full.Count).All(row =>
                a.GetDouble(row).Equals(incremental[a.Name].GetDouble(row))));
            return (same && fewer).Label($"{blocks.Count} of {grid.BlockCount} blocks re-estimated");
        });

    [Fact]
    public void Blocks_beyond_every_search_ellipsoid_are_not_touched()
    {
        var grid = new GridDefinition(Point3.Zero, new Point3(10, 10, 10), 40, 40, 1);
        var model = new BlockModel(grid);
        BlockSelection reached = IncrementalEstimation.BlocksReachedBy(model, Plan, [new Point3(5, 5, 5)]);
        Assert.True(reached.Count > 0);
        foreach (int row in reached)
        {
            Assert.Contains(Plan.Passes, p => p.Ellipsoid.Contains(model.Centroid(row), new Point3(5, 5, 5)));
        }

        for (int row = 0; row < model.Count; row++)
        {
            bool inside = Plan.Passes.Any(p => p.Ellipsoid.Contains(model.Centroid(row), new Point3(5, 5, 5)));
            Assert.Equal(inside, reached.ToArray().Contains(row));
        }

        var nearest = new EstimationPlan(EstimationMethod.InverseDistance, SearchNeighbourhood.Nearest(8));
        Assert.Equal(model.Count, IncrementalEstimation.BlocksReachedBy(model, nearest, [new Point3(5, 5, 5)]).Count);
    }
}
