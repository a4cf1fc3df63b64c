namespace DepositTwin.Variography;

/// <summary>
/// The shape of a nested variogram structure. Ranges are <b>practical</b> ranges a (GSLIB and mining
/// convention); r = h / a is the anisotropic lag in units of the range.
/// </summary>
public enum StructureType
{
    /// <summary>Spherical: γ = c(1.5r − 0.5r³) for r &lt; 1, c beyond; reaches the sill at a.</summary>
    Spherical,

    /// <summary>
    /// Exponential: γ = c(1 − exp(−3r)); reaches 95 % of the sill at a. gstat and GSTools use a scale
    /// parameter instead: a = 3 × scale (see <see cref="VariogramStructure.FromScale"/>).
    /// </summary>
    Exponential,

    /// <summary>
    /// Gaussian: γ = c(1 − exp(−3r²)); reaches 95 % of the sill at a. gstat's scale: a = √3 × scale.
    /// </summary>
    Gaussian,

    /// <summary>Cubic: γ = c(7r² − 8.75r³ + 3.5r⁵ − 0.75r⁷) for r &lt; 1, c beyond (GSLIB, gstat "Cub").</summary>
    Cubic,

    /// <summary>
    /// Power (intrinsic, no sill): γ = c·r^ω with r = h / a and 0 &lt; ω &lt; 2. Its covariance is the
    /// GSLIB pseudo-covariance <see cref="VariogramModel.PowerModelConstant"/> − γ, valid for ordinary
    /// kriging (whose weights do not depend on the constant), not for simple kriging.
    /// </summary>
    Power,
}
