namespace DepositTwin.Estimation;

/// <summary>Everything the estimation says about one block (or point).</summary>
/// <param name="Estimate">The estimated grade; NaN when no pass found enough samples.</param>
/// <param name="Variance">Kriging variance σ²_K in grade² (NaN for inverse distance and nearest neighbour).</param>
/// <param name="Samples">Number of samples used.</param>
/// <param name="Holes">Number of distinct drillholes among them.</param>
/// <param name="NearestDistance">Euclidean distance from the block centre to the nearest sample used (m).</param>
/// <param name="AverageDistance">Mean Euclidean distance from the block centre to the samples used (m).</param>
/// <param name="SumOfWeights">Σλ (1 for ordinary kriging and inverse distance).</param>
/// <param name="SumOfNegativeWeights">Σ min(λ, 0).</param>
/// <param name="Lagrange">μ of ordinary kriging, defined by Cλ + μ1 = c̄ (0 for simple kriging, NaN otherwise).</param>
/// <param name="SlopeOfRegression">Cov(Z_v, Z*) / Var(Z*) = λᵀc̄ / (λᵀc̄ − μ) (1 for simple kriging).</param>
/// <param name="KrigingEfficiency">(C̄_vv − σ²_K) / C̄_vv.</param>
/// <param name="Pass">The pass (1-based) that estimated the block; 0 when none did.</param>
/// <param name="SamplesDropped">Samples dropped from the system because they coincided with one already in it.</param>
public readonly record struct BlockEstimate(
    double Estimate, double Variance, int Samples, int Holes, double NearestDistance, double AverageDistance,
    double SumOfWeights, double SumOfNegativeWeights, double Lagrange, double SlopeOfRegression, double KrigingEfficiency,
    int Pass, int SamplesDropped)
{
    /// <summary>The result for a block that no pass could estimate.</summary>
    public static BlockEstimate Missing { get; } = new(double.NaN, double.NaN, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0, 0);

    /// <summary>True when the block was estimated.</summary>
    public bool IsEstimated => Pass > 0;
}
