using DepositTwin.Geometry;

namespace DepositTwin.Variography;

/// <summary>
/// Which pairs a directional experimental variogram keeps: those whose separation vector lies within an
/// angular tolerance of a direction (either sense) and within horizontal and vertical bandwidths of it.
/// </summary>
/// <remarks>
/// The direction is the major axis of <see cref="Rotation.FromGslib"/>(azimuth, dip, 0): azimuth clockwise
/// from north, dip negative downward (the DESIGN.md convention for ang1 and ang2). The bandwidths bound the
/// separation's components along the rotation's semi-major axis (horizontal, perpendicular to the
/// direction) and minor axis (perpendicular to both), as in GSLIB gamv.
/// </remarks>
public sealed record VariogramDirection
{
    private readonly double _cosTolerance;

    /// <summary>Creates a direction.</summary>
    /// <param name="azimuth">Degrees clockwise from north.</param>
    /// <param name="dip">Degrees, negative downward.</param>
    /// <param name="angularTolerance">Half-angle in degrees, in (0, 90]; 90 accepts every direction.</param>
    /// <param name="horizontalBandwidth">Largest horizontal offset from the direction's line (m); infinity for none.</param>
    /// <param name="verticalBandwidth">Largest vertical offset from the direction's line (m); infinity for none.</param>
    public VariogramDirection(double azimuth, double dip, double angularTolerance,
        double horizontalBandwidth = double.PositiveInfinity, double verticalBandwidth = double.PositiveInfinity)
    {
        if (!(angularTolerance > 0 && angularTolerance <= 90))
        {
            throw new ArgumentOutOfRangeException(nameof(angularTolerance), angularTolerance, "The angular tolerance must lie in (0, 90] degrees.");
        }

        if (!(horizontalBandwidth > 0) || !(verticalBandwidth > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(horizontalBandwidth), "Bandwidths must be positive (infinity for none).");
        }

        Rotation = Rotation.FromGslib(azimuth, dip, 0);
        Azimuth = azimuth;
        Dip = dip;
        AngularTolerance = angularTolerance;
        HorizontalBandwidth = horizontalBandwidth;
        VerticalBandwidth = verticalBandwidth;
        _cosTolerance = angularTolerance >= 90 ? 0 : Math.Cos(angularTolerance * Math.PI / 180);
    }

    /// <summary>Every pair, whatever its direction.</summary>
    public static VariogramDirection Omnidirectional { get; } = new(0, 0, 90);

    /// <summary>Azimuth (degrees clockwise from north).</summary>
    public double Azimuth { get; }

    /// <summary>Dip (degrees, negative downward).</summary>
    public double Dip { get; }

    /// <summary>Angular half-tolerance (degrees).</summary>
    public double AngularTolerance { get; }

    /// <summary>Horizontal bandwidth (m).</summary>
    public double HorizontalBandwidth { get; }

    /// <summary>Vertical bandwidth (m).</summary>
    public double VerticalBandwidth { get; }

    /// <summary>The frame: its major axis is the direction.</summary>
    public Rotation Rotation { get; }

    /// <summary>The unit vector of the direction.</summary>
    public Point3 Vector => Rotation.MajorAxis;

    /// <summary>True when every pair is kept.</summary>
    public bool IsOmnidirectional => _cosTolerance == 0 && double.IsPositiveInfinity(HorizontalBandwidth) && double.IsPositiveInfinity(VerticalBandwidth);

    /// <summary>True when a pair with separation <paramref name="h"/> (of length <paramref name="length"/>) is kept.</summary>
    public bool Accepts(Point3 h, double length)
    {
        if (IsOmnidirectional)
        {
            return true;
        }

        Point3 c = Rotation.ToAxes(h);
        return Math.Abs(c.X) >= _cosTolerance * length
            && Math.Abs(c.Y) <= HorizontalBandwidth
            && Math.Abs(c.Z) <= VerticalBandwidth;
    }
}
