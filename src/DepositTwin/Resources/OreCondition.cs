using System.Globalization;
using DepositTwin.BlockModels;

namespace DepositTwin.Resources;

/// <summary>
/// A condition a block must meet to be ore besides the cut-off grade, e.g. bauxite's alumina/silica ratio
/// (Al₂O₃ / SiO₂ ≥ y) or a maximum deleterious grade. Blocks with a missing value fail (except <see cref="IsMissing"/>).
/// </summary>
public abstract class OreCondition
{
    private protected OreCondition()
    {
    }

    /// <summary>attribute ≥ minimum.</summary>
    public static OreCondition AtLeast(string attribute, double minimum) => new Bound(attribute, minimum, true);

    /// <summary>attribute ≤ maximum (a deleterious element).</summary>
    public static OreCondition AtMost(string attribute, double maximum) => new Bound(attribute, maximum, false);

    /// <summary>The attribute is missing (e.g. "mined" for blocks not mined yet).</summary>
    public static OreCondition IsMissing(string attribute) => new Missing(attribute);

    /// <summary>numerator / denominator ≥ minimum (e.g. the A/S ratio Al₂O₃ / SiO₂); a zero denominator passes when the numerator is positive.</summary>
    public static OreCondition RatioAtLeast(string numerator, string denominator, double minimum) => new Ratio(numerator, denominator, minimum);

    /// <summary>The test bound to a model's columns.</summary>
    internal abstract Func<int, bool> Bind(BlockModel model);

    private sealed class Bound(string attribute, double limit, bool lower) : OreCondition
    {
        internal override Func<int, bool> Bind(BlockModel model)
        {
            BlockAttribute a = model[attribute];
            return lower ? row => a.GetDouble(row) >= limit : row => a.GetDouble(row) <= limit;
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{attribute} {(lower ? "≥" : "≤")} {limit}");
    }

    private sealed class Missing(string attribute) : OreCondition
    {
        internal override Func<int, bool> Bind(BlockModel model)
        {
            BlockAttribute a = model[attribute];
            return a.IsMissing;
        }

        public override string ToString() => $"{attribute} missing";
    }

    private sealed class Ratio(string numerator, string denominator, double minimum) : OreCondition
    {
        internal override Func<int, bool> Bind(BlockModel model)
        {
            DoubleAttribute n = model.GetDouble(numerator), d = model.GetDouble(denominator);
            return row => d[row] > 0 ? n[row] >= minimum * d[row] : d[row] == 0 && n[row] > 0;
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{numerator}/{denominator} ≥ {minimum}");
    }
}
