using DepositTwin.Geometry;

namespace DepositTwin.Search;

/// <summary>How samples are ranked when more are in the ellipsoid than may be used.</summary>
public enum SearchMetric
{
    /// <summary>By anisotropic distance in the search ellipsoid (GSLIB, Datamine, Vulcan).</summary>
    Anisotropic,

    /// <summary>By plain Euclidean distance (gstat's nmax).</summary>
    Euclidean,
}

/// <summary>The frame whose eight octants around the target <see cref="SearchNeighbourhood.MaxPerOctant"/> and <see cref="SearchNeighbourhood.MinInformedOctants"/> count in.</summary>
public enum OctantFrame
{
    /// <summary>
    /// GSLIB's octants (kt3d, sgsim: <c>srchsupr</c>): the data's own axes through the target, whatever the
    /// ellipsoid's rotation. Above (dz ≥ 0) or below (dz &lt; 0) the target, then the quadrant in plan with
    /// GSLIB's ties: dx ≤ 0 and dy &gt; 0; dx &gt; 0 and dy ≥ 0; dx &lt; 0 and dy ≤ 0; else (dx ≥ 0 and dy &lt; 0,
    /// or the target's own column).
    /// </summary>
    DataAxes,

    /// <summary>The search ellipsoid's own axes (major, semi-major, minor), split at zero along each (a sample on an axis plane goes to the positive side), as Datamine, Vulcan and Leapfrog Edge orient them.</summary>
    SearchEllipsoid,
}

/// <summary>
/// The rules that choose the samples used for one block in one pass: a search ellipsoid, the minimum
/// and maximum number of samples, and optional octant and per-drillhole limits.
/// </summary>
/// <remarks>
/// Samples inside the ellipsoid (anisotropic distance ≤ its major range) are taken nearest first by
/// <see cref="Metric"/>, ties by sample index, skipping any that would exceed <see cref="MaxPerOctant"/>
/// or <see cref="MaxPerHole"/>. Octants are GSLIB's, of the data's axes, unless <see cref="Octants"/> says
/// the search ellipsoid's. A block is estimated in this pass only if at least <see cref="MinSamples"/> samples and
/// <see cref="MinInformedOctants"/> octants are found.
/// </remarks>
public sealed record SearchNeighbourhood
{
    /// <summary>Creates a neighbourhood.</summary>
    /// <param name="ellipsoid">The search ellipsoid (ranges and GSLIB angles).</param>
    /// <param name="minSamples">Fewest samples to estimate (≥ 1).</param>
    /// <param name="maxSamples">Most samples used (≥ minSamples, ≤ 4096).</param>
    public SearchNeighbourhood(Ellipsoid ellipsoid, int minSamples, int maxSamples)
    {
        if (ellipsoid.Major == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ellipsoid), "The search ellipsoid is uninitialised: give it positive ranges.");
        }

        if (minSamples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minSamples), minSamples, "At least one sample is needed.");
        }

        if (maxSamples < minSamples || maxSamples > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSamples), maxSamples, $"The maximum must lie in [{minSamples} (the minimum), 4096].");
        }

        Ellipsoid = ellipsoid;
        MinSamples = minSamples;
        MaxSamples = maxSamples;
    }

    /// <summary>A neighbourhood that takes the <paramref name="maxSamples"/> Euclidean-nearest samples at any distance (gstat's nmax).</summary>
    public static SearchNeighbourhood Nearest(int maxSamples, int minSamples = 1) =>
        new(Ellipsoid.Isotropic(1e12), minSamples, maxSamples) { Metric = SearchMetric.Euclidean };

    /// <summary>The search ellipsoid.</summary>
    public Ellipsoid Ellipsoid { get; }

    /// <summary>Fewest samples to estimate a block in this pass.</summary>
    public int MinSamples { get; }

    /// <summary>Most samples used.</summary>
    public int MaxSamples { get; }

    /// <summary>Most samples per octant (of <see cref="Octants"/>); 0 for no limit.</summary>
    public int MaxPerOctant { get; init; }

    /// <summary>The octants' frame: GSLIB's data axes by default.</summary>
    public OctantFrame Octants { get; init; } = OctantFrame.DataAxes;

    /// <summary>Fewest octants holding a sample for the block to be estimated; 0 for no rule.</summary>
    public int MinInformedOctants { get; init; }

    /// <summary>Most samples from one drillhole; 0 for no limit.</summary>
    public int MaxPerHole { get; init; }

    /// <summary>How samples are ranked.</summary>
    public SearchMetric Metric { get; init; } = SearchMetric.Anisotropic;
}
