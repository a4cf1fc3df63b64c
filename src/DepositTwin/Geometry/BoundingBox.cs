namespace DepositTwin.Geometry;

/// <summary>An axis-aligned box in world coordinates, closed on every side.</summary>
/// <param name="Min">The corner with the smallest coordinates.</param>
/// <param name="Max">The corner with the largest coordinates.</param>
public readonly record struct BoundingBox(Point3 Min, Point3 Max)
{
    /// <summary>True when the point lies inside or on the box.</summary>
    public bool Contains(Point3 p) =>
        p.X >= Min.X && p.X <= Max.X && p.Y >= Min.Y && p.Y <= Max.Y && p.Z >= Min.Z && p.Z <= Max.Z;

    /// <summary>The smallest box holding all the given points.</summary>
    /// <exception cref="ArgumentException">No points were given.</exception>
    public static BoundingBox Of(ReadOnlySpan<Point3> points)
    {
        if (points.IsEmpty)
        {
            throw new ArgumentException("A bounding box needs at least one point.", nameof(points));
        }

        Point3 min = points[0];
        Point3 max = points[0];
        foreach (Point3 p in points[1..])
        {
            min = new Point3(Math.Min(min.X, p.X), Math.Min(min.Y, p.Y), Math.Min(min.Z, p.Z));
            max = new Point3(Math.Max(max.X, p.X), Math.Max(max.Y, p.Y), Math.Max(max.Z, p.Z));
        }

        return new BoundingBox(min, max);
    }
}
