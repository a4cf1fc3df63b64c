using System.Globalization;
using DepositTwin.BlockModels;

namespace DepositTwin.Resources;

/// <summary>Metallurgical recovery as a function of head grade: constant, or piecewise linear in a table (flat beyond its ends).</summary>
public sealed class RecoveryCurve
{
    private readonly double[] _grades;
    private readonly double[] _recoveries;

    private RecoveryCurve(double[] grades, double[] recoveries)
    {
        _grades = grades;
        _recoveries = recoveries;
    }

    /// <summary>The same recovery at every grade (a fraction in (0, 1]).</summary>
    public static RecoveryCurve Constant(double recovery) => Table([(0, recovery)]);

    /// <summary>A table of (grade, recovery) points, grades increasing; linear between them, flat outside.</summary>
    /// <exception cref="ArgumentException">No points, grades not increasing, or a recovery outside [0, 1].</exception>
    public static RecoveryCurve Table(IReadOnlyList<(double Grade, double Recovery)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            throw new ArgumentException("A recovery curve needs at least one point.", nameof(points));
        }

        for (int i = 0; i < points.Count; i++)
        {
            if (!(points[i].Recovery >= 0 && points[i].Recovery <= 1) || !double.IsFinite(points[i].Grade) || (i > 0 && !(points[i].Grade > points[i - 1].Grade)))
            {
                throw new ArgumentException($"Recovery point {i} {points[i]}: grades must increase and recoveries lie in [0, 1].", nameof(points));
            }
        }

        return new RecoveryCurve(points.Select(p => p.Grade).ToArray(), points.Select(p => p.Recovery).ToArray());
    }

    /// <summary>The recovery at a head grade.</summary>
    public double At(double grade) => PiecewiseLinear.Interpolate(_grades, _recoveries, grade);
}

/// <summary>
/// What one payable product is worth: price, the part paid, recovery, selling costs and royalty.
/// </summary>
/// <param name="GradeAttribute">The block grade attribute (e.g. "Cu").</param>
/// <param name="Price">Price per unit of metal (e.g. $/t Cu, $/oz Au).</param>
/// <param name="MetalPerGradeUnit">Units of metal per tonne of ore per unit of grade: 0.01 for % (t of metal), 1/31.1035 for g/t priced per ounce.</param>
public sealed record Commodity(string GradeAttribute, double Price, double MetalPerGradeUnit)
{
    /// <summary>Fraction of the recovered metal that is paid for (smelter payables); 1 by default.</summary>
    public double Payable { get; init; } = 1;

    /// <summary>Metallurgical recovery; 90 % by default.</summary>
    public RecoveryCurve Recovery { get; init; } = RecoveryCurve.Constant(0.9);

    /// <summary>Selling cost per unit of payable metal (treatment and refining charges, freight).</summary>
    public double SellingCost { get; init; }

    /// <summary>Royalty as a fraction of the net revenue.</summary>
    public double Royalty { get; init; }

    /// <summary>Net revenue per tonne of ore at a grade: grade × metal factor × recovery × payable × (price − selling cost) × (1 − royalty).</summary>
    public double NetRevenuePerTonne(double grade) =>
        grade * MetalPerGradeUnit * Recovery.At(grade) * Payable * (Price - SellingCost) * (1 - Royalty);
}

/// <summary>Which way a block goes.</summary>
public enum Destination
{
    /// <summary>Mined and dumped.</summary>
    Waste = 0,

    /// <summary>Mined and processed.</summary>
    Mill = 1,
}

/// <summary>
/// Block economics: net smelter return per tonne from the payable products, costs per tonne, and the block
/// value of sending the block to the better destination.
/// </summary>
/// <remarks>
/// Value if milled = tonnes × (NSR − processing − G&amp;A − mining); value as waste = −tonnes × mining; the
/// block value is the larger, as pit optimisers take it. Break-even (mine-or-leave) cut-off: NSR = mining +
/// processing + G&amp;A; marginal (mill-or-dump, once mined) cut-off: NSR = processing + G&amp;A.
/// </remarks>
public sealed record BlockEconomics
{
    /// <summary>The payable products; the first one's grade is the cut-off grade.</summary>
    public required IReadOnlyList<Commodity> Commodities { get; init; }

    /// <summary>Mining cost per tonne of rock (ore or waste).</summary>
    public double MiningCost { get; init; }

    /// <summary>Processing cost per tonne of ore.</summary>
    public double ProcessingCost { get; init; }

    /// <summary>General and administrative cost per tonne of ore.</summary>
    public double GeneralAndAdministrativeCost { get; init; }

    /// <summary>Net smelter return per tonne of ore from the grades (in commodity order; a missing grade counts as 0).</summary>
    public double NetSmelterReturn(ReadOnlySpan<double> grades)
    {
        double nsr = 0;
        for (int c = 0; c < Commodities.Count; c++)
        {
            nsr += double.IsNaN(grades[c]) ? 0 : Commodities[c].NetRevenuePerTonne(grades[c]);
        }

        return nsr;
    }

    /// <summary>The grade of the first commodity at which NSR pays mining, processing and G&amp;A (the others at zero grade).</summary>
    public double BreakEvenCutOff() => CutOffFor(MiningCost + ProcessingCost + GeneralAndAdministrativeCost);

    /// <summary>The grade of the first commodity at which NSR pays processing and G&amp;A: the cut-off of blocks that are mined anyway.</summary>
    public double MarginalCutOff() => CutOffFor(ProcessingCost + GeneralAndAdministrativeCost);

    private double CutOffFor(double cost)
    {
        Commodity first = Commodities[0];
        double high = 1;
        while (first.NetRevenuePerTonne(high) < cost)
        {
            high *= 2;
            if (high > 1e12)
            {
                return double.PositiveInfinity; // the product never pays
            }
        }

        // NSR grows with grade (recovery tables are flat outside and the product grade × recovery increases): bisection.
        double low = 0;
        for (int i = 0; i < 200 && high - low > 1e-12 * high; i++)
        {
            double mid = 0.5 * (low + high);
            (low, high) = first.NetRevenuePerTonne(mid) < cost ? (mid, high) : (low, mid);
        }

        return high;
    }

    /// <summary>Writes per block the NSR ($/t), the block value ($) and the destination.</summary>
    /// <param name="model">The block model with the grade attributes and tonnes.</param>
    /// <param name="tonnes">The tonnes attribute.</param>
    /// <param name="nsr">Attribute for the NSR per tonne.</param>
    /// <param name="value">Attribute for the block value.</param>
    /// <param name="destination">Integer attribute for the destination (<see cref="Destination"/>).</param>
    /// <returns>Blocks left without a value because their tonnes are missing.</returns>
    public int Apply(BlockModel model, string tonnes = "tonnes", string nsr = "nsr", string value = "value", string destination = "destination")
    {
        ArgumentNullException.ThrowIfNull(model);
        DoubleAttribute[] grades = Commodities.Select(c => model.GetDouble(c.GradeAttribute)).ToArray();
        DoubleAttribute t = model.GetDouble(tonnes);
        DoubleAttribute n = Column(model, nsr, "$/t", "net smelter return per tonne");
        DoubleAttribute v = Column(model, value, "$", "block value at the better destination");
        IntegerAttribute d = model.Contains(destination) ? model.GetInteger(destination) : model.AddInteger(destination, description: "0 waste, 1 mill");
        Span<double> g = stackalloc double[grades.Length];
        int missing = 0;
        for (int row = 0; row < model.Count; row++)
        {
            for (int c = 0; c < grades.Length; c++)
            {
                g[c] = grades[c][row];
            }

            n[row] = NetSmelterReturn(g);
            double mill = t[row] * (n[row] - ProcessingCost - GeneralAndAdministrativeCost - MiningCost), waste = -t[row] * MiningCost;
            if (double.IsNaN(t[row]))
            {
                missing++;
                v[row] = double.NaN;
                d[row] = IntegerAttribute.Missing;
                continue;
            }

            (v[row], d[row]) = mill > waste ? (mill, (int)Destination.Mill) : (waste, (int)Destination.Waste);
        }

        return missing;
    }

    private static DoubleAttribute Column(BlockModel model, string name, string unit, string description) =>
        model.Contains(name) ? model.GetDouble(name) : model.AddDouble(name, unit, description);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{string.Join(" + ", Commodities.Select(c => c.GradeAttribute))}: mining {MiningCost}/t, processing {ProcessingCost}/t, G&A {GeneralAndAdministrativeCost}/t; break-even {BreakEvenCutOff():G4}, marginal {MarginalCutOff():G4}");
}
