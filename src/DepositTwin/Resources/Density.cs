using DepositTwin.BlockModels;

namespace DepositTwin.Resources;

/// <summary>Dry bulk density of blocks (t/m³): constant, per domain, from an attribute, or a regression on a grade.</summary>
public abstract class DensityModel
{
    private protected DensityModel()
    {
    }

    /// <summary>One density for every block.</summary>
    public static DensityModel Constant(double density) => new ConstantDensity(Check(density, nameof(density)));

    /// <summary>A density per domain code; blocks of other codes get <paramref name="otherwise"/> (NaN: no tonnage, counted as missing).</summary>
    public static DensityModel PerDomain(string domainAttribute, IReadOnlyDictionary<int, double> densities, double otherwise = double.NaN)
    {
        ArgumentException.ThrowIfNullOrEmpty(domainAttribute);
        ArgumentNullException.ThrowIfNull(densities);
        foreach ((int code, double d) in densities)
        {
            Check(d, $"densities[{code}]");
        }

        return new DomainDensity(domainAttribute, new Dictionary<int, double>(densities), otherwise);
    }

    /// <summary>The density already in a block attribute (e.g. estimated from density samples).</summary>
    public static DensityModel FromAttribute(string attribute)
    {
        ArgumentException.ThrowIfNullOrEmpty(attribute);
        return new AttributeDensity(attribute);
    }

    /// <summary>
    /// A linear regression on a grade, ρ = intercept + slope × grade (e.g. bauxite density from Al₂O₃),
    /// clamped to [minimum, maximum]; blocks with a missing grade get NaN.
    /// </summary>
    public static DensityModel Regression(string gradeAttribute, double intercept, double slope, double minimum = 0.5, double maximum = 6)
    {
        ArgumentException.ThrowIfNullOrEmpty(gradeAttribute);
        if (!double.IsFinite(intercept) || !double.IsFinite(slope) || !(minimum > 0) || !(maximum >= minimum))
        {
            throw new ArgumentOutOfRangeException(nameof(intercept), "Intercept and slope must be finite and 0 < minimum ≤ maximum.");
        }

        return new RegressionDensity(gradeAttribute, intercept, slope, minimum, maximum);
    }

    /// <summary>The density of each block (NaN where unknown) as a function of the row.</summary>
    internal abstract Func<int, double> Bind(BlockModel model);

    /// <summary>
    /// Writes each block's tonnes = block volume × proportion inside the domain × density, and the density itself.
    /// </summary>
    /// <param name="model">The block model.</param>
    /// <param name="tonnes">The tonnes attribute to write (created when absent).</param>
    /// <param name="proportion">An attribute with the fraction of each block inside the domain (e.g. from
    /// <c>DomainModel.Proportions</c>); null for whole blocks.</param>
    /// <param name="density">The density attribute to write; null to write none.</param>
    /// <returns>Blocks whose tonnes are missing (unknown density or proportion).</returns>
    public int WriteTonnes(BlockModel model, string tonnes = "tonnes", string? proportion = null, string? density = "density")
    {
        ArgumentNullException.ThrowIfNull(model);
        Func<int, double> rho = Bind(model);
        DoubleAttribute? fraction = proportion is null ? null : model.GetDouble(proportion);
        DoubleAttribute t = model.Contains(tonnes) ? model.GetDouble(tonnes) : model.AddDouble(tonnes, "t", "tonnes of the block inside the domain");
        // A density read from an attribute is not written back onto itself.
        bool write = density is not null && !(this is AttributeDensity a && string.Equals(a.Attribute, density, StringComparison.OrdinalIgnoreCase));
        DoubleAttribute? d = !write ? null : model.Contains(density!) ? model.GetDouble(density!) : model.AddDouble(density!, "t/m³", "dry bulk density");
        double volume = model.Grid.BlockVolume;
        int missing = 0;
        for (int row = 0; row < model.Count; row++)
        {
            double r = rho(row);
            double f = fraction is null ? 1 : fraction[row];
            if (d is not null)
            {
                d[row] = r;
            }

            t[row] = volume * f * r;
            missing += double.IsNaN(t[row]) ? 1 : 0;
        }

        return missing;
    }

    private static double Check(double density, string name) =>
        density > 0 && double.IsFinite(density) ? density : throw new ArgumentOutOfRangeException(name, density, "A density must be finite and positive (t/m³).");

    private sealed class ConstantDensity(double density) : DensityModel
    {
        internal override Func<int, double> Bind(BlockModel model) => _ => density;
    }

    private sealed class DomainDensity(string attribute, Dictionary<int, double> densities, double otherwise) : DensityModel
    {
        internal override Func<int, double> Bind(BlockModel model)
        {
            IntegerAttribute codes = model.GetInteger(attribute);
            return row => densities.TryGetValue(codes[row], out double d) ? d : otherwise;
        }
    }

    private sealed class AttributeDensity(string attribute) : DensityModel
    {
        public string Attribute => attribute;

        internal override Func<int, double> Bind(BlockModel model)
        {
            DoubleAttribute values = model.GetDouble(attribute);
            return row => values[row];
        }
    }

    private sealed class RegressionDensity(string grade, double intercept, double slope, double minimum, double maximum) : DensityModel
    {
        internal override Func<int, double> Bind(BlockModel model)
        {
            DoubleAttribute g = model.GetDouble(grade);
            return row => double.IsNaN(g[row]) ? double.NaN : Math.Clamp(intercept + slope * g[row], minimum, maximum);
        }
    }
}
