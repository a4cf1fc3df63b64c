using DepositTwin.Geometry;

namespace DepositTwin.Drillholes;

/// <summary>How the path of a hole between survey stations is reconstructed.</summary>
public enum DesurveyMethod
{
    /// <summary>
    /// Minimum curvature (the default and the industry standard): a circular arc between stations, tangent to
    /// both station directions; Δ = L/2 (t₁ + t₂)·RF with the ratio factor RF = (2/β)·tan(β/2), 1 for straight
    /// segments. Points between stations lie on the arc.
    /// </summary>
    MinimumCurvature,

    /// <summary>Tangent: each segment is straight along the direction of its upper station.</summary>
    Tangent,

    /// <summary>Balanced tangent: half of each segment along the upper station's direction, half along the lower's.</summary>
    BalancedTangent,
}

/// <summary>The sign convention of dips in survey tables.</summary>
public enum DipConvention
{
    /// <summary>Negative dips point down (−90 is vertically down): the default, as GSLIB's ang2.</summary>
    NegativeDown,

    /// <summary>Positive dips point down (90 is vertically down), as many logging tools record them.</summary>
    PositiveDown,
}

/// <summary>One downhole survey reading.</summary>
/// <param name="Depth">Depth along the hole from the collar (m), ≥ 0.</param>
/// <param name="Azimuth">Azimuth of the hole, degrees clockwise from north.</param>
/// <param name="Dip">Dip of the hole in degrees, in the sign convention given to <see cref="HoleTrajectory"/>.</param>
public readonly record struct SurveyStation(double Depth, double Azimuth, double Dip);

/// <summary>
/// The 3D path of a drillhole from its collar and survey stations: coordinates for any depth along it.
/// </summary>
/// <remarks>
/// The first station's angles are extended up to the collar and the last station's down past the last
/// station (straight lines), so every depth ≥ 0 has a position. Azimuth is clockwise from north; the
/// direction of a station is (sin A cos I, cos A cos I, −sin I) with I the downward inclination.
/// </remarks>
public sealed class HoleTrajectory
{
    private const double StraightAngle = 1e-9; // dogleg (radians) below which a segment is straight: RF = 1
    private readonly double[] _depths;
    private readonly Point3[] _directions;
    private readonly Point3[] _positions;

    /// <summary>Builds the trajectory.</summary>
    /// <param name="collar">Collar coordinates (m).</param>
    /// <param name="stations">Survey stations, by increasing depth; at least one (a single station is a straight hole).</param>
    /// <param name="method">Desurvey method; minimum curvature by default.</param>
    /// <param name="dips">The dip sign convention of <paramref name="stations"/>; negative down by default.</param>
    /// <exception cref="ArgumentException">No stations, depths not increasing or negative, or non-finite angles.</exception>
    public HoleTrajectory(Point3 collar, IReadOnlyList<SurveyStation> stations, DesurveyMethod method = DesurveyMethod.MinimumCurvature,
        DipConvention dips = DipConvention.NegativeDown)
    {
        ArgumentNullException.ThrowIfNull(stations);
        if (!collar.IsFinite)
        {
            throw new ArgumentException($"The collar {collar} has a non-finite coordinate.", nameof(collar));
        }

        if (stations.Count == 0)
        {
            throw new ArgumentException("A trajectory needs at least one survey station.", nameof(stations));
        }

        Method = method;
        // A virtual station at the collar carries the first survey's angles up to the surface.
        int n = stations[0].Depth > 0 ? stations.Count + 1 : stations.Count;
        _depths = new double[n];
        _directions = new Point3[n];
        _positions = new Point3[n];
        int offset = n - stations.Count;
        for (int i = 0; i < stations.Count; i++)
        {
            SurveyStation s = stations[i];
            if (!double.IsFinite(s.Depth) || s.Depth < 0 || !double.IsFinite(s.Azimuth) || !double.IsFinite(s.Dip) || Math.Abs(s.Dip) > 90)
            {
                throw new ArgumentException($"Survey station {i} ({s}) needs a finite depth ≥ 0, a finite azimuth and a dip in [−90, 90].", nameof(stations));
            }

            if (i > 0 && !(s.Depth > stations[i - 1].Depth))
            {
                throw new ArgumentException($"Survey station {i} at {s.Depth} m is not deeper than station {i - 1} at {stations[i - 1].Depth} m.", nameof(stations));
            }

            _depths[i + offset] = s.Depth;
            _directions[i + offset] = Direction(s.Azimuth, dips == DipConvention.NegativeDown ? -s.Dip : s.Dip);
        }

        if (offset == 1)
        {
            _depths[0] = 0;
            _directions[0] = _directions[1];
        }

        _positions[0] = collar;
        for (int i = 1; i < n; i++)
        {
            _positions[i] = _positions[i - 1] + Step(i - 1, 1.0);
        }
    }

    /// <summary>The desurvey method.</summary>
    public DesurveyMethod Method { get; }

    /// <summary>The collar.</summary>
    public Point3 Collar => _positions[0];

    /// <summary>Unit direction of a hole with the given azimuth and downward inclination (degrees).</summary>
    public static Point3 Direction(double azimuth, double inclinationDown)
    {
        (double sa, double ca) = Math.SinCos(azimuth * Math.PI / 180);
        (double si, double ci) = Math.SinCos(inclinationDown * Math.PI / 180);
        return new Point3(sa * ci, ca * ci, -si);
    }

    /// <summary>Coordinates at a depth along the hole (m); beyond the last station the hole continues straight.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The depth is negative or not finite.</exception>
    public Point3 PointAt(double depth)
    {
        if (!(depth >= 0) || !double.IsFinite(depth))
        {
            throw new ArgumentOutOfRangeException(nameof(depth), depth, "The depth must be finite and ≥ 0.");
        }

        int i = Segment(depth);
        if (i == _depths.Length - 1)
        {
            return _positions[i] + (depth - _depths[i]) * _directions[i];
        }

        double length = _depths[i + 1] - _depths[i];
        return _positions[i] + Step(i, (depth - _depths[i]) / length);
    }

    /// <summary>The unit direction of the hole at a depth.</summary>
    public Point3 DirectionAt(double depth)
    {
        int i = Segment(Math.Max(0, depth));
        if (i == _depths.Length - 1)
        {
            return _directions[i];
        }

        double s = (depth - _depths[i]) / (_depths[i + 1] - _depths[i]);
        return Method switch
        {
            DesurveyMethod.Tangent => _directions[i],
            DesurveyMethod.BalancedTangent => s < 0.5 ? _directions[i] : _directions[i + 1],
            _ => Slerp(_directions[i], _directions[i + 1], s),
        };
    }

    private int Segment(double depth)
    {
        int i = Array.BinarySearch(_depths, depth);
        return i >= 0 ? i : Math.Max(0, ~i - 1);
    }

    /// <summary>The displacement from station i to the fraction <paramref name="s"/> of the segment towards station i + 1.</summary>
    private Point3 Step(int i, double s)
    {
        double length = _depths[i + 1] - _depths[i];
        Point3 t1 = _directions[i], t2 = _directions[i + 1];
        switch (Method)
        {
            case DesurveyMethod.Tangent:
                return s * length * t1;
            case DesurveyMethod.BalancedTangent:
                return s <= 0.5 ? s * length * t1 : 0.5 * length * t1 + (s - 0.5) * length * t2;
            default:
                double beta = Math.Acos(Math.Clamp(Point3.Dot(t1, t2), -1, 1));
                if (beta < StraightAngle)
                {
                    return s * length * t1;
                }

                // On the circular arc of radius R = L/β: R[sin(sβ) t₁ + (1 − cos(sβ)) n], n the unit normal towards the centre.
                double radius = length / beta;
                Point3 normal = (t2 - Math.Cos(beta) * t1) * (1 / Math.Sin(beta));
                return radius * (Math.Sin(s * beta) * t1 + (1 - Math.Cos(s * beta)) * normal);
        }
    }

    private static Point3 Slerp(Point3 t1, Point3 t2, double s)
    {
        double beta = Math.Acos(Math.Clamp(Point3.Dot(t1, t2), -1, 1));
        if (beta < StraightAngle)
        {
            return t1;
        }

        return (Math.Sin((1 - s) * beta) * t1 + Math.Sin(s * beta) * t2) * (1 / Math.Sin(beta));
    }
}
