using DepositTwin.Geometry;
using DepositTwin.Search;
using DepositTwin.Variography;

namespace DepositTwin.Estimation;

/// <summary>The estimator applied to each block's neighbourhood.</summary>
public enum EstimationMethod
{
    /// <summary>The value of the nearest sample (by the search metric; ties by sample index).</summary>
    NearestNeighbour,

    /// <summary>Inverse distance to a power; a sample at the target (within 1e−10 m) is returned as is.</summary>
    InverseDistance,

    /// <summary>Simple kriging with a known, constant mean.</summary>
    SimpleKriging,

    /// <summary>Ordinary kriging: weights sum to one, the mean is unknown.</summary>
    OrdinaryKriging,
}

/// <summary>
/// What to estimate and how: the estimator, its parameters, the block discretisation and one or more
/// search passes. Each block is estimated by the first pass whose neighbourhood satisfies its rules.
/// </summary>
public sealed record EstimationPlan
{
    /// <summary>Creates a plan.</summary>
    /// <param name="method">The estimator.</param>
    /// <param name="passes">Search passes in order (usually growing ellipsoids); at least one.</param>
    public EstimationPlan(EstimationMethod method, params IReadOnlyList<SearchNeighbourhood> passes)
    {
        ArgumentNullException.ThrowIfNull(passes);
        if (passes.Count == 0)
        {
            throw new ArgumentException("A plan needs at least one search pass.", nameof(passes));
        }

        Method = method;
        Passes = passes.ToArray();
    }

    /// <summary>The estimator.</summary>
    public EstimationMethod Method { get; }

    /// <summary>The search passes, in order.</summary>
    public IReadOnlyList<SearchNeighbourhood> Passes { get; }

    /// <summary>The variogram model (kriging only).</summary>
    public VariogramModel? Variogram { get; init; }

    /// <summary>The known mean (simple kriging only).</summary>
    public double? Mean { get; init; }

    /// <summary>The power of inverse distance weighting (&gt; 0); 2 by default.</summary>
    public double Power { get; init; } = 2;

    /// <summary>
    /// Inverse distance on anisotropic distances (in the pass's search ellipsoid) instead of Euclidean ones.
    /// </summary>
    public bool AnisotropicInverseDistance { get; init; }

    /// <summary>
    /// Points per block for block kriging; <see cref="BlockDiscretisation.Point"/> (the default) is point
    /// kriging at the centroid. Inverse distance and nearest neighbour always use the centroid.
    /// </summary>
    public BlockDiscretisation Discretisation { get; init; } = BlockDiscretisation.Point;

    /// <summary>
    /// The instruction width of the kernels; <see cref="KernelPath.Auto"/> (the default) takes the widest
    /// the machine accelerates, or the DEPOSITTWIN_KERNEL_PATH environment variable when set. Paths agree
    /// to about 1e−12 relative; a given path gives bit-identical results run to run.
    /// </summary>
    public KernelPath KernelPath { get; init; } = KernelPath.Auto;

    /// <summary>Most threads; −1 for all. Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Throws when the plan's parts do not fit together.</summary>
    /// <exception cref="ArgumentException">A parameter is missing or outside its allowed range.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Method))
        {
            throw new ArgumentException($"Unknown estimation method {Method}.");
        }

        bool kriging = Method is EstimationMethod.SimpleKriging or EstimationMethod.OrdinaryKriging;
        if (kriging && Variogram is null)
        {
            throw new ArgumentException($"{Method} needs a variogram model (Variogram).");
        }

        if (Method == EstimationMethod.SimpleKriging)
        {
            if (Mean is not double m || !double.IsFinite(m))
            {
                throw new ArgumentException("Simple kriging needs a finite known mean (Mean).");
            }

            if (!Variogram!.HasSill)
            {
                throw new ArgumentException("Simple kriging needs a model with a sill; a power structure has none.");
            }
        }

        if (Method == EstimationMethod.InverseDistance && !(Power > 0 && double.IsFinite(Power)))
        {
            throw new ArgumentException($"The inverse distance power must be finite and positive; it is {Power}.");
        }
    }
}
