using DepositTwin.Geometry;
using DepositTwin.Search;

namespace DepositTwin.Tests.Search;

public class TargetTilesTests
{
    /// <summary>
    /// Grid tiles hold every target exactly once, one tile per occupied cell of the tile grid; a complete tile
    /// is walked as a snake (each target one block from the one before), so the search's step bound stays tight.
    /// </summary>
    [Theory]
    [InlineData(37, 23, 9, false)] // edges leave tiles incomplete
    [InlineData(100, 60, 12, true)]
    public void Grid_tiles_partition_the_targets_and_walk_complete_tiles_as_a_snake(int ni, int nj, int nk, bool sparse)
    {
        var size = new BlockIndex(ni, nj, nk);
        var tile = new BlockIndex(8, 4, 2);
        var random = new Random(ni * nj * nk);
        // Targets: every block (shuffled) or a random half of them, so some tiles are incomplete.
        BlockIndex[] targets = Enumerable.Range(0, ni * nj * nk)
            .Select(r => new BlockIndex(r % ni, r / ni % nj, r / (ni * nj)))
            .Where(_ => !sparse || random.Next(2) == 0)
            .OrderBy(_ => random.Next()).ToArray();
        TargetTiles tiles = TargetTiles.Grid(targets.Length, t => targets[t], size, tile);

        var seen = new bool[targets.Length];
        var cells = new HashSet<(int, int, int)>();
        for (int c = 0; c < tiles.Count; c++)
        {
            int[] tileTargets = TargetsOf(tiles, c);
            int n = tileTargets.Length;
            BlockIndex first = targets[tileTargets[0]];
            var cell = (first.I / tile.I, first.J / tile.J, first.K / tile.K);
            Assert.True(cells.Add(cell), $"cell {cell} appears in two tiles");
            for (int i = 0; i < n; i++)
            {
                int t = tileTargets[i];
                Assert.False(seen[t], $"target {t} appears twice");
                seen[t] = true;
                BlockIndex b = targets[t];
                Assert.Equal(cell, (b.I / tile.I, b.J / tile.J, b.K / tile.K));
                if (n == tile.I * tile.J * tile.K && i > 0)
                {
                    BlockIndex before = targets[tileTargets[i - 1]];
                    Assert.Equal(1, Math.Abs(b.I - before.I) + Math.Abs(b.J - before.J) + Math.Abs(b.K - before.K));
                }
            }
        }

        Assert.All(seen, Assert.True);
    }

    /// <summary>The whole-grid tiling is the general one for targets that are every block in linear order, tile for tile.</summary>
    [Theory]
    [InlineData(37, 23, 9)] // edges leave tiles incomplete
    [InlineData(16, 8, 4)] // tiles fill the grid
    [InlineData(5, 3, 1)] // one incomplete tile
    [InlineData(9, 1, 7)]
    public void Whole_grid_tiles_are_the_grid_tiles_of_every_block(int ni, int nj, int nk)
    {
        var grid = new GridDefinition(Point3.Zero, new Point3(1, 1, 1), ni, nj, nk);
        var size = new BlockIndex(ni, nj, nk);
        TargetTiles expected = TargetTiles.Grid(grid.BlockCount, grid.ToBlockIndex, size, new BlockIndex(8, 4, 2));
        TargetTiles whole = TargetTiles.WholeGrid(size, new BlockIndex(8, 4, 2));
        Assert.Equal(expected.Count, whole.Count);
        for (int c = 0; c < expected.Count; c++)
        {
            Assert.Equal(expected.SizeOf(c), whole.SizeOf(c));
            Assert.Equal(TargetsOf(expected, c), TargetsOf(whole, c));
        }
    }

    /// <summary>Sequential tiles are consecutive runs of targets, the last one short.</summary>
    [Fact]
    public void Sequential_tiles_are_runs_of_consecutive_targets()
    {
        TargetTiles tiles = TargetTiles.Sequential(10, 4);
        Assert.Equal(3, tiles.Count);
        Assert.Equal([0, 1, 2, 3], TargetsOf(tiles, 0));
        Assert.Equal([8, 9], TargetsOf(tiles, 2));
    }

    private static int[] TargetsOf(TargetTiles tiles, int tile)
    {
        var targets = new int[tiles.SizeOf(tile)];
        Assert.Equal(targets.Length, tiles.Targets(tile, targets));
        return targets;
    }
}
