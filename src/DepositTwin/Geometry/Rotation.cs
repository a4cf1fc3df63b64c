namespace DepositTwin.Geometry;

/// <summary>
/// The orientation of an anisotropy or search ellipsoid, in the GSLIB convention.
/// </summary>
/// <remarks>
/// <para>Angles are in degrees, as GSLIB (setrot) reads them:</para>
/// <list type="bullet">
/// <item><description><see cref="Azimuth"/> (ang1): azimuth of the major axis, clockwise from north.</description></item>
/// <item><description><see cref="Dip"/> (ang2): dip (plunge) of the major axis, negative downward.</description></item>
/// <item><description><see cref="Rake"/> (ang3): rotation of the semi-major and minor axes about the major axis.</description></item>
/// </list>
/// <para>With α = 90° − ang1, β = −ang2 and θ = ang3 the rows of <see cref="Matrix"/> are the unit
/// major, semi-major and minor axes in world coordinates:
/// (cosβ cosα, cosβ sinα, −sinβ); (−cosθ sinα + sinθ sinβ cosα, cosθ cosα + sinθ sinβ sinα, sinθ cosβ);
/// (sinθ sinα + cosθ sinβ cosα, −sinθ cosα + cosθ sinβ sinα, cosθ cosβ).
/// With all angles zero the major axis points north, the semi-major axis west and the minor axis up.</para>
/// <para>The frame is right-handed: minor = major × semi-major.</para>
/// </remarks>
public readonly struct Rotation : IEquatable<Rotation>
{
    /// <summary>No rotation: major axis north, semi-major west, minor up.</summary>
    public static Rotation None => FromGslib(0, 0, 0);

    private Rotation(double azimuth, double dip, double rake, Matrix3 matrix)
    {
        Azimuth = azimuth;
        Dip = dip;
        Rake = rake;
        Matrix = matrix;
    }

    /// <summary>GSLIB ang1: azimuth of the major axis, degrees clockwise from north.</summary>
    public double Azimuth { get; }

    /// <summary>GSLIB ang2: dip of the major axis in degrees, negative downward.</summary>
    public double Dip { get; }

    /// <summary>GSLIB ang3: rake (rotation about the major axis) in degrees.</summary>
    public double Rake { get; }

    /// <summary>
    /// The orthonormal matrix whose rows are the unit major, semi-major and minor axes; applied to a
    /// world displacement it gives the displacement's components along those axes.
    /// </summary>
    public Matrix3 Matrix { get; }

    /// <summary>The unit major axis in world coordinates.</summary>
    public Point3 MajorAxis => Matrix.Row1;

    /// <summary>The unit semi-major axis in world coordinates.</summary>
    public Point3 SemiMajorAxis => Matrix.Row2;

    /// <summary>The unit minor axis in world coordinates.</summary>
    public Point3 MinorAxis => Matrix.Row3;

    /// <summary>Builds a rotation from GSLIB angles in degrees.</summary>
    /// <param name="azimuth">ang1: azimuth of the major axis, clockwise from north.</param>
    /// <param name="dip">ang2: dip of the major axis, negative downward; within [−90, 90].</param>
    /// <param name="rake">ang3: rotation about the major axis.</param>
    /// <exception cref="ArgumentOutOfRangeException">An angle is not finite, or the dip is outside [−90, 90].</exception>
    public static Rotation FromGslib(double azimuth, double dip, double rake)
    {
        RequireFinite(azimuth, nameof(azimuth));
        RequireFinite(dip, nameof(dip));
        RequireFinite(rake, nameof(rake));
        if (dip < -90 || dip > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(dip), dip, "The dip (ang2) must lie in [-90, 90] degrees.");
        }

        double alpha = DegreesToRadians(90 - azimuth);
        double beta = DegreesToRadians(-dip);
        double theta = DegreesToRadians(rake);
        (double sa, double ca) = Math.SinCos(alpha);
        (double sb, double cb) = Math.SinCos(beta);
        (double st, double ct) = Math.SinCos(theta);
        var matrix = new Matrix3(
            cb * ca, cb * sa, -sb,
            -ct * sa + st * sb * ca, ct * ca + st * sb * sa, st * cb,
            st * sa + ct * sb * ca, -st * ca + ct * sb * sa, ct * cb);
        return new Rotation(azimuth, dip, rake, matrix);
    }

    /// <summary>
    /// Builds the rotation whose major and semi-major axes point along the given directions
    /// (the minor axis completes a right-handed frame). Inverse of <see cref="Matrix"/>.
    /// </summary>
    /// <param name="majorAxis">Direction of the major axis (need not be unit length).</param>
    /// <param name="semiMajorAxis">Direction of the semi-major axis; must be perpendicular to the major axis.</param>
    /// <exception cref="ArgumentException">The axes are zero, not finite or not perpendicular.</exception>
    public static Rotation FromAxes(Point3 majorAxis, Point3 semiMajorAxis)
    {
        if (!majorAxis.IsFinite || majorAxis.Length == 0 || !semiMajorAxis.IsFinite || semiMajorAxis.Length == 0)
        {
            throw new ArgumentException("The axes must be finite, non-zero vectors.");
        }

        Point3 u = majorAxis.Normalized();
        Point3 v = semiMajorAxis.Normalized();
        if (Math.Abs(Point3.Dot(u, v)) > 1e-9)
        {
            throw new ArgumentException($"The semi-major axis {semiMajorAxis} is not perpendicular to the major axis {majorAxis}.", nameof(semiMajorAxis));
        }

        Point3 w = Point3.Cross(u, v);
        double beta = Math.Asin(Math.Clamp(-u.Z, -1, 1));
        double alpha;
        double theta;
        if (Math.Sqrt(u.X * u.X + u.Y * u.Y) > 1e-12)
        {
            alpha = Math.Atan2(u.Y, u.X);
            theta = Math.Atan2(v.Z, w.Z);
        }
        else
        {
            // Vertical major axis: azimuth and rake turn about the same line, so put all of it in the azimuth.
            theta = 0;
            alpha = Math.Atan2(-v.X, v.Y);
        }

        return FromGslib(NormalizeAzimuth(90 - RadiansToDegrees(alpha)), -RadiansToDegrees(beta), RadiansToDegrees(theta));
    }

    /// <summary>
    /// Builds the rotation of an ellipsoid lying in a plane given by its dip and dip direction, with its
    /// major axis at <paramref name="pitch"/> within the plane. The minor axis is the plane's normal.
    /// </summary>
    /// <param name="dip">Dip of the plane in degrees, 0 (horizontal) to 90 (vertical), positive downward.</param>
    /// <param name="dipDirection">Azimuth of the down-dip direction, degrees clockwise from north.</param>
    /// <param name="pitch">Angle in the plane from the strike direction (dip direction − 90°) towards the
    /// down-dip direction, in degrees (the rake or pitch of the major axis).</param>
    /// <exception cref="ArgumentOutOfRangeException">An angle is not finite, or the dip is outside [0, 90].</exception>
    public static Rotation FromDipDirection(double dip, double dipDirection, double pitch)
    {
        RequireFinite(dipDirection, nameof(dipDirection));
        RequireFinite(pitch, nameof(pitch));
        if (!(dip >= 0 && dip <= 90))
        {
            throw new ArgumentOutOfRangeException(nameof(dip), dip, "The dip of a plane must lie in [0, 90] degrees.");
        }

        PlaneFrame(dip, dipDirection, out Point3 strike, out Point3 downDip);
        (double sp, double cp) = Math.SinCos(DegreesToRadians(pitch));
        Point3 major = cp * strike + sp * downDip;
        Point3 normal = Point3.Cross(downDip, strike); // points up for dips below 90
        Point3 semi = Point3.Cross(normal, major);
        return FromAxes(major, semi);
    }

    /// <summary>
    /// The plane of the major and semi-major axes as dip, dip direction and the pitch of the major axis
    /// in that plane; the inverse of <see cref="FromDipDirection"/> up to the sign of the axes.
    /// </summary>
    public PlaneOrientation ToDipDirection()
    {
        Point3 normal = MinorAxis;
        if (normal.Z < 0)
        {
            normal = -normal;
        }

        double horizontal = Math.Sqrt(normal.X * normal.X + normal.Y * normal.Y);
        double dip = RadiansToDegrees(Math.Atan2(horizontal, normal.Z));
        double dipDirection = horizontal > 1e-12 ? NormalizeAzimuth(RadiansToDegrees(Math.Atan2(normal.X, normal.Y))) : 90;
        PlaneFrame(dip, dipDirection, out Point3 strike, out Point3 downDip);
        double pitch = RadiansToDegrees(Math.Atan2(Point3.Dot(MajorAxis, downDip), Point3.Dot(MajorAxis, strike)));
        if (pitch < 0)
        {
            pitch += 180; // an axis has no sign: keep the pitch in [0, 180)
        }

        if (pitch >= 180)
        {
            pitch -= 180;
        }

        return new PlaneOrientation(dip, dipDirection, pitch);
    }

    /// <summary>Components of a world displacement along the major, semi-major and minor axes.</summary>
    public Point3 ToAxes(Point3 displacement) => Matrix.Transform(displacement);

    /// <summary>The world displacement with the given components along the major, semi-major and minor axes.</summary>
    public Point3 FromAxesComponents(Point3 components) => Matrix.Transpose().Transform(components);

    /// <inheritdoc />
    public bool Equals(Rotation other) => Matrix.Equals(other.Matrix);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Rotation other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Matrix.GetHashCode();

    /// <summary>Equality of the rotation matrices.</summary>
    public static bool operator ==(Rotation left, Rotation right) => left.Equals(right);

    /// <summary>Inequality of the rotation matrices.</summary>
    public static bool operator !=(Rotation left, Rotation right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"Rotation(azimuth {Azimuth:0.###}°, dip {Dip:0.###}°, rake {Rake:0.###}°)");

    internal static double DegreesToRadians(double degrees) => degrees * (Math.PI / 180.0);

    internal static double RadiansToDegrees(double radians) => radians * (180.0 / Math.PI);

    /// <summary>Maps an azimuth to [0, 360).</summary>
    internal static double NormalizeAzimuth(double degrees)
    {
        double a = degrees % 360.0;
        if (a < 0)
        {
            a += 360.0;
        }

        return a >= 360.0 ? 0 : a;
    }

    private static void PlaneFrame(double dip, double dipDirection, out Point3 strike, out Point3 downDip)
    {
        (double sd, double cd) = Math.SinCos(DegreesToRadians(dip));
        (double sa, double ca) = Math.SinCos(DegreesToRadians(dipDirection));
        downDip = new Point3(sa * cd, ca * cd, -sd);
        strike = new Point3(-ca, sa, 0); // azimuth dipDirection − 90°
    }

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "The angle must be a finite number of degrees.");
        }
    }
}

/// <summary>The orientation of a plane and of a line within it, as geologists record it.</summary>
/// <param name="Dip">Dip of the plane in degrees, 0 (horizontal) to 90 (vertical).</param>
/// <param name="DipDirection">Azimuth of the down-dip direction in degrees, clockwise from north, in [0, 360).</param>
/// <param name="Pitch">Angle of the line in the plane from the strike (dip direction − 90°) towards down-dip, in [0, 180).</param>
public readonly record struct PlaneOrientation(double Dip, double DipDirection, double Pitch);
