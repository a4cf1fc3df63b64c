namespace DepositTwin.Geometry;

/// <summary>
/// A regular 3D grid of blocks: origin, block sizes, counts and an optional rotation about the origin.
/// </summary>
/// <remarks>
/// <para>The origin is the minimum corner of the first block. Block (i, j, k) has its centroid at
/// origin + ((i + ½)·dx, (j + ½)·dy, (k + ½)·dz) in the grid frame. Linear indices run i fastest, then
/// j, then k (GSLIB order): index = i + nx·(j + ny·k).</para>
/// <para><see cref="Azimuth"/> turns the grid clockwise (seen from above) about the vertical through the
/// origin: the grid's Y (j) axis points at that azimuth and its X (i) axis at azimuth + 90°. Z stays
/// vertical. A block is the half-open box [lo, hi) on each grid axis.</para>
/// <para>Linear indices are <see cref="int"/>: a grid may hold up to <see cref="Array.MaxLength"/> blocks,
/// the most a .NET array column can hold.</para>
/// </remarks>
public sealed record GridDefinition
{
    private readonly double _sinAz;
    private readonly double _cosAz;

    /// <summary>Creates a grid definition.</summary>
    /// <param name="origin">Minimum corner of block (0, 0, 0), world coordinates (m).</param>
    /// <param name="blockSize">Block size along the grid's X, Y and Z axes (m); each finite and positive.</param>
    /// <param name="countX">Number of blocks along X (nx ≥ 1).</param>
    /// <param name="countY">Number of blocks along Y (ny ≥ 1).</param>
    /// <param name="countZ">Number of blocks along Z (nz ≥ 1).</param>
    /// <param name="azimuth">Clockwise rotation of the grid about the origin, degrees; 0 keeps X east and Y north.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its allowed range.</exception>
    public GridDefinition(Point3 origin, Point3 blockSize, int countX, int countY, int countZ, double azimuth = 0)
    {
        if (!origin.IsFinite)
        {
            throw new ArgumentOutOfRangeException(nameof(origin), origin, "The origin must have finite coordinates.");
        }

        if (!blockSize.IsFinite || !(blockSize.X > 0) || !(blockSize.Y > 0) || !(blockSize.Z > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "Block sizes must be finite and positive.");
        }

        RequireCount(countX, nameof(countX));
        RequireCount(countY, nameof(countY));
        RequireCount(countZ, nameof(countZ));
        long count = (long)countX * countY * countZ;
        if (count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(countZ), count, $"The grid holds {count} blocks; at most {Array.MaxLength} are allowed.");
        }

        if (!double.IsFinite(azimuth))
        {
            throw new ArgumentOutOfRangeException(nameof(azimuth), azimuth, "The azimuth must be a finite number of degrees.");
        }

        Origin = origin;
        BlockSize = blockSize;
        CountX = countX;
        CountY = countY;
        CountZ = countZ;
        Azimuth = azimuth;
        (_sinAz, _cosAz) = azimuth == 0 ? (0.0, 1.0) : Math.SinCos(Rotation.DegreesToRadians(azimuth));
    }

    /// <summary>Minimum corner of block (0, 0, 0), world coordinates (m).</summary>
    public Point3 Origin { get; }

    /// <summary>Block size along the grid's X, Y and Z axes (m).</summary>
    public Point3 BlockSize { get; }

    /// <summary>Number of blocks along X (nx).</summary>
    public int CountX { get; }

    /// <summary>Number of blocks along Y (ny).</summary>
    public int CountY { get; }

    /// <summary>Number of blocks along Z (nz): the number of benches.</summary>
    public int CountZ { get; }

    /// <summary>Clockwise rotation of the grid about the origin, degrees.</summary>
    public double Azimuth { get; }

    /// <summary>Total number of blocks, nx·ny·nz.</summary>
    public int BlockCount => CountX * CountY * CountZ;

    /// <summary>Volume of one block (m³).</summary>
    public double BlockVolume => BlockSize.X * BlockSize.Y * BlockSize.Z;

    /// <summary>Unit vector of the grid's X (i) axis in world coordinates.</summary>
    public Point3 AxisX => new(_cosAz, -_sinAz, 0);

    /// <summary>Unit vector of the grid's Y (j) axis in world coordinates.</summary>
    public Point3 AxisY => new(_sinAz, _cosAz, 0);

    /// <summary>The linear index of block (i, j, k).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the grid.</exception>
    public int LinearIndex(int i, int j, int k)
    {
        if ((uint)i >= (uint)CountX)
        {
            throw new ArgumentOutOfRangeException(nameof(i), i, $"i must lie in [0, {CountX - 1}].");
        }

        if ((uint)j >= (uint)CountY)
        {
            throw new ArgumentOutOfRangeException(nameof(j), j, $"j must lie in [0, {CountY - 1}].");
        }

        if ((uint)k >= (uint)CountZ)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must lie in [0, {CountZ - 1}].");
        }

        return i + CountX * (j + CountY * k);
    }

    /// <summary>The linear index of a block.</summary>
    public int LinearIndex(BlockIndex index) => LinearIndex(index.I, index.J, index.K);

    /// <summary>The (i, j, k) of a linear index.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside [0, <see cref="BlockCount"/>).</exception>
    public BlockIndex ToBlockIndex(int linearIndex)
    {
        RequireLinear(linearIndex);
        int plane = CountX * CountY;
        int k = linearIndex / plane;
        int rest = linearIndex - k * plane;
        int j = rest / CountX;
        return new BlockIndex(rest - j * CountX, j, k);
    }

    /// <summary>The centroid of block (i, j, k) in world coordinates.</summary>
    public Point3 Centroid(int i, int j, int k)
    {
        _ = LinearIndex(i, j, k);
        return ToWorld(new Point3((i + 0.5) * BlockSize.X, (j + 0.5) * BlockSize.Y, (k + 0.5) * BlockSize.Z));
    }

    /// <summary>The centroid of a block in world coordinates.</summary>
    public Point3 Centroid(BlockIndex index) => Centroid(index.I, index.J, index.K);

    /// <summary>The centroid of the block with the given linear index, in world coordinates.</summary>
    public Point3 Centroid(int linearIndex)
    {
        BlockIndex b = ToBlockIndex(linearIndex);
        return ToWorld(new Point3((b.I + 0.5) * BlockSize.X, (b.J + 0.5) * BlockSize.Y, (b.K + 0.5) * BlockSize.Z));
    }

    /// <summary>Grid-frame coordinates (metres from the origin along the grid axes) of a world point.</summary>
    public Point3 ToGrid(Point3 world)
    {
        double dx = world.X - Origin.X;
        double dy = world.Y - Origin.Y;
        return new Point3(_cosAz * dx - _sinAz * dy, _sinAz * dx + _cosAz * dy, world.Z - Origin.Z);
    }

    /// <summary>World coordinates of a point given in the grid frame.</summary>
    public Point3 ToWorld(Point3 grid) => new(
        Origin.X + _cosAz * grid.X + _sinAz * grid.Y,
        Origin.Y - _sinAz * grid.X + _cosAz * grid.Y,
        Origin.Z + grid.Z);

    /// <summary>Finds the block that contains a world point.</summary>
    /// <param name="world">The point.</param>
    /// <param name="index">The containing block, when found.</param>
    /// <returns>False when the point lies outside the grid.</returns>
    public bool TryFindBlock(Point3 world, out BlockIndex index)
    {
        Point3 g = ToGrid(world);
        double fi = Math.Floor(g.X / BlockSize.X);
        double fj = Math.Floor(g.Y / BlockSize.Y);
        double fk = Math.Floor(g.Z / BlockSize.Z);
        if (fi >= 0 && fi < CountX && fj >= 0 && fj < CountY && fk >= 0 && fk < CountZ)
        {
            index = new BlockIndex((int)fi, (int)fj, (int)fk);
            return true;
        }

        index = default;
        return false;
    }

    /// <summary>
    /// Linear indices, ascending, of the blocks whose centroids lie inside a world-aligned box (closed).
    /// </summary>
    /// <remarks>Costs O(blocks in the box's grid-frame bounding range), not O(all blocks).</remarks>
    public int[] BlocksInExtent(BoundingBox extent)
    {
        Span<Point3> corners = stackalloc Point3[8];
        for (int c = 0; c < 8; c++)
        {
            corners[c] = ToGrid(new Point3(
                (c & 1) == 0 ? extent.Min.X : extent.Max.X,
                (c & 2) == 0 ? extent.Min.Y : extent.Max.Y,
                (c & 4) == 0 ? extent.Min.Z : extent.Max.Z));
        }

        BoundingBox local = BoundingBox.Of(corners);
        (int i0, int i1) = CentroidRange(local.Min.X, local.Max.X, BlockSize.X, CountX);
        (int j0, int j1) = CentroidRange(local.Min.Y, local.Max.Y, BlockSize.Y, CountY);
        (int k0, int k1) = CentroidRange(local.Min.Z, local.Max.Z, BlockSize.Z, CountZ);
        var result = new List<int>();
        for (int k = k0; k <= k1; k++)
        {
            for (int j = j0; j <= j1; j++)
            {
                for (int i = i0; i <= i1; i++)
                {
                    if (extent.Contains(Centroid(i, j, k)))
                    {
                        result.Add(i + CountX * (j + CountY * k));
                    }
                }
            }
        }

        return result.ToArray();
    }

    /// <summary>The world-aligned box that encloses every block of the grid.</summary>
    public BoundingBox Extent
    {
        get
        {
            Span<Point3> corners = stackalloc Point3[8];
            for (int c = 0; c < 8; c++)
            {
                corners[c] = ToWorld(new Point3(
                    (c & 1) == 0 ? 0 : CountX * BlockSize.X,
                    (c & 2) == 0 ? 0 : CountY * BlockSize.Y,
                    (c & 4) == 0 ? 0 : CountZ * BlockSize.Z));
            }

            return BoundingBox.Of(corners);
        }
    }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"Grid {CountX}×{CountY}×{CountZ} of {BlockSize.X}×{BlockSize.Y}×{BlockSize.Z} m from ({Origin.X}, {Origin.Y}, {Origin.Z}), azimuth {Azimuth}°");

    private static (int First, int Last) CentroidRange(double min, double max, double size, int count)
    {
        // Centroid c_i = (i + ½)·size lies in [min, max] for i in [min/size − ½, max/size − ½].
        double first = Math.Ceiling(min / size - 0.5);
        double last = Math.Floor(max / size - 0.5);
        return ((int)Math.Clamp(first, 0, count), (int)Math.Clamp(last, -1, count - 1));
    }

    private void RequireLinear(int linearIndex)
    {
        if ((uint)linearIndex >= (uint)BlockCount)
        {
            throw new ArgumentOutOfRangeException(nameof(linearIndex), linearIndex, $"The linear index must lie in [0, {BlockCount - 1}].");
        }
    }

    private static void RequireCount(int count, string name)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(name, count, "A grid needs at least one block along each axis.");
        }
    }
}
