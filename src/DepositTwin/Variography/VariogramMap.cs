using DepositTwin.Geometry;

namespace DepositTwin.Variography;

/// <summary>
/// A variogram map: the estimator on a grid of separation vectors in a plane, for spotting the directions
/// of greatest and least continuity. Each pair counts at +h and −h, so the map is point-symmetric.
/// </summary>
/// <remarks>
/// The plane is spanned by the major (map U) and semi-major (map V) axes of <see cref="Plane"/>; the default
/// is horizontal with U north and V west. Pairs whose component off the plane exceeds
/// <see cref="Thickness"/>/2 are left out. Cell (u, v) covers U in [(u − cellsU/2)·cellSize, …+cellSize).
/// </remarks>
public sealed class VariogramMap
{
    private readonly double[] _values;
    private readonly long[] _pairs;

    private VariogramMap(int cellsU, int cellsV, double cellSize, Rotation plane, double thickness, double[] values, long[] pairs)
    {
        CellsU = cellsU;
        CellsV = cellsV;
        CellSize = cellSize;
        Plane = plane;
        Thickness = thickness;
        _values = values;
        _pairs = pairs;
    }

    /// <summary>Cells along U.</summary>
    public int CellsU { get; }

    /// <summary>Cells along V.</summary>
    public int CellsV { get; }

    /// <summary>Cell size (m).</summary>
    public double CellSize { get; }

    /// <summary>The plane's frame.</summary>
    public Rotation Plane { get; }

    /// <summary>Thickness of the slab of separations kept around the plane (m).</summary>
    public double Thickness { get; }

    /// <summary>The estimator's value in cell (u, v); NaN without pairs.</summary>
    public double Value(int u, int v) => _values[Cell(u, v)];

    /// <summary>The number of pairs in cell (u, v).</summary>
    public long Pairs(int u, int v) => _pairs[Cell(u, v)];

    /// <summary>The separation vector at the centre of cell (u, v), world coordinates.</summary>
    public Point3 CellCentre(int u, int v)
    {
        _ = Cell(u, v);
        return Plane.FromAxesComponents(new Point3((u - CellsU / 2.0 + 0.5) * CellSize, (v - CellsV / 2.0 + 0.5) * CellSize, 0));
    }

    /// <summary>Computes a variogram map.</summary>
    /// <param name="locations">Sample locations.</param>
    /// <param name="values">Sample values; NaN values are left out.</param>
    /// <param name="cellsU">Cells along U (≥ 1).</param>
    /// <param name="cellsV">Cells along V (≥ 1).</param>
    /// <param name="cellSize">Cell size (m).</param>
    /// <param name="plane">The plane's frame; null for horizontal.</param>
    /// <param name="thickness">Slab thickness (m); infinity keeps every pair.</param>
    /// <param name="estimator">What to compute.</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    public static VariogramMap Compute(
        ReadOnlySpan<Point3> locations, ReadOnlySpan<double> values, int cellsU, int cellsV, double cellSize,
        Rotation? plane = null, double thickness = double.PositiveInfinity, VariogramEstimator estimator = VariogramEstimator.Semivariogram,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cellsU, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cellsV, 1);
        if (!(cellSize > 0) || !double.IsFinite(cellSize))
        {
            throw new ArgumentOutOfRangeException(nameof(cellSize), cellSize, "The cell size must be finite and positive.");
        }

        Rotation frame = plane ?? Rotation.None;
        SampleArrays data = SampleArrays.Of(locations, values, null, null);
        var binner = new MapBinner(cellsU, cellsV, cellSize, frame, thickness);
        PairSums[] sums = PairLoop.Run(data.Points, data.Values, null, null, binner, -1, null, cancellationToken);
        return new VariogramMap(cellsU, cellsV, cellSize, frame, thickness,
            sums.Select(s => s.Value(estimator)).ToArray(), sums.Select(s => s.Pairs).ToArray());
    }

    private int Cell(int u, int v)
    {
        if ((uint)u >= (uint)CellsU || (uint)v >= (uint)CellsV)
        {
            throw new ArgumentOutOfRangeException(nameof(u), $"Cell ({u}, {v}) is outside the {CellsU} × {CellsV} map.");
        }

        return u + CellsU * v;
    }

    private readonly struct MapBinner(int cellsU, int cellsV, double cellSize, Rotation plane, double thickness) : IPairBinner
    {
        public int BinCount => cellsU * cellsV;

        public double Radius
        {
            get
            {
                double u = cellsU * cellSize / 2, v = cellsV * cellSize / 2, t = double.IsFinite(thickness) ? thickness / 2 : 0;
                return Math.Sqrt(u * u + v * v + t * t);
            }
        }

        public void Add(Point3 h, double length, double zi, double zj, double w, PairSums[] sums)
        {
            Point3 c = plane.ToAxes(h);
            if (Math.Abs(c.Z) > thickness / 2)
            {
                return;
            }

            AddAt(c.X, c.Y, length, zi, zj, w, sums);
            AddAt(-c.X, -c.Y, length, zj, zi, w, sums);
        }

        private void AddAt(double u, double v, double length, double zi, double zj, double w, PairSums[] sums)
        {
            double fu = Math.Floor(u / cellSize + cellsU / 2.0);
            double fv = Math.Floor(v / cellSize + cellsV / 2.0);
            if (fu >= 0 && fu < cellsU && fv >= 0 && fv < cellsV)
            {
                sums[(int)fu + cellsU * (int)fv].Add(length, zi, zj, w);
            }
        }
    }
}
