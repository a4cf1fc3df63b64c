namespace DepositTwin.Geometry;

/// <summary>
/// The regular nx × ny × nz points inside a block over which block kriging averages covariances.
/// </summary>
/// <remarks>
/// The points are sub-cell centres: on each axis the offset from the block centre is
/// −size/2 + size·(i − ½)/n for i = 1..n (GSLIB kt3d, gstat's regular discretisation). Offsets are
/// along the grid's axes, so they turn with a rotated grid. 1 × 1 × 1 is point support at the centroid.
/// </remarks>
public sealed record BlockDiscretisation
{
    /// <summary>Creates a discretisation.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1 or above 64.</exception>
    public BlockDiscretisation(int countX, int countY, int countZ)
    {
        Require(countX, nameof(countX));
        Require(countY, nameof(countY));
        Require(countZ, nameof(countZ));
        CountX = countX;
        CountY = countY;
        CountZ = countZ;
    }

    /// <summary>A single point at the block centre: point support.</summary>
    public static BlockDiscretisation Point { get; } = new(1, 1, 1);

    /// <summary>Points along the grid's X axis.</summary>
    public int CountX { get; }

    /// <summary>Points along the grid's Y axis.</summary>
    public int CountY { get; }

    /// <summary>Points along Z.</summary>
    public int CountZ { get; }

    /// <summary>Number of points, nx·ny·nz.</summary>
    public int Count => CountX * CountY * CountZ;

    /// <summary>True for a single point (point support).</summary>
    public bool IsPoint => Count == 1;

    /// <summary>
    /// The offsets of the points from the block centre, in the grid frame (X fastest, then Y, then Z).
    /// </summary>
    public Point3[] Offsets(Point3 blockSize)
    {
        var offsets = new Point3[Count];
        int n = 0;
        for (int k = 1; k <= CountZ; k++)
        {
            for (int j = 1; j <= CountY; j++)
            {
                for (int i = 1; i <= CountX; i++)
                {
                    offsets[n++] = new Point3(
                        Offset(blockSize.X, i, CountX), Offset(blockSize.Y, j, CountY), Offset(blockSize.Z, k, CountZ));
                }
            }
        }

        return offsets;
    }

    /// <summary>The discretisation points of a block of a grid, in world coordinates.</summary>
    public Point3[] Points(GridDefinition grid, int linearIndex)
    {
        ArgumentNullException.ThrowIfNull(grid);
        Point3 centre = grid.ToGrid(grid.Centroid(linearIndex));
        return Offsets(grid.BlockSize).Select(o => grid.ToWorld(centre + o)).ToArray();
    }

    private static double Offset(double size, int i, int n) => -size / 2 + size * (i - 0.5) / n;

    private static void Require(int count, string name)
    {
        if (count < 1 || count > 64)
        {
            throw new ArgumentOutOfRangeException(name, count, "A block discretisation needs 1 to 64 points per axis.");
        }
    }
}
