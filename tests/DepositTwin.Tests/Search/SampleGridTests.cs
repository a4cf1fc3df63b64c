using DepositTwin.Geometry;
using DepositTwin.Search;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DepositTwin.Tests.Search;

public class SampleGridTests
{
    private struct Collector : IPointVisitor
    {
        public List<(int Index, double D2)> Found;

        public void Visit(int index, double distanceSquared) => Found.Add((index, distanceSquared));
    }

    /// <summary>
    /// Point sets of every shape the grid's cell sizing must handle: spread, on a lattice (exact ties), down
    /// drillholes, flat, on a line, at one point, in projected coordinates (differences of large numbers).
    /// </summary>
    private static Point3[] Points(int seed, int n)
    {
        var random = new Random(seed);
        Point3 offset = seed % 4 == 3 ? new Point3(452_000, 2_786_000, 1_850) : Point3.Zero;
        Point3 site = new(random.NextDouble() * 10, random.NextDouble() * 10, random.NextDouble() * 10);
        Point3[] points = Enumerable.Range(0, n).Select(i => offset + (seed % 7) switch
        {
            0 => new Point3(random.Next(6), random.Next(6), random.Next(3)),
            1 => new Point3(10 * (i / 20) % 90 + random.NextDouble(), 17 * (i / 20) % 70, -2.5 * (i % 20)),
            2 => new Point3(random.NextDouble() * 100, random.NextDouble() * 50, 7),
            3 => new Point3(random.NextDouble() * 100, 3, 4),
            4 => site,
            _ => new Point3(random.NextDouble() * 100, random.NextDouble() * 50, random.NextDouble() * 20),
        }).ToArray();

        // A stray sample far from the rest in a fifth of the cases (a collar left at 0, 0, 0), first or last.
        if (seed % 5 == 4 && n > 0)
        {
            points[seed % 2 == 0 ? 0 : n - 1] += new Point3(-3e6, 2e6, -1e4);
        }

        return points;
    }

    [Property(MaxTest = 300)]
    public Property A_range_query_finds_what_the_tree_finds_at_the_same_squared_distances() =>
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), Gen.Choose(0, 400).ToArbitrary(), (seed, n) =>
        {
            Point3[] points = Points(seed, n);
            var grid = new SampleGrid(points);
            var tree = new KdTree(points);
            var random = new Random(seed + 1);
            for (int q = 0; q < 12; q++)
            {
                // Queries inside and outside the points' box; radii from zero to infinite.
                Point3 query = points.Length > 0 && q % 3 == 0
                    ? points[random.Next(points.Length)]
                    : (points.Length > 0 ? points[0] : Point3.Zero) + new Point3(random.NextDouble() * 240 - 120, random.NextDouble() * 120 - 60, random.NextDouble() * 60 - 30);
                double radius = (q % 4) switch { 0 => 0, 1 => double.PositiveInfinity, _ => random.NextDouble() * 60 };
                var fromGrid = new Collector { Found = [] };
                var fromTree = new Collector { Found = [] };
                grid.VisitWithinRadius(query, radius, ref fromGrid);
                tree.VisitWithinRadius(query, radius, ref fromTree);
                Assert.Equal(fromTree.Found.OrderBy(f => f.Index), fromGrid.Found.OrderBy(f => f.Index));
            }
        });

    [Property(MaxTest = 500)]
    public Property A_selection_gives_the_value_sorting_puts_at_each_rank() =>
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), Gen.Choose(1, 200).ToArbitrary(), (seed, n) =>
        {
            // Few distinct values (many ties) in a third of the cases.
            var random = new Random(seed);
            double[] values = Enumerable.Range(0, n).Select(_ => seed % 3 == 0 ? random.Next(4) : random.NextDouble()).ToArray();
            double[] sorted = values.Order().ToArray();
            for (int rank = 0; rank < n; rank += 1 + n / 7)
            {
                double[] work = (double[])values.Clone();
                Assert.Equal(sorted[rank], NeighbourSearch.SmallestAt(work, rank));
                Assert.Equal(sorted, work.Order());
            }
        });

    [Fact]
    public void A_stray_sample_does_not_size_the_cells()
    {
        var random = new Random(5);
        Point3[] deposit = Enumerable.Range(0, 2000)
            .Select(_ => new Point3(452_000 + random.NextDouble() * 500, 2_786_000 + random.NextDouble() * 500, random.NextDouble() * 200)).ToArray();
        Point3[] withStray = [.. deposit, Point3.Zero];
        double cell = new SampleGrid(deposit).CellSize;
        Assert.InRange(new SampleGrid(withStray).CellSize, cell / 1.3, cell * 1.3);
    }
}
