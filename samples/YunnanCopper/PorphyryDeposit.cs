using DepositTwin.Geometry;

namespace YunnanCopper;

/// <summary>
/// A smooth, analytic porphyry copper deposit in the style of the Yunnan (Pulang-type) porphyries: a
/// steeply plunging intrusive stock with a potassic core, a phyllic shell and a propylitic halo, copper
/// decreasing outward and with depth, and a supergene enrichment blanket under the leached cap.
/// It is the "truth" the sample drills and estimates; the random-field version comes with Simulation.
/// </summary>
internal sealed class PorphyryDeposit
{
    public Point3 StockTop { get; } = new(500_600, 2_900_600, 3_350);

    /// <summary>The stock plunges 75° towards azimuth 60°.</summary>
    public Point3 StockAxis { get; } = Rotation.FromGslib(60, -75, 0).MajorAxis;

    public double Topography(double x, double y) =>
        3_400 + 40 * Math.Sin((x - 500_000) / 260.0) * Math.Cos((y - 2_900_000) / 330.0) - 0.03 * (y - 2_900_000);

    /// <summary>Horizontal-ish distance from the stock's axis (m), and depth below the stock top along it.</summary>
    private (double Radial, double Depth) StockFrame(Point3 p)
    {
        Point3 d = p - StockTop;
        double along = Point3.Dot(d, StockAxis);
        Point3 radial = d - along * StockAxis;
        return (radial.Length, along);
    }

    /// <summary>1 potassic, 2 phyllic, 3 propylitic; 0 outside the alteration system.</summary>
    public int Zone(Point3 p)
    {
        (double r, _) = StockFrame(p);
        return r switch
        {
            < 180 => 1,
            < 360 => 2,
            < 560 => 3,
            _ => 0,
        };
    }

    public double CopperPercent(Point3 p)
    {
        (double r, double depth) = StockFrame(p);
        double hypogene = 0.85 * Math.Exp(-Math.Pow(r / 320.0, 2)) * Math.Exp(-Math.Max(0, depth - 150) / 700.0);
        double belowSurface = Topography(p.X, p.Y) - p.Z;
        double leached = belowSurface < 25 ? 0.15 : 1.0;
        double blanket = belowSurface is >= 25 and < 70 && r < 450 ? 1.8 : 1.0;
        return Math.Round(0.02 + hypogene * leached * blanket, 4);
    }

    public double MolybdenumPpm(Point3 p)
    {
        (double r, double depth) = StockFrame(p);
        return Math.Round(20 + 260 * Math.Exp(-Math.Pow(r / 200.0, 2)) * Math.Exp(-Math.Abs(depth - 350) / 500.0), 1);
    }

    public static double Density(int zone) => zone switch
    {
        1 => 2.72,
        2 => 2.65,
        3 => 2.68,
        _ => 2.70,
    };
}
