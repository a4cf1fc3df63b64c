namespace DepositTwin.Variography;

/// <summary>One lag class: the pair distances it collects.</summary>
/// <param name="Lower">Lower bound (m).</param>
/// <param name="Upper">Upper bound (m), inclusive.</param>
/// <param name="IncludesLower">True when a pair exactly at <paramref name="Lower"/> belongs to the class.</param>
public readonly record struct LagClass(double Lower, double Upper, bool IncludesLower)
{
    /// <summary>True when a pair at distance <paramref name="h"/> belongs to the class.</summary>
    public bool Contains(double h) => h <= Upper && (h > Lower || (IncludesLower && h == Lower));
}

/// <summary>The lag classes of an experimental variogram; a pair may fall in several when classes overlap.</summary>
public sealed class LagClasses
{
    private LagClasses(LagClass[] classes)
    {
        Classes = classes;
        Cutoff = classes.Max(c => c.Upper);
    }

    /// <summary>The classes, in order.</summary>
    public IReadOnlyList<LagClass> Classes { get; }

    /// <summary>The largest distance any class collects.</summary>
    public double Cutoff { get; }

    /// <summary>
    /// gstat's classes: (k·w, (k+1)·w] for k = 0 … up to the cut-off; pairs at zero distance fall in none.
    /// </summary>
    /// <param name="width">Class width w (m), positive.</param>
    /// <param name="cutoff">Largest distance (m); the last class ends at the cut-off, as in gstat.</param>
    public static LagClasses Regular(double width, double cutoff)
    {
        RequirePositive(width, nameof(width));
        RequirePositive(cutoff, nameof(cutoff));
        int count = (int)Math.Ceiling(cutoff / width - 1e-12);
        var classes = new LagClass[count];
        for (int k = 0; k < count; k++)
        {
            classes[k] = new LagClass(k * width, Math.Min((k + 1) * width, cutoff), false);
        }

        return new LagClasses(classes);
    }

    /// <summary>
    /// GSLIB gamv's classes: lag k = 0 … count−1 collects pairs with |h − k·width| ≤ tolerance (the first
    /// lag, centred on 0, collects short pairs, zero distance included). A tolerance above width/2 makes
    /// classes overlap, as in gamv.
    /// </summary>
    public static LagClasses Gslib(int count, double width, double tolerance)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        RequirePositive(width, nameof(width));
        RequirePositive(tolerance, nameof(tolerance));
        var classes = new LagClass[count];
        for (int k = 0; k < count; k++)
        {
            classes[k] = new LagClass(Math.Max(0, k * width - tolerance), k * width + tolerance, true);
        }

        return new LagClasses(classes);
    }

    /// <summary>Classes with the given boundaries b₀ &lt; b₁ &lt; …: (b₀, b₁], (b₁, b₂], … (the first includes b₀).</summary>
    public static LagClasses FromBoundaries(params IReadOnlyList<double> boundaries)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        if (boundaries.Count < 2)
        {
            throw new ArgumentException("At least two boundaries are needed.", nameof(boundaries));
        }

        var classes = new LagClass[boundaries.Count - 1];
        for (int k = 0; k < classes.Length; k++)
        {
            if (!(boundaries[k + 1] > boundaries[k]) || boundaries[k] < 0)
            {
                throw new ArgumentException($"Boundaries must be ≥ 0 and increasing; boundary {k + 1} ({boundaries[k + 1]}) is not above {boundaries[k]}.", nameof(boundaries));
            }

            classes[k] = new LagClass(boundaries[k], boundaries[k + 1], k == 0);
        }

        return new LagClasses(classes);
    }

    private static void RequirePositive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be finite and positive.");
        }
    }
}
