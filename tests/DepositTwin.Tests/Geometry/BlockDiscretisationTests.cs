using DepositTwin.Geometry;

namespace DepositTwin.Tests.Geometry;

public class BlockDiscretisationTests
{
    [Fact]
    public void Four_points_across_40_m_sit_at_minus_15_minus_5_5_15()
    {
        Point3[] offsets = new BlockDiscretisation(4, 4, 1).Offsets(new Point3(40, 40, 10));
        Assert.Equal(new[] { -15.0, -5, 5, 15 }, offsets.Take(4).Select(o => o.X));
        Assert.Equal(new[] { -15.0, -5, 5, 15 }, offsets.Where((_, i) => i % 4 == 0).Select(o => o.Y));
        Assert.All(offsets, o => Assert.Equal(0, o.Z));
    }

    [Fact]
    public void Points_follow_a_rotated_grid_and_average_to_the_centroid()
    {
        var grid = new GridDefinition(new Point3(100, 100, 0), new Point3(10, 20, 5), 3, 3, 3, azimuth: 35);
        Point3[] points = new BlockDiscretisation(3, 2, 2).Points(grid, 13);
        Point3 centroid = grid.Centroid(13);
        Assert.Equal(12, points.Length);
        Assert.Equal(centroid.X, points.Average(p => p.X), 1e-9);
        Assert.Equal(centroid.Y, points.Average(p => p.Y), 1e-9);
        Assert.All(points, p => Assert.True(grid.TryFindBlock(p, out BlockIndex b) && grid.LinearIndex(b) == 13));
        Assert.True(BlockDiscretisation.Point.IsPoint);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlockDiscretisation(0, 1, 1));
    }
}
