using DepositTwin.Geometry;

namespace DepositTwin.Search;

/// <summary>
/// Groups targets into compact tiles of about a given number each, by a counting sort on the cells of a
/// regular grid over their bounding box: two passes over the targets, O(targets) integers, no comparison sort
/// (the tiles of a whole block grid are computed tile by tile instead, and store nothing per block).
/// Tiles let one search serve many nearby targets (<see cref="NeighbourSearch.Gather"/>); which targets share a
/// tile never changes a result, only the speed.
/// </summary>
internal readonly struct TargetTiles
{
    private readonly int[]? _order; // the targets tile by tile; null when tile t's targets are a run of consecutive ones
    private readonly int[]? _starts; // where each tile's targets start; null when the tiles are every block of a grid
    private readonly BlockIndex _gridSize, _size; // of the whole-grid tiling, which is computed, not stored

    private TargetTiles(int[]? order, int[] starts)
    {
        _order = order;
        _starts = starts;
    }

    private TargetTiles(BlockIndex gridSize, BlockIndex size)
    {
        _gridSize = gridSize;
        _size = size;
    }

    /// <summary>Number of tiles (none is empty).</summary>
    public int Count
    {
        get
        {
            if (_starts is not null)
            {
                return _starts.Length - 1;
            }

            (int nx, int ny, int nz) = TilesAlong(_gridSize, _size);
            return nx * ny * nz;
        }
    }

    /// <summary>Number of targets in tile <paramref name="tile"/>.</summary>
    public int SizeOf(int tile)
    {
        if (_starts is not null)
        {
            return _starts[tile + 1] - _starts[tile];
        }

        (_, BlockIndex n) = WholeGridTile(tile);
        return n.I * n.J * n.K;
    }

    /// <summary>Writes the targets of tile <paramref name="tile"/>, in order, to the start of <paramref name="into"/> (at least <see cref="SizeOf"/> long); returns their number.</summary>
    public int Targets(int tile, Span<int> into)
    {
        if (_starts is null)
        {
            return WholeGridTargets(tile, into);
        }

        int start = _starts[tile], size = _starts[tile + 1] - start;
        if (_order is null)
        {
            for (int i = 0; i < size; i++)
            {
                into[i] = start + i;
            }
        }
        else
        {
            _order.AsSpan(start, size).CopyTo(into);
        }

        return size;
    }

    /// <summary>Consecutive runs of <paramref name="size"/> targets in input order.</summary>
    public static TargetTiles Sequential(int count, int size)
    {
        int tiles = (count + size - 1) / size;
        var starts = new int[tiles + 1];
        for (int t = 0; t <= tiles; t++)
        {
            starts[t] = Math.Min(count, t * size);
        }

        return new TargetTiles(null, starts);
    }

    /// <summary>Tiles of cells sized so that a cell holds about <paramref name="perTile"/> targets if they filled their bounding box evenly.</summary>
    public static TargetTiles Spatial(int count, Func<int, Point3> position, int perTile)
    {
        if (count == 0)
        {
            return new TargetTiles(null, [0]);
        }

        Point3 lo = new(double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity), hi = -lo;
        for (int t = 0; t < count; t++)
        {
            Point3 p = position(t);
            lo = new Point3(Math.Min(lo.X, p.X), Math.Min(lo.Y, p.Y), Math.Min(lo.Z, p.Z));
            hi = new Point3(Math.Max(hi.X, p.X), Math.Max(hi.Y, p.Y), Math.Max(hi.Z, p.Z));
        }

        // The cell edge from the measure of the box over its non-degenerate axes (a flat layer of targets is 2D).
        Point3 extent = hi - lo;
        double[] sides = [extent.X, extent.Y, extent.Z];
        double measure = 1;
        int dimensions = 0;
        foreach (double side in sides)
        {
            if (side > 0)
            {
                measure *= side;
                dimensions++;
            }
        }

        double edge = dimensions == 0 ? 1 : Math.Pow(measure * perTile / count, 1.0 / dimensions);
        int Cells(double side) => side > 0 ? (int)Math.Clamp(Math.Ceiling(side / edge), 1, 1024) : 1;
        int nx = Cells(extent.X), ny = Cells(extent.Y), nz = Cells(extent.Z);
        double sx = nx / Math.Max(extent.X, double.Epsilon), sy = ny / Math.Max(extent.Y, double.Epsilon), sz = nz / Math.Max(extent.Z, double.Epsilon);
        var cells = new int[count];
        for (int t = 0; t < count; t++)
        {
            Point3 p = position(t) - lo;
            int i = Math.Min(nx - 1, (int)(p.X * sx)), j = Math.Min(ny - 1, (int)(p.Y * sy)), k = Math.Min(nz - 1, (int)(p.Z * sz));
            cells[t] = (k * ny + j) * nx + i;
        }

        return FromCells(cells, nx * ny * nz, 0, null);
    }

    /// <summary>
    /// Tiles of <paramref name="size"/> blocks of a grid, for targets given by their block indices: a tile's
    /// rows along i are consecutive in memory, so the estimates of a tile are written a cache line at a time.
    /// A complete tile is walked as a snake (rows alternate direction, layers alternate row order), so each
    /// target is one block from the one before and the search's step bound stays tight.
    /// </summary>
    /// <param name="count">Number of targets.</param>
    /// <param name="indexOf">Target t's block index (called once per target, from several threads).</param>
    /// <param name="gridSize">Blocks along each axis.</param>
    /// <param name="size">Blocks of a tile along each axis.</param>
    /// <param name="maxDegreeOfParallelism">Threads for the per-target part; −1 for all.</param>
    public static TargetTiles Grid(int count, Func<int, BlockIndex> indexOf, BlockIndex gridSize, BlockIndex size, int maxDegreeOfParallelism = -1)
    {
        (int nx, int ny, int nz) = TilesAlong(gridSize, size);
        int volume = size.I * size.J * size.K;
        if (count == 0)
        {
            return new TargetTiles(null, [0]);
        }

        // Each target's cell and its slot in the cell's snake, from its block index: the costly part, once per
        // target and independent, so in parallel; the divisions by the tile's size are looked up per axis.
        var cells = new int[count];
        var slots = new int[count];
        (int[] ci, int[] li) = Divide(gridSize.I, size.I);
        (int[] cj, int[] lj) = Divide(gridSize.J, size.J);
        (int[] ck, int[] lk) = Divide(gridSize.K, size.K);
        int chunks = (count + ChunkSize - 1) / ChunkSize;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, chunk =>
        {
            for (int t = chunk * ChunkSize, end = Math.Min(count, t + ChunkSize); t < end; t++)
            {
                BlockIndex b = indexOf(t);
                cells[t] = ((ck[b.K] * ny) + cj[b.J]) * nx + ci[b.I];
                slots[t] = SnakeSlot(li[b.I], lj[b.J], lk[b.K], size);
            }
        });

        return FromCells(cells, nx * ny * nz, volume, slots);
    }

    /// <summary>
    /// <see cref="Grid"/> when the targets are all the blocks of the grid, target t being the block of linear
    /// index t: the same tiles in the same order, each tile's targets computed when it is taken, so that
    /// nothing is stored per block and nothing runs before the estimation starts.
    /// </summary>
    public static TargetTiles WholeGrid(BlockIndex gridSize, BlockIndex size) => new(gridSize, size);

    /// <summary>A tile of the whole-grid tiling: its first block and its extent in blocks (smaller at the grid's far edges).</summary>
    private (BlockIndex First, BlockIndex Extent) WholeGridTile(int tile)
    {
        (int nx, int ny, _) = TilesAlong(_gridSize, _size);
        var first = new BlockIndex(tile % nx * _size.I, tile / nx % ny * _size.J, tile / (nx * ny) * _size.K);
        return (first, new BlockIndex(
            Math.Min(_size.I, _gridSize.I - first.I), Math.Min(_size.J, _gridSize.J - first.J), Math.Min(_size.K, _gridSize.K - first.K)));
    }

    /// <summary>The blocks of a whole-grid tile in target order: at their snake slots if the tile is complete, else as they come.</summary>
    private int WholeGridTargets(int tile, Span<int> into)
    {
        (BlockIndex first, BlockIndex n) = WholeGridTile(tile);
        bool complete = n == _size;
        int next = 0;
        for (int lk = 0; lk < n.K; lk++)
        {
            for (int lj = 0; lj < n.J; lj++)
            {
                int row = first.I + _gridSize.I * (first.J + lj + _gridSize.J * (first.K + lk));
                for (int li = 0; li < n.I; li++)
                {
                    into[complete ? SnakeSlot(li, lj, lk, _size) : next++] = row + li;
                }
            }
        }

        return n.I * n.J * n.K;
    }

    /// <summary>Tiles along each axis of a grid (the last ones may be incomplete).</summary>
    private static (int X, int Y, int Z) TilesAlong(BlockIndex gridSize, BlockIndex size) =>
        ((gridSize.I + size.I - 1) / size.I, (gridSize.J + size.J - 1) / size.J, (gridSize.K + size.K - 1) / size.K);

    /// <summary>
    /// A block's place in the snake of a complete tile, from its place (i, j, k) in the tile: rows along i
    /// alternate direction, and layers alternate the order of their rows.
    /// </summary>
    private static int SnakeSlot(int along, int across, int layer, BlockIndex size)
    {
        int row = layer * size.J + (layer % 2 == 0 ? across : size.J - 1 - across);
        return row * size.I + (row % 2 == 0 ? along : size.I - 1 - along);
    }

    /// <summary>Targets per task of the per-target part of <see cref="Grid"/>.</summary>
    private const int ChunkSize = 16384;

    /// <summary>Per block index along an axis: its tile and its place in the tile.</summary>
    private static (int[] Tile, int[] Local) Divide(int blocks, int tileSize)
    {
        var tile = new int[blocks];
        var local = new int[blocks];
        for (int i = 0; i < blocks; i++)
        {
            (tile[i], local[i]) = Math.DivRem(i, tileSize);
        }

        return (tile, local);
    }

    /// <summary>
    /// The counting sort: targets ordered by cell, one tile per non-empty cell; within a cell holding all
    /// <paramref name="volume"/> targets at the slots <paramref name="slots"/> give (a permutation of the cell),
    /// else in input order.
    /// </summary>
    private static TargetTiles FromCells(int[] cells, int cellCount, int volume, int[]? slots)
    {
        var counts = new int[cellCount + 1];
        foreach (int cell in cells)
        {
            counts[cell + 1]++;
        }

        int tiles = 0;
        for (int c = 1; c < counts.Length; c++)
        {
            tiles += counts[c] > 0 ? 1 : 0;
            counts[c] += counts[c - 1];
        }

        var order = new int[cells.Length];
        var next = (int[])counts.Clone();
        for (int t = 0; t < cells.Length; t++)
        {
            int cell = cells[t];
            bool complete = slots is not null && counts[cell + 1] - counts[cell] == volume;
            order[complete ? counts[cell] + slots![t] : next[cell]++] = t;
        }

        var starts = new int[tiles + 1];
        int tile = 0;
        for (int c = 0; c < counts.Length - 1; c++)
        {
            if (counts[c + 1] > counts[c])
            {
                starts[++tile] = counts[c + 1];
            }
        }

        return new TargetTiles(order, starts);
    }
}
