using DepositTwin.BlockModels;
using DepositTwin.Geometry;
using DepositTwin.Variography;

namespace DepositTwin.Simulation;

/// <summary>A variable of a synthetic deposit.</summary>
/// <param name="Name">The name samples and blocks carry (e.g. "Cu").</param>
/// <param name="Unit">The grade unit (e.g. "%", "ppm").</param>
public readonly record struct DepositVariable(string Name, string Unit);

/// <summary>
/// A deposit with a known truth: point values of every variable, zones, density and topography anywhere,
/// so that estimates can be compared with what is really there.
/// </summary>
public abstract class SyntheticDeposit
{
    /// <summary>The deposit's name.</summary>
    public abstract string Name { get; }

    /// <summary>Its variables.</summary>
    public abstract IReadOnlyList<DepositVariable> Variables { get; }

    /// <summary>The volume it is defined over (m).</summary>
    public abstract BoundingBox Extent { get; }

    /// <summary>Ground elevation (m) at a plan position.</summary>
    public abstract double Topography(double x, double y);

    /// <summary>The value of a variable (index into <see cref="Variables"/>) at a point (point support).</summary>
    public abstract double Value(int variable, Point3 point);

    /// <summary>The geological zone (domain code) at a point.</summary>
    public abstract int Zone(Point3 point);

    /// <summary>Dry bulk density (t/m³) at a point.</summary>
    public abstract double Density(Point3 point);

    /// <summary>
    /// The true block model: blocks below the topography are active; each variable's block value
    /// (<c>&lt;name&gt;_true</c>) and the density are means over the block's discretisation points, the zone is
    /// that of the centroid.
    /// </summary>
    public BlockModel TrueBlockModel(GridDefinition grid, BlockDiscretisation discretisation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(discretisation);
        BlockModel model = BlockModel.WithActiveBlocks(grid, c => c.Z < Topography(c.X, c.Y));
        DoubleAttribute[] truth = Variables.Select(v => model.AddDouble(v.Name + "_true", v.Unit, $"true {v.Name} (block mean)")).ToArray();
        DoubleAttribute density = model.AddDouble("density", "t/m3", "true dry bulk density (block mean)");
        IntegerAttribute zone = model.AddInteger("zone", "", "geological zone");
        Point3[] offsets = discretisation.Offsets(grid.BlockSize);
        model.All.ParallelFor(row =>
        {
            Point3 c = model.Centroid(row);
            for (int v = 0; v < truth.Length; v++)
            {
                double sum = 0;
                foreach (Point3 o in offsets)
                {
                    sum += Value(v, c + o);
                }

                truth[v][row] = sum / offsets.Length;
            }

            double rho = 0;
            foreach (Point3 o in offsets)
            {
                rho += Density(c + o);
            }

            density[row] = rho / offsets.Length;
            zone[row] = Zone(c);
        }, cancellationToken);
        return model;
    }

    /// <summary>The index of a variable by name.</summary>
    /// <exception cref="KeyNotFoundException">No such variable.</exception>
    public int VariableIndex(string name)
    {
        for (int v = 0; v < Variables.Count; v++)
        {
            if (string.Equals(Variables[v].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }

        throw new KeyNotFoundException($"{Name} has no variable '{name}'. It has: {string.Join(", ", Variables.Select(v => v.Name))}.");
    }
}

/// <summary>A simulated Gaussian field over a box, read anywhere by trilinear interpolation between its nodes.</summary>
internal sealed class FieldSampler
{
    private readonly GridDefinition _grid;
    private readonly double[] _values;

    public FieldSampler(BoundingBox extent, Point3 spacing, VariogramModel model, int seed)
    {
        Point3 size = extent.Max - extent.Min;
        static int Count(double length, double step) => Math.Max(2, (int)Math.Ceiling(length / step) + 2);
        // Nodes sit at cell centres; one cell of margin on every side keeps interpolation inside.
        _grid = new GridDefinition(extent.Min - spacing, spacing, Count(size.X, spacing.X), Count(size.Y, spacing.Y), size.Z > 0 ? Count(size.Z, spacing.Z) : 1);
        _values = new GaussianRandomField(_grid, model).Simulate(seed);
    }

    public double At(Point3 p)
    {
        Point3 size = _grid.BlockSize;
        double u = (p.X - _grid.Origin.X) / size.X - 0.5, v = (p.Y - _grid.Origin.Y) / size.Y - 0.5, w = (p.Z - _grid.Origin.Z) / size.Z - 0.5;
        int i = Math.Clamp((int)Math.Floor(u), 0, _grid.CountX - 2), j = Math.Clamp((int)Math.Floor(v), 0, _grid.CountY - 2);
        int k = _grid.CountZ == 1 ? 0 : Math.Clamp((int)Math.Floor(w), 0, _grid.CountZ - 2);
        double fu = Math.Clamp(u - i, 0, 1), fv = Math.Clamp(v - j, 0, 1), fw = _grid.CountZ == 1 ? 0 : Math.Clamp(w - k, 0, 1);
        double Node(int a, int b, int c) => _values[_grid.LinearIndex(i + a, j + b, k + c)];
        double Plane(int c) => (1 - fv) * ((1 - fu) * Node(0, 0, c) + fu * Node(1, 0, c)) + fv * ((1 - fu) * Node(0, 1, c) + fu * Node(1, 1, c));
        return _grid.CountZ == 1 ? Plane(0) : (1 - fw) * Plane(0) + fw * Plane(1);
    }
}
