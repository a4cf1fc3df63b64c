using DepositTwin.Geometry;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DepositTwin.Tests.Geometry;

public class GridDefinitionTests
{
    private static readonly GridDefinition Small = new(new Point3(1000, 2000, 300), new Point3(10, 20, 5), 7, 5, 3);

    [Fact]
    public void Linear_index_runs_i_fastest_then_j_then_k()
    {
        Assert.Equal(0, Small.LinearIndex(0, 0, 0));
        Assert.Equal(1, Small.LinearIndex(1, 0, 0));
        Assert.Equal(7, Small.LinearIndex(0, 1, 0));
        Assert.Equal(35, Small.LinearIndex(0, 0, 1));
        Assert.Equal(104, Small.LinearIndex(6, 4, 2));
        Assert.Equal(105, Small.BlockCount);
    }

    [Fact]
    public void Centroid_is_origin_plus_half_a_block()
    {
        Assert.Equal(new Point3(1005, 2010, 302.5), Small.Centroid(0, 0, 0));
        Assert.Equal(new Point3(1065, 2090, 312.5), Small.Centroid(6, 4, 2));
        Assert.Equal(Small.Centroid(6, 4, 2), Small.Centroid(104));
    }

    [Fact]
    public void Azimuth_turns_the_grid_clockwise_about_the_origin()
    {
        var grid = new GridDefinition(new Point3(100, 200, 0), new Point3(10, 10, 10), 4, 4, 1, azimuth: 30);
        // The Y axis points at azimuth 30; X at azimuth 120.
        Assert.Equal(0.5, grid.AxisY.X, 1e-15);
        Assert.Equal(Math.Sqrt(3) / 2, grid.AxisY.Y, 1e-15);
        Point3 c = grid.Centroid(0, 0, 0);
        Point3 expected = new Point3(100, 200, 5) + 5 * grid.AxisX + 5 * grid.AxisY;
        Assert.Equal(expected.X, c.X, 1e-12);
        Assert.Equal(expected.Y, c.Y, 1e-12);
        Assert.Equal(expected.Z, c.Z, 1e-12);
    }

    [Fact]
    public void Points_on_the_far_faces_are_outside_and_near_faces_inside()
    {
        Assert.True(Small.TryFindBlock(new Point3(1000, 2000, 300), out BlockIndex first));
        Assert.Equal(new BlockIndex(0, 0, 0), first);
        Assert.True(Small.TryFindBlock(new Point3(1010, 2000, 300), out BlockIndex second));
        Assert.Equal(new BlockIndex(1, 0, 0), second);
        Assert.False(Small.TryFindBlock(new Point3(1070, 2000, 300), out _));
        Assert.False(Small.TryFindBlock(new Point3(999.999, 2000, 300), out _));
        Assert.False(Small.TryFindBlock(new Point3(1000, 2000, 315), out _));
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, -2, 1)]
    [InlineData(1, 1, 0)]
    public void Counts_below_one_are_rejected(int nx, int ny, int nz)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GridDefinition(Point3.Zero, new Point3(1, 1, 1), nx, ny, nz));
        Assert.StartsWith("count", e.ParamName);
    }

    [Fact]
    public void Bad_sizes_and_too_many_blocks_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridDefinition(Point3.Zero, new Point3(1, 0, 1), 1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridDefinition(Point3.Zero, new Point3(1, double.NaN, 1), 1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridDefinition(Point3.Zero, new Point3(1, 1, 1), 100_000, 100_000, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridDefinition(Point3.Zero, new Point3(1, 1, 1), 1, 1, 1, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Small.LinearIndex(7, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Small.ToBlockIndex(105));
    }

    internal static Arbitrary<GridDefinition> Grids =>
        (from nx in Gen.Choose(1, 12)
         from ny in Gen.Choose(1, 12)
         from nz in Gen.Choose(1, 8)
         from dx in Gen.Choose(1, 40)
         from dy in Gen.Choose(1, 40)
         from dz in Gen.Choose(1, 20)
         from ox in Gen.Choose(-100_000, 100_000)
         from az in Gen.Choose(-360, 360)
         select new GridDefinition(new Point3(ox * 10.0, ox * -3.0, ox / 100.0), new Point3(dx * 2.5, dy * 2.5, dz), nx, ny, nz, az)).ToArbitrary();

    [Property(MaxTest = 200)]
    public Property Linear_index_and_ijk_round_trip() =>
        Prop.ForAll(Grids, grid =>
        {
            for (int b = 0; b < grid.BlockCount; b++)
            {
                Assert.Equal(b, grid.LinearIndex(grid.ToBlockIndex(b)));
            }
        });

    [Property(MaxTest = 200)]
    public Property Each_centroid_lies_in_its_own_block_and_grid_coordinates_round_trip() =>
        Prop.ForAll(Grids, grid =>
        {
            for (int b = 0; b < grid.BlockCount; b++)
            {
                Point3 c = grid.Centroid(b);
                Assert.True(grid.TryFindBlock(c, out BlockIndex found));
                Assert.Equal(grid.ToBlockIndex(b), found);
                Point3 back = grid.ToWorld(grid.ToGrid(c));
                Assert.Equal(c.X, back.X, 1e-6);
                Assert.Equal(c.Y, back.Y, 1e-6);
            }
        });

    [Property(MaxTest = 200)]
    public Property Rotating_grid_and_points_together_finds_the_same_blocks() =>
        Prop.ForAll(Grids, Gen.Choose(-180, 180).ToArbitrary(), (grid, turn) =>
        {
            var turned = new GridDefinition(grid.Origin, grid.BlockSize, grid.CountX, grid.CountY, grid.CountZ, grid.Azimuth + turn);
            var random = new Random(turn + 1000);
            for (int n = 0; n < 50; n++)
            {
                // A point given in grid coordinates, slightly beyond the grid on every side.
                var local = new Point3(
                    (random.NextDouble() * 1.2 - 0.1) * grid.CountX * grid.BlockSize.X,
                    (random.NextDouble() * 1.2 - 0.1) * grid.CountY * grid.BlockSize.Y,
                    (random.NextDouble() * 1.2 - 0.1) * grid.CountZ * grid.BlockSize.Z);
                bool inA = grid.TryFindBlock(grid.ToWorld(local), out BlockIndex a);
                bool inB = turned.TryFindBlock(turned.ToWorld(local), out BlockIndex b);
                if (NearAFace(local, grid))
                {
                    continue; // round-off may legitimately tip a point on a face either way
                }

                Assert.Equal(inA, inB);
                Assert.Equal(a, b);
            }
        });

    [Property(MaxTest = 200)]
    public Property BlocksInExtent_equals_a_brute_force_filter() =>
        Prop.ForAll(Grids, Gen.Choose(0, 1000).ToArbitrary(), (grid, seed) =>
        {
            var random = new Random(seed);
            BoundingBox all = grid.Extent;
            Point3 size = all.Max - all.Min;
            Point3 a = all.Min + new Point3(random.NextDouble() * size.X, random.NextDouble() * size.Y, random.NextDouble() * size.Z);
            Point3 b = all.Min + new Point3(random.NextDouble() * size.X, random.NextDouble() * size.Y, random.NextDouble() * size.Z);
            var box = new BoundingBox(
                new Point3(Math.Min(a.X, b.X), Math.Min(a.Y, b.Y), Math.Min(a.Z, b.Z)),
                new Point3(Math.Max(a.X, b.X), Math.Max(a.Y, b.Y), Math.Max(a.Z, b.Z)));
            int[] expected = Enumerable.Range(0, grid.BlockCount).Where(i => box.Contains(grid.Centroid(i))).ToArray();
            Assert.Equal(expected, grid.BlocksInExtent(box));
        });

    [Fact]
    public void Extent_encloses_every_block_corner()
    {
        var grid = new GridDefinition(new Point3(0, 0, 0), new Point3(10, 10, 10), 3, 2, 1, azimuth: 45);
        BoundingBox box = grid.Extent;
        Assert.Equal(0, box.Min.Z);
        Assert.Equal(10, box.Max.Z);
        Assert.Equal(-30 * Math.Sqrt(0.5), box.Min.Y, 1e-9); // the X axis points south-east
        Assert.Equal(20 * Math.Sqrt(0.5), box.Max.Y, 1e-9);
    }

    private static bool NearAFace(Point3 local, GridDefinition grid)
    {
        static bool Near(double v, double size) => Math.Abs(v / size - Math.Round(v / size)) < 1e-9;
        return Near(local.X, grid.BlockSize.X) || Near(local.Y, grid.BlockSize.Y) || Near(local.Z, grid.BlockSize.Z);
    }
}
