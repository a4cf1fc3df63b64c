using DepositTwin.Geometry;
using DepositTwin.Search;
using DepositTwin.Tests.Reference;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DepositTwin.Tests.Search;

public class NeighbourSearchTests
{
    /// <summary>Gathers the targets as one tile; the first target where tile and tree search differ, or null.</summary>
    private static string? Disagreement(NeighbourSearch search, Point3[] targets, SearchNeighbourhood rules)
    {
        var perTarget = new NeighbourBuffers();
        var shared = new NeighbourBuffers();
        var tile = new SearchTile();

        // The tile, then its neighbours along x and beyond, as a run visits them: a tile after the first
        // starts from the previous tile's centre.
        double width = targets.Max(t => t.X) - targets.Min(t => t.X) + 1;
        foreach (double step in (double[])[0, width, 2 * width, 4 * width])
        {
            Point3[] moved = targets.Select(t => t + new Point3(step, 0.3 * step, 0)).ToArray();
            search.Gather(moved, tile, shared);
            foreach (Point3 target in moved)
            {
                int expected = search.Find(target, perTarget);
                int found = search.FindInTile(target, shared, tile);
                if (found != expected
                    || !perTarget.Indices.AsSpan(0, expected).SequenceEqual(shared.Indices.AsSpan(0, found))
                    || !perTarget.Distances.Take(expected).SequenceEqual(shared.Distances.Take(found).Select(Math.Sqrt)))
                {
                    return $"target {target} (tile moved {step}): {found} vs {expected} samples, rules {rules}";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The tile search (one gathering per tile, brute-force ranking per target) must return exactly what the
    /// per-target tree search returns: same samples, same order, same distances, under every rule: octant and
    /// per-hole limits, Euclidean ranking inside an ellipsoid, lattice data full of ties, tiles of any shape.
    /// </summary>
    [Property(MaxTest = 150)]
    public Property A_tile_search_finds_exactly_what_a_search_per_target_finds() =>
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            bool lattice = random.Next(3) == 0;
            int n = random.Next(0, 400);

            // A third of the cases in projected coordinates (a UTM-like offset), where rounding of differences is coarser.
            Point3 offset = random.Next(3) == 0 ? new Point3(452_000, 2_786_000, 1_850) : Point3.Zero;
            Point3[] points = Enumerable.Range(0, n).Select(_ => offset + (lattice
                ? new Point3(random.Next(12) * 5, random.Next(12) * 5, random.Next(6) * 2)
                : new Point3(random.NextDouble() * 60, random.NextDouble() * 60, random.NextDouble() * 12))).ToArray();
            int[] holes = Enumerable.Range(0, n).Select(i => lattice ? i % 17 : (int)(points[i].X / 6) * 11 + (int)(points[i].Y / 6)).ToArray();
            var ellipsoid = Ellipsoid.FromGslib(10 + random.NextDouble() * 60, random.NextDouble() * 360, random.NextDouble() * 60 - 30,
                random.NextDouble() * 40 - 20, 0.3 + random.NextDouble() * 0.7, 0.2 + random.NextDouble() * 0.8);
            int max = random.Next(1, 33);
            var rules = new SearchNeighbourhood(random.Next(5) == 0 ? Ellipsoid.Isotropic(ellipsoid.Major) : ellipsoid, 1, max)
            {
                MaxPerOctant = random.Next(3) == 0 ? random.Next(1, 4) : 0,
                MaxPerHole = random.Next(2) == 0 ? random.Next(1, 5) : 0,
                Metric = random.Next(4) == 0 ? SearchMetric.Euclidean : SearchMetric.Anisotropic,
                Octants = random.Next(2) == 0 ? OctantFrame.DataAxes : OctantFrame.SearchEllipsoid,
            };
            var search = new NeighbourSearch(points, holes, rules);

            // A tile: a small box of targets somewhere over (and beyond) the data, on a grid or scattered.
            var corner = offset + new Point3(random.NextDouble() * 80 - 10, random.NextDouble() * 80 - 10, random.NextDouble() * 16 - 2);
            double size = random.NextDouble() * 25;
            Point3[] targets = Enumerable.Range(0, random.Next(1, 60))
                .Select(_ => corner + new Point3(random.NextDouble() * size, random.NextDouble() * size, random.NextDouble() * size / 3)).ToArray();
            if (Disagreement(search, targets, rules) is string disagreement)
            {
                return false.Label(disagreement);
            }

            return true.Label("all targets agree");
        });

    /// <summary>
    /// Stages of more than 64 candidates, which the ranking splits into bands of distance (a dense cloud
    /// under octant rules) and sorts where a band still holds more (drill sites with more than 64 samples at
    /// one point, so equal distances), must still give exactly the tree's answer. Each case checks that it
    /// holds such a stage.
    /// </summary>
    [Property(MaxTest = 30)]
    public Property Large_stages_are_ranked_as_the_tree_ranks_them() =>
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            bool duplicates = random.Next(2) == 0;
            int n = random.Next(800, 2500);
            Point3[] sites = Enumerable.Range(0, 12).Select(_ => new Point3(random.NextDouble() * 40, random.NextDouble() * 40, random.NextDouble() * 8)).ToArray();
            Point3[] points = Enumerable.Range(0, n).Select(i => duplicates
                ? sites[i % sites.Length]
                : new Point3(random.NextDouble() * 40, random.NextDouble() * 40, random.NextDouble() * 8)).ToArray();
            int[] holes = Enumerable.Range(0, n).Select(i => i % 97).ToArray();
            var ellipsoid = Ellipsoid.FromGslib(30 + random.NextDouble() * 30, random.NextDouble() * 360, 0, 0, 0.5 + random.NextDouble() * 0.5, 0.5);
            var rules = new SearchNeighbourhood(ellipsoid, 1, random.Next(8, 65))
            {
                MaxPerOctant = random.Next(2) == 0 ? random.Next(1, 5) : 0,
                MaxPerHole = random.Next(3) == 0 ? random.Next(1, 8) : 0,
                Octants = random.Next(2) == 0 ? OctantFrame.DataAxes : OctantFrame.SearchEllipsoid,
            };
            var search = new NeighbourSearch(points, holes, rules);
            var corner = new Point3(random.NextDouble() * 30, random.NextDouble() * 30, random.NextDouble() * 6);
            Point3[] targets = Enumerable.Range(0, random.Next(1, 40))
                .Select(_ => corner + new Point3(random.NextDouble() * 10, random.NextDouble() * 10, random.NextDouble() * 2)).ToArray();

            // The first target's first stage is its whole ellipsoid (or, without octant rules, its bound), so
            // more than 64 samples within it means a stage past the counting rank.
            var everything = new NeighbourSearch(points, holes, new SearchNeighbourhood(ellipsoid, 1, n));
            int inReach = everything.Find(targets[0], new NeighbourBuffers());
            bool large = duplicates ? inReach > 0 : inReach > 3 * SearchTile.CountingRankLimit;
            if (Disagreement(search, targets, rules) is string disagreement)
            {
                return false.Label(disagreement);
            }

            return large.Label($"a stage past {SearchTile.CountingRankLimit} ({inReach} samples in reach)");
        });

    /// <summary>The data-axes octants are GSLIB's (srchsupr), ties included: every displacement with components in {−1, 0, 1}.</summary>
    [Fact]
    public void Data_axes_octants_are_GSLIBs_with_its_ties()
    {
        foreach (int x in new[] { -1, 0, 1 })
        {
            foreach (int y in new[] { -1, 0, 1 })
            {
                foreach (int z in new[] { -1, 0, 1 })
                {
                    var d = new Point3(x, y, z);
                    Assert.Equal(NaiveEstimation.GslibOctant(d) - 1, NeighbourSearch.DataAxesOctant(d));
                }
            }
        }
    }

    /// <summary>
    /// Two samples north of the target, either side of its meridian, lie in two of GSLIB's octants (the default)
    /// but in one octant of an ellipsoid turned to 45°: one sample per octant takes both, or the first only.
    /// </summary>
    [Fact]
    public void The_octant_frame_is_the_data_axes_by_default_or_the_search_ellipsoid()
    {
        Point3[] points = [new(3, 10, 1), new(-3, 10, 1)];
        var rules = new SearchNeighbourhood(Ellipsoid.FromGslib(50, 45, 0, 0, 1, 1), 1, 8) { MaxPerOctant = 1 };
        var buffers = new NeighbourBuffers();
        Assert.Equal(OctantFrame.DataAxes, rules.Octants);
        Assert.Equal(2, new NeighbourSearch(points, [0, 1], rules).Find(Point3.Zero, buffers));
        Assert.Equal(1, new NeighbourSearch(points, [0, 1], rules with { Octants = OctantFrame.SearchEllipsoid }).Find(Point3.Zero, buffers));
        Assert.Equal(0, buffers.Indices[0]); // equidistant: the lower index
        Assert.Throws<ArgumentOutOfRangeException>(() => new NeighbourSearch(points, [0, 1], rules with { Octants = (OctantFrame)7 }));
    }
}
