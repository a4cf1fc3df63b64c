using DepositTwin.Geometry;

namespace DepositTwin.Variography;

/// <summary>
/// One nested structure of a variogram model: a shape, a sill contribution and an anisotropy
/// ellipsoid whose major, semi-major and minor radii are the practical ranges along its axes, oriented
/// by GSLIB angles.
/// </summary>
/// <remarks>
/// The structure is evaluated at r = |T·(b − a)| / a_major, with T the ellipsoid's GSLIB transform
/// (<see cref="Ellipsoid.Transform"/>). Sources: Deutsch &amp; Journel (1998) GSLIB, 2nd ed., §II.3
/// and cova3; Chilès &amp; Delfiner (2012) Geostatistics, §2.5.
/// </remarks>
public sealed class VariogramStructure
{
    /// <summary>Creates a structure.</summary>
    /// <param name="type">The shape.</param>
    /// <param name="sill">The sill contribution c (the slope coefficient for <see cref="StructureType.Power"/>); finite and positive.</param>
    /// <param name="anisotropy">Ranges (practical) and orientation.</param>
    /// <param name="exponent">The power ω in (0, 2), for <see cref="StructureType.Power"/> only.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its allowed range.</exception>
    public VariogramStructure(StructureType type, double sill, Ellipsoid anisotropy, double exponent = 1)
    {
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown structure type.");
        }

        if (!(sill > 0) || !double.IsFinite(sill))
        {
            throw new ArgumentOutOfRangeException(nameof(sill), sill, "A structure's sill must be finite and positive.");
        }

        if (anisotropy.Major == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(anisotropy), "The anisotropy ellipsoid is uninitialised: give it positive ranges.");
        }

        if (type == StructureType.Power && !(exponent > 0 && exponent < 2))
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "The power model's exponent must lie in (0, 2).");
        }

        Type = type;
        Sill = sill;
        Anisotropy = anisotropy;
        Exponent = type == StructureType.Power ? exponent : 1;
    }

    /// <summary>An isotropic structure with practical range <paramref name="range"/>.</summary>
    public static VariogramStructure Isotropic(StructureType type, double sill, double range) =>
        new(type, sill, Ellipsoid.Isotropic(range));

    /// <summary>
    /// An isotropic structure from a scale parameter as gstat, GSTools and PyKrige define it:
    /// exponential exp(−h/s) → a = 3s; gaussian exp(−(h/s)²) → a = √3·s; spherical and cubic: a = s.
    /// </summary>
    public static VariogramStructure FromScale(StructureType type, double sill, double scale) =>
        Isotropic(type, sill, scale * ScaleToRange(type));

    /// <summary>The factor from a scale parameter to our practical range: 3 (exponential), √3 (gaussian), else 1.</summary>
    public static double ScaleToRange(StructureType type) => type switch
    {
        StructureType.Exponential => 3.0,
        StructureType.Gaussian => Math.Sqrt(3.0),
        _ => 1.0,
    };

    /// <summary>The shape.</summary>
    public StructureType Type { get; }

    /// <summary>The sill contribution c (for the power model, the value of γ at r = 1).</summary>
    public double Sill { get; }

    /// <summary>Practical ranges and orientation.</summary>
    public Ellipsoid Anisotropy { get; }

    /// <summary>The exponent ω of a power structure (1 for the others).</summary>
    public double Exponent { get; }

    /// <summary>True for shapes with a finite sill (all but <see cref="StructureType.Power"/>).</summary>
    public bool HasSill => Type != StructureType.Power;

    /// <summary>The normalised lag r = |T·(b − a)| / a_major.</summary>
    public double NormalizedLag(Point3 a, Point3 b) => Anisotropy.AnisotropicDistance(a, b) / Anisotropy.Major;

    /// <summary>γ of this structure at normalised lag r (≥ 0).</summary>
    public double Gamma(double r) => HasSill ? Sill * (1 - Correlation(Type, r)) : Sill * Math.Pow(r, Exponent);

    /// <summary>γ of this structure between two points.</summary>
    public double Gamma(Point3 a, Point3 b) => Gamma(NormalizedLag(a, b));

    /// <summary>The correlation function ρ(r) of a shape with a sill: γ = c(1 − ρ), C = cρ.</summary>
    public static double Correlation(StructureType type, double r)
    {
        switch (type)
        {
            case StructureType.Spherical:
                return r >= 1 ? 0 : 1 - r * (1.5 - 0.5 * r * r);
            case StructureType.Exponential:
                return Math.Exp(-3 * r);
            case StructureType.Gaussian:
                return Math.Exp(-3 * r * r);
            case StructureType.Cubic:
                if (r >= 1)
                {
                    return 0;
                }

                double r2 = r * r;
                return 1 - r2 * (7 - r * (8.75 - r2 * (3.5 - 0.75 * r2)));
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "This shape has no sill and no correlation function.");
        }
    }

    /// <summary>A copy with another sill and ranges (same shape, orientation and exponent).</summary>
    public VariogramStructure With(double sill, double major, double semiMajor, double minor) =>
        new(Type, sill, new Ellipsoid(Anisotropy.Rotation, major, semiMajor, minor), Exponent);

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"{Type} c={Sill:G6} ranges {Anisotropy.Major:G6}/{Anisotropy.SemiMajor:G6}/{Anisotropy.Minor:G6} at ({Anisotropy.Rotation.Azimuth:G4}, {Anisotropy.Rotation.Dip:G4}, {Anisotropy.Rotation.Rake:G4})")
        + (Type == StructureType.Power ? FormattableString.Invariant($" ω={Exponent:G4}") : "");
}
