using System.Globalization;
using DepositTwin.IO;

namespace DepositTwin.Domains;

/// <summary>
/// A surface given as elevations on a regular grid of nodes in plan (topography, the base of a laterite,
/// the top of a karst floor); bilinear between nodes, missing (NaN) outside the grid or next to a missing node.
/// </summary>
public sealed class GriddedSurface
{
    private readonly double[] _z;

    /// <summary>Creates a surface.</summary>
    /// <param name="originX">Easting of node (0, 0) (m).</param>
    /// <param name="originY">Northing of node (0, 0) (m).</param>
    /// <param name="spacingX">Node spacing along x (m), &gt; 0.</param>
    /// <param name="spacingY">Node spacing along y (m), &gt; 0.</param>
    /// <param name="countX">Nodes along x, ≥ 2.</param>
    /// <param name="countY">Nodes along y, ≥ 2.</param>
    /// <param name="elevations">Elevations, x fastest (countX × countY values; NaN = missing).</param>
    /// <exception cref="ArgumentException">Spacings not positive, fewer than 2 × 2 nodes, or the wrong number of elevations.</exception>
    public GriddedSurface(double originX, double originY, double spacingX, double spacingY, int countX, int countY, IReadOnlyList<double> elevations)
    {
        ArgumentNullException.ThrowIfNull(elevations);
        if (!(spacingX > 0) || !(spacingY > 0) || !double.IsFinite(spacingX) || !double.IsFinite(spacingY))
        {
            throw new ArgumentOutOfRangeException(nameof(spacingX), "Node spacings must be finite and positive.");
        }

        if (countX < 2 || countY < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(countX), $"A surface needs at least 2 × 2 nodes; got {countX} × {countY}.");
        }

        if (elevations.Count != countX * countY)
        {
            throw new ArgumentException($"{elevations.Count} elevations for {countX} × {countY} nodes.", nameof(elevations));
        }

        (OriginX, OriginY, SpacingX, SpacingY, CountX, CountY) = (originX, originY, spacingX, spacingY, countX, countY);
        _z = [.. elevations];
    }

    /// <summary>Easting of the first node.</summary>
    public double OriginX { get; }

    /// <summary>Northing of the first node.</summary>
    public double OriginY { get; }

    /// <summary>Node spacing along x.</summary>
    public double SpacingX { get; }

    /// <summary>Node spacing along y.</summary>
    public double SpacingY { get; }

    /// <summary>Nodes along x.</summary>
    public int CountX { get; }

    /// <summary>Nodes along y.</summary>
    public int CountY { get; }

    /// <summary>A surface sampled from a function of (x, y) at the nodes.</summary>
    public static GriddedSurface FromFunction(double originX, double originY, double spacingX, double spacingY, int countX, int countY, Func<double, double, double> elevation)
    {
        ArgumentNullException.ThrowIfNull(elevation);
        var z = new double[countX * countY];
        for (int j = 0; j < countY; j++)
        {
            for (int i = 0; i < countX; i++)
            {
                z[i + j * countX] = elevation(originX + i * spacingX, originY + j * spacingY);
            }
        }

        return new GriddedSurface(originX, originY, spacingX, spacingY, countX, countY, z);
    }

    /// <summary>The elevation at (x, y): bilinear in the cell around it; NaN outside the grid or where a corner is missing.</summary>
    public double ElevationAt(double x, double y)
    {
        double u = (x - OriginX) / SpacingX, v = (y - OriginY) / SpacingY;
        if (!(u >= 0 && v >= 0 && u <= CountX - 1 && v <= CountY - 1))
        {
            return double.NaN;
        }

        int i = Math.Min((int)u, CountX - 2), j = Math.Min((int)v, CountY - 2);
        double fu = u - i, fv = v - j;
        int n = i + j * CountX;
        return (1 - fv) * ((1 - fu) * _z[n] + fu * _z[n + 1]) + fv * ((1 - fu) * _z[n + CountX] + fu * _z[n + CountX + 1]);
    }

    /// <summary>
    /// Reads a surface from a CSV of nodes (header with x, y, z columns, any order of rows); the nodes must
    /// form a complete regular grid. Blank z values are missing nodes.
    /// </summary>
    /// <exception cref="DataFormatException">A column is missing, a value is malformed, a node repeats, or the nodes are not a regular grid.</exception>
    public static GriddedSurface ReadCsv(string path, string x = "x", string y = "y", string z = "z")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using CsvRecordReader reader = CsvRecordReader.Open(path, null);
        var fields = new List<string>();
        if (!reader.TryRead(fields, out _))
        {
            throw new DataFormatException(path, 0, "", "The file is empty: a header row is needed.");
        }

        string[] header = [.. fields];
        int Column(string name) => Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase)) is int c and >= 0
            ? c
            : throw new DataFormatException(path, 1, name, $"No column '{name}' in the header ({string.Join(", ", header)}).");
        int cx = Column(x), cy = Column(y), cz = Column(z);
        var nodes = new List<(double X, double Y, double Z, long Line)>();
        while (reader.TryRead(fields, out long line))
        {
            double Number(int c, bool blankIsMissing) => fields.Count > c && double.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
                ? v
                : blankIsMissing && fields.Count > c && fields[c].Length == 0 ? double.NaN
                : throw new DataFormatException(path, line, header[c], $"'{(fields.Count > c ? fields[c] : "")}' is not a finite number.");
            nodes.Add((Number(cx, false), Number(cy, false), Number(cz, true), line));
        }

        double[] xs = Distinct(nodes.Select(n => n.X)), ys = Distinct(nodes.Select(n => n.Y));
        if (xs.Length < 2 || ys.Length < 2 || xs.Length * ys.Length != nodes.Count)
        {
            throw new DataFormatException(path, 0, "", $"{nodes.Count} nodes on {xs.Length} distinct x and {ys.Length} distinct y: not a complete regular grid.");
        }

        double dx = Spacing(path, xs, x), dy = Spacing(path, ys, y);
        var elevations = Enumerable.Repeat(double.NaN, nodes.Count).ToArray();
        var seen = new bool[nodes.Count];
        foreach ((double nx, double ny, double nz, long line) in nodes)
        {
            int i = (int)Math.Round((nx - xs[0]) / dx), j = (int)Math.Round((ny - ys[0]) / dy);
            if (seen[i + j * xs.Length])
            {
                throw new DataFormatException(path, line, "", FormattableString.Invariant($"The node ({nx}, {ny}) appears twice."));
            }

            seen[i + j * xs.Length] = true;
            elevations[i + j * xs.Length] = nz;
        }

        return new GriddedSurface(xs[0], ys[0], dx, dy, xs.Length, ys.Length, elevations);

        static double[] Distinct(IEnumerable<double> v) => [.. v.Distinct().Order()];
    }

    private static double Spacing(string path, double[] values, string axis)
    {
        double step = (values[^1] - values[0]) / (values.Length - 1);
        for (int i = 1; i < values.Length; i++)
        {
            if (Math.Abs(values[i] - values[i - 1] - step) > 1e-6 * step)
            {
                throw new DataFormatException(path, 0, axis, FormattableString.Invariant($"Node {axis} values are not evenly spaced ({values[i - 1]} → {values[i]}, expected steps of {step})."));
            }
        }

        return step;
    }
}
