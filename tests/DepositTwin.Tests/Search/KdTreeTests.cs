using DepositTwin.Geometry;
using DepositTwin.Search;
using DepositTwin.Tests.Reference;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DepositTwin.Tests.Search;

public class KdTreeTests
{
    private static Point3[] RandomPoints(int seed, int n, bool onALattice)
    {
        var random = new Random(seed);
        // A lattice makes many exact distance ties, which must be broken by index.
        return Enumerable.Range(0, n).Select(_ => onALattice
            ? new Point3(random.Next(6), random.Next(6), random.Next(3))
            : new Point3(random.NextDouble() * 100, random.NextDouble() * 50, random.NextDouble() * 20)).ToArray();
    }

    /// <summary>
    /// A few sites at arbitrary (not integer) coordinates, each holding many samples at one point: equal
    /// distances spread over many tree nodes, where a cell bound that rounds above a point's distance loses ties.
    /// </summary>
    private static Point3[] DuplicatedSites(int seed, int n)
    {
        var random = new Random(seed);
        Point3[] sites = Enumerable.Range(0, 1 + random.Next(3))
            .Select(_ => new Point3(random.NextDouble() * 6, random.NextDouble() * 6, random.NextDouble() * 3)).ToArray();
        return Enumerable.Range(0, n).Select(i => sites[random.Next(sites.Length)]).ToArray();
    }

    private struct Collector : IPointVisitor
    {
        public List<(int, double)> Found;

        public void Visit(int index, double distanceSquared) => Found.Add((index, distanceSquared));
    }

    [Property(MaxTest = 2000)]
    public Property Nearest_equals_a_brute_force_sort_with_ties_by_index() =>
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), Gen.Choose(0, 300).ToArbitrary(), Gen.Choose(1, 40).ToArbitrary(), (seed, n, k) =>
        {
            Point3[] points = seed % 3 == 2 ? DuplicatedSites(seed, n) : RandomPoints(seed, n, seed % 3 == 0);
            var tree = new KdTree(points);
            var random = new Random(seed + 1);
            for (int q = 0; q < 10; q++)
            {
                var query = new Point3(random.NextDouble() * 6, random.NextDouble() * 6, random.NextDouble() * 3);
                double radius = q % 3 == 0 ? double.PositiveInfinity : random.NextDouble() * 4;
                var expected = NaiveVariogram.Nearest(points, query, radius, k);
                var indices = new int[k];
                var d2 = new double[k];
                int found = tree.Nearest(query, radius, indices, d2);
                Assert.Equal(expected.Select(e => e.Index), indices.Take(found));
                Assert.Equal(expected.Select(e => e.D2), d2.Take(found));
            }
        });

    [Property(MaxTest = 100)]
    public Property Radius_visits_exactly_the_points_within_reach() =>
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), Gen.Choose(0, 300).ToArbitrary(), (seed, n) =>
        {
            Point3[] points = RandomPoints(seed, n, seed % 3 == 0);
            var tree = new KdTree(points);
            var query = points.Length > 0 ? points[seed % points.Length] : Point3.Zero;
            double radius = (seed % 7) * 0.8;
            var collector = new Collector { Found = [] };
            tree.VisitWithinRadius(query, radius, ref collector);
            var expected = NaiveVariogram.Nearest(points, query, radius, int.MaxValue).Select(e => e.Index).OrderBy(i => i);
            Assert.Equal(expected, collector.Found.Select(f => f.Item1).OrderBy(i => i));
        });

    private struct Ordered : IOrderedPointVisitor
    {
        public List<(int, double)> Found;
        public int Stop;

        public bool Visit(int index, double distanceSquared)
        {
            Found.Add((index, distanceSquared));
            return Found.Count < Stop;
        }
    }

    [Property(MaxTest = 2000)]
    public Property Nearest_first_visits_in_brute_force_order_and_stops_when_told() =>
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), Gen.Choose(0, 300).ToArbitrary(), (seed, n) =>
        {
            Point3[] points = seed % 3 == 2 ? DuplicatedSites(seed, n) : RandomPoints(seed, n, seed % 3 == 0);
            var tree = new KdTree(points);
            var queue = new SearchQueue();
            var random = new Random(seed);
            var query = new Point3(random.NextDouble() * 6, random.NextDouble() * 6, random.NextDouble() * 3);
            double radius = seed % 4 == 0 ? double.PositiveInfinity : random.NextDouble() * 5;
            int stop = 1 + seed % 50;
            var visitor = new Ordered { Found = [], Stop = stop };
            tree.VisitNearestFirst(query, radius, queue, ref visitor);
            var expected = NaiveVariogram.Nearest(points, query, radius, stop);
            Assert.Equal(expected.Select(e => e.Index), visitor.Found.Select(f => f.Item1));
            Assert.Equal(expected.Select(e => e.D2), visitor.Found.Select(f => f.Item2));
        });

    [Fact]
    public void Non_finite_points_are_rejected_and_empty_trees_answer_nothing()
    {
        Assert.Throws<ArgumentException>(() => new KdTree([new Point3(double.NaN, 0, 0)]));
        var empty = new KdTree([]);
        Assert.Equal(0, empty.Nearest(Point3.Zero, 10, new int[3], new double[3]));
    }
}
