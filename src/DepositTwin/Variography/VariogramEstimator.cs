namespace DepositTwin.Variography;

/// <summary>What an experimental variogram computes from the pairs of each lag class.</summary>
public enum VariogramEstimator
{
    /// <summary>The classical (Matheron) semivariogram: γ = Σ w (zᵢ − zⱼ)² / (2 Σ w).</summary>
    Semivariogram,

    /// <summary>
    /// The (non-ergodic) covariance: C = Σ w zᵢzⱼ / Σ w − m², with m the mean of the values in the class's
    /// pairs (each pair counted in both directions, so head and tail means agree).
    /// </summary>
    Covariance,

    /// <summary>
    /// The correlogram, reported as 1 − ρ (as GSLIB gamv does) so that it rises like a variogram to 1;
    /// ρ = C / σ², with σ² the variance of the values in the class's pairs.
    /// </summary>
    Correlogram,

    /// <summary>
    /// The pairwise-relative variogram for skewed grades: γ = Σ w [(zᵢ − zⱼ) / ((zᵢ + zⱼ)/2)]² / (2 Σ w); pairs
    /// with zᵢ + zⱼ ≤ 0 are left out and counted.
    /// </summary>
    PairwiseRelative,
}
