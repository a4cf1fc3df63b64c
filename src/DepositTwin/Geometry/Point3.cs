namespace DepositTwin.Geometry;

/// <summary>
/// A point or a displacement in 3D, in double precision. Coordinates are metres: X east, Y north,
/// Z elevation (up), a right-handed frame.
/// </summary>
/// <param name="X">Easting (m).</param>
/// <param name="Y">Northing (m).</param>
/// <param name="Z">Elevation (m), positive up.</param>
public readonly record struct Point3(double X, double Y, double Z)
{
    /// <summary>The origin (0, 0, 0).</summary>
    public static Point3 Zero => default;

    /// <summary>Component-wise sum.</summary>
    public static Point3 operator +(Point3 a, Point3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    /// <summary>Component-wise difference: the displacement from <paramref name="b"/> to <paramref name="a"/>.</summary>
    public static Point3 operator -(Point3 a, Point3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    /// <summary>Negation.</summary>
    public static Point3 operator -(Point3 a) => new(-a.X, -a.Y, -a.Z);

    /// <summary>Scaling by a scalar.</summary>
    public static Point3 operator *(double s, Point3 a) => new(s * a.X, s * a.Y, s * a.Z);

    /// <summary>Scaling by a scalar.</summary>
    public static Point3 operator *(Point3 a, double s) => new(s * a.X, s * a.Y, s * a.Z);

    /// <summary>Dot product.</summary>
    public static double Dot(Point3 a, Point3 b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;

    /// <summary>Cross product (right-handed).</summary>
    public static Point3 Cross(Point3 a, Point3 b) =>
        new(a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X);

    /// <summary>Euclidean length of the vector from the origin.</summary>
    public double Length => Math.Sqrt(X * X + Y * Y + Z * Z);

    /// <summary>Euclidean distance to another point.</summary>
    public double DistanceTo(Point3 other) => (other - this).Length;

    /// <summary>The unit vector in the same direction.</summary>
    /// <exception cref="InvalidOperationException">The vector has zero length.</exception>
    public Point3 Normalized()
    {
        double length = Length;
        if (length == 0 || !double.IsFinite(length))
        {
            throw new InvalidOperationException($"Cannot normalise the vector {this}: its length is {length}.");
        }

        return this * (1.0 / length);
    }

    /// <summary>True when every coordinate is finite (no NaN or infinity).</summary>
    public bool IsFinite => double.IsFinite(X) && double.IsFinite(Y) && double.IsFinite(Z);
}
