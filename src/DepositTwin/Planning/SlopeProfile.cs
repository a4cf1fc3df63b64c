using System.Globalization;

namespace DepositTwin.Planning;

/// <summary>
/// Overall slope angles of a pit wall by azimuth: constant, or given at azimuths and interpolated linearly
/// (around the circle) between them, as the geotechnical sectors of a pit are.
/// </summary>
/// <remarks>The azimuth is the direction from a block to the blocks above it that it needs, clockwise from north.</remarks>
public sealed class SlopeProfile
{
    private readonly double[] _azimuths;
    private readonly double[] _slopes;

    private SlopeProfile(double[] azimuths, double[] slopes)
    {
        _azimuths = azimuths;
        _slopes = slopes;
    }

    /// <summary>One overall slope angle (degrees from horizontal, in (0, 90)) in every direction.</summary>
    public static SlopeProfile Constant(double slopeDegrees) => BySector([(0, slopeDegrees)]);

    /// <summary>Slope angles at given azimuths (degrees), interpolated linearly between them around the circle.</summary>
    /// <exception cref="ArgumentException">No sectors, a slope outside (0, 90), or an azimuth repeated.</exception>
    public static SlopeProfile BySector(IReadOnlyList<(double Azimuth, double Slope)> sectors)
    {
        ArgumentNullException.ThrowIfNull(sectors);
        if (sectors.Count == 0)
        {
            throw new ArgumentException("A slope profile needs at least one (azimuth, slope) pair.", nameof(sectors));
        }

        var sorted = sectors.Select(s => (Azimuth: ((s.Azimuth % 360) + 360) % 360, s.Slope)).OrderBy(s => s.Azimuth).ToArray();
        for (int i = 0; i < sorted.Length; i++)
        {
            if (!(sorted[i].Slope > 0 && sorted[i].Slope < 90))
            {
                throw new ArgumentOutOfRangeException(nameof(sectors), sorted[i].Slope, "Slope angles must lie in (0°, 90°).");
            }

            if (i > 0 && sorted[i].Azimuth == sorted[i - 1].Azimuth)
            {
                throw new ArgumentException($"Azimuth {sorted[i].Azimuth}° is given twice.", nameof(sectors));
            }
        }

        return new SlopeProfile(sorted.Select(s => s.Azimuth).ToArray(), sorted.Select(s => s.Slope).ToArray());
    }

    /// <summary>The smallest slope angle (degrees): it sets how far a pattern must reach.</summary>
    public double MinimumSlope => _slopes.Min();

    /// <summary>The slope angle (degrees) at an azimuth.</summary>
    public double SlopeAt(double azimuth)
    {
        if (_slopes.Length == 1)
        {
            return _slopes[0];
        }

        azimuth = ((azimuth % 360) + 360) % 360;
        int right = Array.FindIndex(_azimuths, a => a >= azimuth);
        int left = right <= 0 ? _azimuths.Length - 1 : right - 1;
        right = right < 0 ? 0 : right;
        double span = ((_azimuths[right] - _azimuths[left]) % 360 + 360) % 360;
        double along = ((azimuth - _azimuths[left]) % 360 + 360) % 360;
        double f = span == 0 ? 0 : along / span;
        return _slopes[left] + f * (_slopes[right] - _slopes[left]);
    }

    /// <summary>
    /// True when the block at offset (dx, dy, dz) metres above another lies inside the cone of the slope, so
    /// that mining the lower block needs it: straight above, or at an elevation angle ≥ the slope at its azimuth
    /// (a tolerance of 1e−9° keeps blocks exactly on the slope inside).
    /// </summary>
    public bool Within(double dx, double dy, double dz)
    {
        double horizontal = Math.Sqrt(dx * dx + dy * dy);
        if (horizontal == 0)
        {
            return true;
        }

        double elevation = Math.Atan(Math.Abs(dz) / horizontal) * 180 / Math.PI;
        double azimuth = Math.Atan2(dx, dy) * 180 / Math.PI;
        return elevation >= SlopeAt(azimuth) - 1e-9;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _azimuths.Zip(_slopes, (a, s) => string.Create(CultureInfo.InvariantCulture, $"{s}° at {a}°")));
}
