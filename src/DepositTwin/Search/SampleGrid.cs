using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DepositTwin.Geometry;

namespace DepositTwin.Search;

/// <summary>
/// Points (samples in the search's metric space) sorted into a regular grid of cubic cells, x fastest, so that
/// the cells of a row along x are one run of memory. A range query scans the rows its ball's bounding box
/// crosses, four points at a time: no tree to descend, and a branch per point found rather than per node. For
/// the tiles' gatherings, which ask for a hundred or so points at a time, it is faster than <see cref="KdTree"/>.
/// </summary>
internal sealed class SampleGrid
{
    /// <summary>Samples a cell holds on average where the data fill their bounding box (drillholes leave most cells empty).</summary>
    private const double SamplesPerCell = 4;

    private readonly double[] _x, _y, _z; // in cell order
    private readonly int[] _index; // the sample each position holds
    private readonly int[] _cellStart; // where each cell's points start, and then the count
    private readonly Point3 _origin;
    private readonly double _cellsPerMetre;
    private readonly int _nx, _ny, _nz;

    /// <summary>Sorts finite points into cells.</summary>
    public SampleGrid(ReadOnlySpan<Point3> points)
    {
        int n = points.Length;
        BoundingBox box = Bulk(points);
        _origin = box.Min;
        Point3 extent = box.Max - box.Min;

        // The cell shrinks from the largest extent until the box holds about n / SamplesPerCell cells; a flat
        // or linear data set keeps one cell across its thin axes.
        double cell = Math.Max(extent.X, Math.Max(extent.Y, extent.Z));
        if (cell > 0)
        {
            while (Cells(extent, cell / 1.25) * SamplesPerCell <= Math.Max(n, 1))
            {
                cell /= 1.25;
            }
        }
        else
        {
            cell = 1;
        }

        _cellsPerMetre = 1 / cell;
        (_nx, _ny, _nz) = (Along(extent.X, cell), Along(extent.Y, cell), Along(extent.Z, cell));

        // The tiles' counting sort (SearchTile.CountBands): scattered from the last, each cell keeps the points' order and its start.
        int cells = _nx * _ny * _nz;
        var cellOf = new int[n];
        for (int i = 0; i < n; i++)
        {
            Point3 p = points[i];
            cellOf[i] = CellIndex(Index(p.X - _origin.X, _nx), Index(p.Y - _origin.Y, _ny), Index(p.Z - _origin.Z, _nz));
        }

        _cellStart = new int[cells + 1];
        SearchTile.CountBands(cellOf, _cellStart.AsSpan(0, cells));
        _cellStart[cells] = n;
        int padded = n + Vector256<double>.Count;
        (_x, _y, _z, _index) = (new double[padded], new double[padded], new double[padded], new int[padded]);
        for (int i = n - 1; i >= 0; i--)
        {
            int slot = --_cellStart[cellOf[i]];
            (_x[slot], _y[slot], _z[slot], _index[slot]) = (points[i].X, points[i].Y, points[i].Z, i);
        }
    }

    /// <summary>
    /// The box of the points without the outermost 0.5 % along each axis (all of them below 200 points). A
    /// stray sample (a collar at 0, 0, 0 beside projected coordinates) would otherwise size the cells for the
    /// whole distance and put the deposit in one cell; outside the box points fall in the edge cells, where a
    /// query still finds them, since clamping keeps the order of cells.
    /// </summary>
    private static BoundingBox Bulk(ReadOnlySpan<Point3> points)
    {
        int n = points.Length, outer = n / 200;
        if (n == 0)
        {
            return default;
        }

        if (outer == 0)
        {
            return BoundingBox.Of(points);
        }

        var work = new double[n];
        (double x0, double x1) = Trimmed(points, 0, outer, work);
        (double y0, double y1) = Trimmed(points, 1, outer, work);
        (double z0, double z1) = Trimmed(points, 2, outer, work);
        return new BoundingBox(new Point3(x0, y0, z0), new Point3(x1, y1, z1));
    }

    /// <summary>The smallest and largest coordinate along an axis once <paramref name="outer"/> points are set aside at each end (two selections, no sort).</summary>
    private static (double Lo, double Hi) Trimmed(ReadOnlySpan<Point3> points, int axis, int outer, double[] work)
    {
        for (int i = 0; i < points.Length; i++)
        {
            work[i] = axis switch { 0 => points[i].X, 1 => points[i].Y, _ => points[i].Z };
        }

        return (NeighbourSearch.SmallestAt(work, outer), NeighbourSearch.SmallestAt(work, points.Length - 1 - outer));
    }

    /// <summary>The edge of a cell.</summary>
    internal double CellSize => 1 / _cellsPerMetre;

    private static double Cells(Point3 extent, double cell) =>
        (double)Along(extent.X, cell) * Along(extent.Y, cell) * Along(extent.Z, cell);

    private static int Along(double extent, double cell) => (int)Math.Floor(extent / cell) + 1;

    private int CellIndex(int ix, int iy, int iz) => ((iz * _ny) + iy) * _nx + ix;

    /// <summary>The cell along an axis of a coordinate relative to the origin, clamped to the grid.</summary>
    private int Index(double offset, int count) => (int)Math.Clamp(Math.Floor(offset * _cellsPerMetre), 0, count - 1);

    /// <summary>
    /// Visits every point within <paramref name="radius"/> of <paramref name="query"/> (in cell order), with its
    /// squared distance computed as <see cref="KdTree"/> computes it, (dx² + dy²) + dz²: the same points qualify.
    /// </summary>
    public void VisitWithinRadius<TVisitor>(Point3 query, double radius, ref TVisitor visitor)
        where TVisitor : struct, IPointVisitor
    {
        double r2 = radius * radius;
        Point3 reach = new(radius, radius, radius), from = query - reach - _origin, to = query + reach - _origin;
        int x0 = Index(from.X, _nx), x1 = Index(to.X, _nx);
        int y0 = Index(from.Y, _ny), y1 = Index(to.Y, _ny);
        int z0 = Index(from.Z, _nz), z1 = Index(to.Z, _nz);
        for (int iz = z0; iz <= z1; iz++)
        {
            for (int iy = y0; iy <= y1; iy++)
            {
                int row = CellIndex(0, iy, iz);
                Scan(_cellStart[row + x0], _cellStart[row + x1 + 1], query, r2, ref visitor);
            }
        }
    }

    private void Scan<TVisitor>(int start, int end, Point3 q, double r2, ref TVisitor visitor)
        where TVisitor : struct, IPointVisitor
    {
        ref double x = ref MemoryMarshal.GetArrayDataReference(_x);
        ref double y = ref MemoryMarshal.GetArrayDataReference(_y);
        ref double z = ref MemoryMarshal.GetArrayDataReference(_z);
        int j = start;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> qx = Vector256.Create(q.X), qy = Vector256.Create(q.Y), qz = Vector256.Create(q.Z), limit = Vector256.Create(r2);
            for (; j < end; j += Vector256<double>.Count)
            {
                Vector256<double> dx = Vector256.LoadUnsafe(ref x, (nuint)j) - qx, dy = Vector256.LoadUnsafe(ref y, (nuint)j) - qy, dz = Vector256.LoadUnsafe(ref z, (nuint)j) - qz;
                Vector256<double> d2 = dx * dx + dy * dy + dz * dz;

                // Lanes past the run hold the next cells (or the padding): not this row's to give.
                uint within = Vector256.LessThanOrEqual(d2, limit).ExtractMostSignificantBits() & ((1u << Math.Min(end - j, Vector256<double>.Count)) - 1);
                while (within != 0)
                {
                    int lane = BitOperations.TrailingZeroCount(within);
                    within &= within - 1;
                    visitor.Visit(_index[j + lane], d2.GetElement(lane));
                }
            }

            return;
        }

        for (; j < end; j++)
        {
            double dx = Unsafe.Add(ref x, j) - q.X, dy = Unsafe.Add(ref y, j) - q.Y, dz = Unsafe.Add(ref z, j) - q.Z;
            double d2 = dx * dx + dy * dy + dz * dz;
            if (d2 <= r2)
            {
                visitor.Visit(_index[j], d2);
            }
        }
    }
}
