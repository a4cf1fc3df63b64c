using DepositTwin.Geometry;
using DepositTwin.Variography;

namespace DepositTwin.Simulation;

/// <summary>
/// A karst bauxite in the style of Shandong and Guizhou: a flat-lying layer 4–12 m thick on an undulating
/// limestone floor under clay overburden; Al₂O₃ and SiO₂ negatively correlated (−0.8) within it; density
/// rising with alumina. Zones: 1 bauxite, 2 overburden clay, 3 limestone floor.
/// </summary>
public sealed class BauxiteDeposit : SyntheticDeposit
{
    private readonly FieldSampler _floor, _thickness, _alumina, _silica;

    /// <summary>Builds the deposit; the seed fixes the surfaces and grades.</summary>
    public BauxiteDeposit(int seed = 2026)
    {
        var surface = new VariogramModel(0, new VariogramStructure(StructureType.Gaussian, 1, new Ellipsoid(Rotation.FromGslib(35, 0, 0), 400, 250, 1)));
        var grades = new VariogramModel(0.1, new VariogramStructure(StructureType.Spherical, 0.9, new Ellipsoid(Rotation.FromGslib(35, 0, 0), 220, 150, 6)));
        var plan = new BoundingBox(Extent.Min with { Z = 0 }, Extent.Max with { Z = 0 });
        _floor = new FieldSampler(plan, new Point3(20, 20, 1), surface, seed);
        _thickness = new FieldSampler(plan, new Point3(20, 20, 1), surface, seed + 1);
        // Thin and flat: nodes 20 m apart in plan, 2 m vertically.
        _alumina = new FieldSampler(Extent, new Point3(20, 20, 2), grades, seed + 2);
        _silica = new FieldSampler(Extent, new Point3(20, 20, 2), grades, seed + 3);
    }

    /// <inheritdoc />
    public override string Name => "Shandong karst bauxite";

    /// <inheritdoc />
    public override IReadOnlyList<DepositVariable> Variables { get; } = [new("Al2O3", "%"), new("SiO2", "%")];

    /// <inheritdoc />
    public override BoundingBox Extent { get; } = new(new Point3(400_000, 4_000_000, 100), new Point3(401_600, 4_001_200, 200));

    /// <inheritdoc />
    public override double Topography(double x, double y) => 190 + 4 * Math.Sin((x - 400_000) / 300.0) + 3 * Math.Cos((y - 4_000_000) / 250.0);

    /// <summary>Elevation of the limestone floor (m).</summary>
    public double Floor(double x, double y) => 150 + 6 * _floor.At(new Point3(x, y, 0)) + 0.004 * (x - 400_000);

    /// <summary>Elevation of the top of the bauxite (m).</summary>
    public double Roof(double x, double y) => Floor(x, y) + Math.Clamp(8 + 2.5 * _thickness.At(new Point3(x, y, 0)), 4, 12);

    /// <inheritdoc />
    public override int Zone(Point3 point) =>
        point.Z < Floor(point.X, point.Y) ? 3 : point.Z <= Roof(point.X, point.Y) ? 1 : 2;

    /// <inheritdoc />
    public override double Value(int variable, Point3 point)
    {
        int zone = Zone(point);
        double a = _alumina.At(point), s = -0.8 * a + 0.6 * _silica.At(point);
        return (zone, variable) switch
        {
            (1, 0) => Math.Clamp(52 + 6 * a, 30, 75),
            (1, _) => Math.Clamp(9 + 3.5 * s, 1.5, 30),
            (2, 0) => Math.Clamp(22 + 3 * a, 10, 35),
            (2, _) => Math.Clamp(45 + 4 * s, 30, 60),
            (_, 0) => Math.Clamp(2 + 0.5 * a, 0.5, 4),
            _ => Math.Clamp(4 + 1 * s, 1, 8),
        };
    }

    /// <inheritdoc />
    public override double Density(Point3 point) => Zone(point) switch
    {
        1 => 2.2 + 0.012 * (Value(0, point) - 50),
        2 => 1.9,
        _ => 2.65,
    };
}
