using DepositTwin.Geometry;

namespace DepositTwin.Variography;

/// <summary>
/// A variogram model: a nugget effect plus any number of nested structures, each with its own sill,
/// practical ranges and GSLIB orientation. γ(h) = nugget·[h ≠ 0] + Σ γₛ(h); C(h) = C(0) − γ(h).
/// </summary>
/// <remarks>
/// <para>The nugget applies only at zero distance: a lag is zero when its squared Euclidean length is
/// below <see cref="ZeroDistanceSquared"/> (1e−20 m², i.e. 1e−10 m). So C(0) = nugget + Σ sills, and for
/// any other lag C(h) = Σ cₛ ρₛ(h).</para>
/// <para>Block averages follow GSLIB and gstat: the point-to-block covariance is the mean of point
/// covariances to the discretisation points; the block-to-block covariance C̄_bb is the mean over all
/// pairs of discretisation points with the nugget left out (also of the i = j terms).</para>
/// </remarks>
public sealed class VariogramModel
{
    /// <summary>Squared distance (m²) below which two points are at zero lag and the nugget applies.</summary>
    public const double ZeroDistanceSquared = 1e-20;

    /// <summary>
    /// GSLIB's pseudo-covariance constant for power structures (PMX in cova3): C = 999 − γ. Ordinary
    /// kriging weights do not depend on it.
    /// </summary>
    public const double PowerModelConstant = 999.0;

    private readonly VariogramStructure[] _structures;

    /// <summary>Creates a model.</summary>
    /// <param name="nugget">The nugget effect, ≥ 0.</param>
    /// <param name="structures">The nested structures (may be empty for a pure nugget).</param>
    /// <exception cref="ArgumentOutOfRangeException">The nugget is negative or not finite, or the model is zero everywhere.</exception>
    public VariogramModel(double nugget, params IEnumerable<VariogramStructure> structures)
    {
        ArgumentNullException.ThrowIfNull(structures);
        if (!(nugget >= 0) || !double.IsFinite(nugget))
        {
            throw new ArgumentOutOfRangeException(nameof(nugget), nugget, "The nugget must be finite and ≥ 0.");
        }

        _structures = structures.ToArray();
        if (nugget == 0 && _structures.Length == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(structures), "A variogram model needs a positive nugget or at least one structure.");
        }

        Nugget = nugget;
    }

    /// <summary>The nugget effect.</summary>
    public double Nugget { get; }

    /// <summary>The nested structures.</summary>
    public IReadOnlyList<VariogramStructure> Structures => _structures;

    /// <summary>True when every structure has a sill (no power structure): the model has a covariance.</summary>
    public bool HasSill => _structures.All(s => s.HasSill);

    /// <summary>C(0): nugget plus the structures' sills (power structures count <see cref="PowerModelConstant"/>).</summary>
    public double TotalSill => Nugget + _structures.Sum(s => s.HasSill ? s.Sill : PowerModelConstant);

    /// <summary>True when the two points are at zero lag (the nugget applies).</summary>
    public static bool IsZeroLag(Point3 a, Point3 b)
    {
        Point3 d = b - a;
        return Point3.Dot(d, d) < ZeroDistanceSquared;
    }

    /// <summary>γ between two points.</summary>
    public double Gamma(Point3 a, Point3 b)
    {
        if (IsZeroLag(a, b))
        {
            return 0;
        }

        double gamma = Nugget;
        foreach (VariogramStructure s in _structures)
        {
            gamma += s.Gamma(a, b);
        }

        return gamma;
    }

    /// <summary>γ for a lag vector.</summary>
    public double Gamma(Point3 lag) => Gamma(Point3.Zero, lag);

    /// <summary>The covariance C between two points, nugget included at zero lag.</summary>
    public double Covariance(Point3 a, Point3 b) =>
        IsZeroLag(a, b) ? TotalSill : CovarianceWithoutNugget(a, b);

    /// <summary>The covariance for a lag vector.</summary>
    public double Covariance(Point3 lag) => Covariance(Point3.Zero, lag);

    /// <summary>The covariance of the structures alone (the nugget never enters).</summary>
    public double CovarianceWithoutNugget(Point3 a, Point3 b)
    {
        double c = 0;
        foreach (VariogramStructure s in _structures)
        {
            c += s.HasSill
                ? s.Sill * VariogramStructure.Correlation(s.Type, s.NormalizedLag(a, b))
                : PowerModelConstant - s.Gamma(a, b);
        }

        return c;
    }

    /// <summary>
    /// Point-to-block covariance: the mean covariance between a point and the block's discretisation points. A block
    /// of several points carries no nugget, even where the point sits on one of them (GSLIB's kt3d, gstat); a
    /// single point is point support, and meets a point at zero lag with the nugget.
    /// </summary>
    public double AverageCovariance(Point3 point, ReadOnlySpan<Point3> blockPoints)
    {
        RequirePoints(blockPoints);
        if (blockPoints.Length == 1)
        {
            return Covariance(point, blockPoints[0]);
        }

        double sum = 0;
        foreach (Point3 p in blockPoints)
        {
            sum += CovarianceWithoutNugget(point, p);
        }

        return sum / blockPoints.Length;
    }

    /// <summary>
    /// Block-to-block covariance C̄_bb: the mean covariance over all pairs of discretisation points, the
    /// nugget left out (GSLIB, gstat).
    /// </summary>
    public double AverageBlockCovariance(ReadOnlySpan<Point3> blockPoints)
    {
        RequirePoints(blockPoints);
        double sum = 0;
        foreach (Point3 p in blockPoints)
        {
            foreach (Point3 q in blockPoints)
            {
                sum += CovarianceWithoutNugget(p, q);
            }
        }

        return sum / ((double)blockPoints.Length * blockPoints.Length);
    }

    /// <summary>
    /// The model's γ at <paramref name="count"/> + 1 evenly spaced distances from 0 to <paramref name="maxDistance"/>
    /// along <paramref name="direction"/> (a unit vector): the curve to draw over an experimental variogram.
    /// </summary>
    public (double Distance, double Gamma)[] Curve(Point3 direction, double maxDistance, int count = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Point3 u = direction.Normalized();
        return Enumerable.Range(0, count + 1).Select(i =>
        {
            double h = maxDistance * i / count;
            return (h, Gamma(h * u));
        }).ToArray();
    }

    /// <summary>A model with the same structures scaled so that the total sill is <paramref name="totalSill"/>.</summary>
    public VariogramModel Rescaled(double totalSill)
    {
        if (!HasSill)
        {
            throw new InvalidOperationException("A model with a power structure has no sill to rescale.");
        }

        double f = totalSill / TotalSill;
        return new VariogramModel(Nugget * f, _structures.Select(s =>
            s.With(s.Sill * f, s.Anisotropy.Major, s.Anisotropy.SemiMajor, s.Anisotropy.Minor)));
    }

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"nugget {Nugget:G6}") + string.Concat(_structures.Select(s => " + " + s));

    private static void RequirePoints(ReadOnlySpan<Point3> blockPoints)
    {
        if (blockPoints.IsEmpty)
        {
            throw new ArgumentException("A block needs at least one discretisation point.", nameof(blockPoints));
        }
    }
}
