namespace DepositTwin.Geometry;

/// <summary>
/// An oriented ellipsoid: a <see cref="Geometry.Rotation"/> and three ranges (radii) along its major,
/// semi-major and minor axes. It defines the anisotropic distance used by variogram structures and
/// search neighbourhoods.
/// </summary>
/// <remarks>
/// The transform into isotropic space is GSLIB's: the rows of the rotation scaled by 1, 1/anis1 and
/// 1/anis2, with anis1 = semi-major/major and anis2 = minor/major. The anisotropic distance |T·d| is in
/// major-axis metres, so a point on the ellipsoid's surface is at distance <see cref="Major"/>.
/// </remarks>
public readonly struct Ellipsoid : IEquatable<Ellipsoid>
{
    /// <summary>Creates an ellipsoid.</summary>
    /// <param name="rotation">Orientation of the axes.</param>
    /// <param name="major">Range along the major axis, metres; finite and positive.</param>
    /// <param name="semiMajor">Range along the semi-major axis, metres; in (0, major].</param>
    /// <param name="minor">Range along the minor axis, metres; in (0, major].</param>
    /// <exception cref="ArgumentOutOfRangeException">A range is not positive and finite, or exceeds the major range.</exception>
    public Ellipsoid(Rotation rotation, double major, double semiMajor, double minor)
    {
        if (!(major > 0) || !double.IsFinite(major))
        {
            throw new ArgumentOutOfRangeException(nameof(major), major, "The major range must be finite and positive.");
        }

        if (!(semiMajor > 0) || semiMajor > major)
        {
            throw new ArgumentOutOfRangeException(nameof(semiMajor), semiMajor, $"The semi-major range must lie in (0, {major}] (the major range): anis1 in (0, 1].");
        }

        if (!(minor > 0) || minor > major)
        {
            throw new ArgumentOutOfRangeException(nameof(minor), minor, $"The minor range must lie in (0, {major}] (the major range): anis2 in (0, 1].");
        }

        Rotation = rotation;
        Major = major;
        SemiMajor = semiMajor;
        Minor = minor;
        Matrix3 r = rotation.Matrix;
        double f1 = major / semiMajor;
        double f2 = major / minor;
        Transform = new Matrix3(
            r.M11, r.M12, r.M13,
            f1 * r.M21, f1 * r.M22, f1 * r.M23,
            f2 * r.M31, f2 * r.M32, f2 * r.M33);
    }

    /// <summary>A sphere of the given radius.</summary>
    public static Ellipsoid Isotropic(double radius) => new(Rotation.None, radius, radius, radius);

    /// <summary>Builds an ellipsoid from GSLIB parameters: the major range, the three angles and the two ratios.</summary>
    /// <param name="major">Major range (m).</param>
    /// <param name="azimuth">ang1 (degrees).</param>
    /// <param name="dip">ang2 (degrees, negative downward).</param>
    /// <param name="rake">ang3 (degrees).</param>
    /// <param name="anis1">Semi-major / major, in (0, 1].</param>
    /// <param name="anis2">Minor / major, in (0, 1].</param>
    public static Ellipsoid FromGslib(double major, double azimuth, double dip, double rake, double anis1, double anis2)
    {
        if (!(anis1 > 0 && anis1 <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(anis1), anis1, "anis1 (semi-major / major) must lie in (0, 1].");
        }

        if (!(anis2 > 0 && anis2 <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(anis2), anis2, "anis2 (minor / major) must lie in (0, 1].");
        }

        return new Ellipsoid(Rotation.FromGslib(azimuth, dip, rake), major, major * anis1, major * anis2);
    }

    /// <summary>Orientation of the axes.</summary>
    public Rotation Rotation { get; }

    /// <summary>Range along the major axis (m).</summary>
    public double Major { get; }

    /// <summary>Range along the semi-major axis (m).</summary>
    public double SemiMajor { get; }

    /// <summary>Range along the minor axis (m).</summary>
    public double Minor { get; }

    /// <summary>GSLIB anis1 = semi-major / major.</summary>
    public double Anis1 => SemiMajor / Major;

    /// <summary>GSLIB anis2 = minor / major.</summary>
    public double Anis2 => Minor / Major;

    /// <summary>
    /// The linear map into isotropic space, in major-axis metres: rows of the rotation scaled by
    /// 1, major/semi-major and major/minor.
    /// </summary>
    public Matrix3 Transform { get; }

    /// <summary>A world displacement mapped into isotropic space (major-axis metres).</summary>
    public Point3 ToIsotropic(Point3 displacement) => Transform.Transform(displacement);

    /// <summary>The anisotropic distance between two points, in major-axis metres.</summary>
    public double AnisotropicDistance(Point3 a, Point3 b) => ToIsotropic(b - a).Length;

    /// <summary>The anisotropic distance divided by the major range: 1 on the ellipsoid's surface.</summary>
    public double NormalizedDistance(Point3 a, Point3 b) => AnisotropicDistance(a, b) / Major;

    /// <summary>True when <paramref name="point"/> lies inside or on the ellipsoid centred at <paramref name="centre"/>.</summary>
    public bool Contains(Point3 centre, Point3 point) => AnisotropicDistance(centre, point) <= Major;

    /// <summary>
    /// Half-widths of the axis-aligned box that encloses the ellipsoid; useful for coarse culling.
    /// </summary>
    public Point3 BoundingHalfExtents()
    {
        Matrix3 r = Rotation.Matrix;
        // Column c of Rᵀ·diag(ranges) spans the ellipsoid; its extent along a world axis is the norm of that row.
        (double a, double b, double c) = (Major, SemiMajor, Minor);
        static double Extent(double u, double v, double w) => Math.Sqrt(u * u + v * v + w * w);
        return new Point3(
            Extent(r.M11 * a, r.M21 * b, r.M31 * c),
            Extent(r.M12 * a, r.M22 * b, r.M32 * c),
            Extent(r.M13 * a, r.M23 * b, r.M33 * c));
    }

    /// <inheritdoc />
    public bool Equals(Ellipsoid other) =>
        Rotation == other.Rotation && Major == other.Major && SemiMajor == other.SemiMajor && Minor == other.Minor;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Ellipsoid other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Rotation, Major, SemiMajor, Minor);

    /// <summary>Equality of orientation and ranges.</summary>
    public static bool operator ==(Ellipsoid left, Ellipsoid right) => left.Equals(right);

    /// <summary>Inequality of orientation and ranges.</summary>
    public static bool operator !=(Ellipsoid left, Ellipsoid right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"Ellipsoid({Major:0.###} × {SemiMajor:0.###} × {Minor:0.###} m, {Rotation})");
}
