using DepositTwin.Geometry;
using DepositTwin.Variography;

namespace DepositTwin.Simulation;

/// <summary>
/// A porphyry copper deposit in the style of the Yunnan (Pulang-type) porphyries: a stock plunging 75°
/// towards azimuth 60° with a potassic core, a phyllic shell and a propylitic halo; Cu decreasing outward
/// and with depth, leached under the surface and enriched in a supergene blanket below the leached cap;
/// Mo correlated with Cu; density by zone. A lognormal random field (spherical, 150 m × 150 m × 80 m)
/// multiplies the trend, so the grades are stationary enough to fit a variogram, and a seed fixes them.
/// </summary>
public sealed class PorphyryCopperDeposit : SyntheticDeposit
{
    private static readonly Point3 StockTop = new(500_600, 2_900_600, 3_350);
    private static readonly Point3 StockAxis = Rotation.FromGslib(60, -75, 0).MajorAxis;
    private readonly FieldSampler _copper, _molybdenum;
    private readonly double _sigma;

    /// <summary>Builds the deposit.</summary>
    /// <param name="seed">Fixes the random fields.</param>
    /// <param name="logStandardDeviation">Standard deviation of the log of the random multiplier (0.45 by default; 0 gives the smooth trend).</param>
    public PorphyryCopperDeposit(int seed = 2026, double logStandardDeviation = 0.45)
    {
        _sigma = logStandardDeviation;
        var model = new VariogramModel(0.05, new VariogramStructure(StructureType.Spherical, 0.95, new Ellipsoid(Rotation.FromGslib(60, 0, 0), 150, 150, 80)));
        var spacing = new Point3(15, 15, 10);
        _copper = new FieldSampler(Extent, spacing, model, seed);
        _molybdenum = new FieldSampler(Extent, spacing, model, seed + 1);
    }

    /// <inheritdoc />
    public override string Name => "Yunnan porphyry copper";

    /// <inheritdoc />
    public override IReadOnlyList<DepositVariable> Variables { get; } = [new("Cu", "%"), new("Mo", "ppm")];

    /// <inheritdoc />
    public override BoundingBox Extent { get; } = new(new Point3(500_000, 2_900_000, 2_800), new Point3(501_200, 2_901_200, 3_460));

    /// <inheritdoc />
    public override double Topography(double x, double y) =>
        3_400 + 40 * Math.Sin((x - 500_000) / 260.0) * Math.Cos((y - 2_900_000) / 330.0) - 0.03 * (y - 2_900_000);

    private static (double Radial, double Depth) StockFrame(Point3 p)
    {
        Point3 d = p - StockTop;
        double along = Point3.Dot(d, StockAxis);
        return ((d - along * StockAxis).Length, along);
    }

    /// <summary>1 potassic, 2 phyllic, 3 propylitic, 4 barren host.</summary>
    public override int Zone(Point3 point) => StockFrame(point).Radial switch
    {
        < 180 => 1,
        < 360 => 2,
        < 560 => 3,
        _ => 4,
    };

    /// <inheritdoc />
    public override double Density(Point3 point)
    {
        double belowSurface = Topography(point.X, point.Y) - point.Z;
        double zone = Zone(point) switch { 1 => 2.72, 2 => 2.65, 3 => 2.68, _ => 2.70 };
        return belowSurface < 25 ? zone - 0.25 : zone; // the leached cap is porous
    }

    /// <inheritdoc />
    public override double Value(int variable, Point3 point)
    {
        (double r, double depth) = StockFrame(point);
        double lognormal(FieldSampler f) => Math.Exp(_sigma * f.At(point) - 0.5 * _sigma * _sigma);
        if (variable == 0)
        {
            double hypogene = 0.85 * Math.Exp(-Math.Pow(r / 320.0, 2)) * Math.Exp(-Math.Max(0, depth - 150) / 700.0);
            double belowSurface = Topography(point.X, point.Y) - point.Z;
            double leached = belowSurface < 25 ? 0.15 : 1.0;
            double blanket = belowSurface is >= 25 and < 70 && r < 450 ? 1.8 : 1.0;
            return 0.02 + hypogene * leached * blanket * lognormal(_copper);
        }

        // Mo follows the stock more tightly than Cu, with its own field correlated 0.6 with copper's.
        double shared = 0.6 * _copper.At(point) + 0.8 * _molybdenum.At(point);
        double mo = 260 * Math.Exp(-Math.Pow(r / 200.0, 2)) * Math.Exp(-Math.Abs(depth - 350) / 500.0);
        return 20 + mo * Math.Exp(_sigma * shared - 0.5 * _sigma * _sigma);
    }
}
