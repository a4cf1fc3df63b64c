using DepositTwin.BlockModels;

namespace DepositTwin.Resources;

/// <summary>Resource confidence classes (JORC / NI 43-101 / CRIRSCO), as integer codes in the block model.</summary>
public enum ResourceClass
{
    /// <summary>Measured.</summary>
    Measured = 1,

    /// <summary>Indicated.</summary>
    Indicated = 2,

    /// <summary>Inferred.</summary>
    Inferred = 3,

    /// <summary>Estimated, but meeting no class's rules: not reported as a resource.</summary>
    Unclassified = 4,
}

/// <summary>
/// The rules a block must all meet for one class; null leaves a rule out. They read the estimation outputs
/// of <c>BlockEstimator</c> by suffix: <c>_pass</c>, <c>_n</c>, <c>_holes</c>, <c>_dnear</c>, <c>_davg</c>,
/// <c>_var</c>, <c>_slope</c>.
/// </summary>
/// <param name="Class">The class the rules give.</param>
public sealed record ClassRule(ResourceClass Class)
{
    /// <summary>Highest pass number (1 = the first, tightest search).</summary>
    public int? MaximumPass { get; init; }

    /// <summary>Fewest samples used.</summary>
    public int? MinimumSamples { get; init; }

    /// <summary>Fewest distinct drillholes among them.</summary>
    public int? MinimumHoles { get; init; }

    /// <summary>Largest distance to the nearest sample (m, anisotropic as reported).</summary>
    public double? MaximumNearestDistance { get; init; }

    /// <summary>Largest average sample distance (m).</summary>
    public double? MaximumAverageDistance { get; init; }

    /// <summary>Largest kriging variance.</summary>
    public double? MaximumKrigingVariance { get; init; }

    /// <summary>Smallest slope of regression.</summary>
    public double? MinimumSlope { get; init; }
}

/// <summary>
/// The "spotted dog" clean-up: each classified block takes the most common class in the window of blocks
/// around it (itself included), keeping its own when that is tied for most common; ties between other
/// classes go to the less confident class. Each pass reads the classes of the previous one, so the result
/// does not depend on block order.
/// </summary>
/// <param name="RadiusI">Blocks either side along i.</param>
/// <param name="RadiusJ">Blocks either side along j.</param>
/// <param name="RadiusK">Blocks either side along k (0 smooths bench by bench).</param>
/// <param name="Passes">Times the filter is applied.</param>
public sealed record ClassSmoothing(int RadiusI = 1, int RadiusJ = 1, int RadiusK = 0, int Passes = 1);

/// <summary>Classifies estimated blocks into Measured / Indicated / Inferred by rules, optionally smoothed.</summary>
public static class Classification
{
    /// <summary>Writes each block's class (<see cref="ResourceClass"/> codes; blocks without an estimate stay missing).</summary>
    /// <param name="model">The block model with the estimation outputs.</param>
    /// <param name="estimate">The estimate's attribute name, the prefix of its outputs (e.g. "Cu_ok").</param>
    /// <param name="rules">Rules in order of confidence: the first a block meets gives its class.</param>
    /// <param name="smoothing">An optional clean-up of isolated blocks.</param>
    /// <param name="attribute">The integer attribute to write.</param>
    /// <param name="blocks">Only these blocks are (re)classified, with the classes a whole-model run gives them
    /// (the smoothing window around them is read); the others keep theirs. All blocks by default.</param>
    /// <exception cref="KeyNotFoundException">A rule needs an estimation output the model does not have.</exception>
    public static IntegerAttribute Classify(BlockModel model, string estimate, IReadOnlyList<ClassRule> rules, ClassSmoothing? smoothing = null,
        string attribute = "class", BlockSelection? blocks = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rules);
        if (blocks is not null && !ReferenceEquals(blocks.Model, model))
        {
            throw new ArgumentException("The selection belongs to another block model.", nameof(blocks));
        }

        // Pass p of the smoothing is needed (Passes − p) windows around the blocks asked for; the rules one more.
        int passes = smoothing?.Passes ?? 0;
        var levels = new BlockSelection[passes + 1];
        levels[passes] = blocks ?? model.All;
        for (int p = passes - 1; p >= 0; p--)
        {
            levels[p] = blocks is null ? model.All : Dilate(levels[p + 1], smoothing!);
        }

        DoubleAttribute value = model.GetDouble(estimate);
        BlockAttribute? Output(bool needed, string suffix) => needed ? model[estimate + suffix] : null;
        BlockAttribute? pass = Output(rules.Any(r => r.MaximumPass is not null), "_pass");
        BlockAttribute? samples = Output(rules.Any(r => r.MinimumSamples is not null), "_n");
        BlockAttribute? holes = Output(rules.Any(r => r.MinimumHoles is not null), "_holes");
        BlockAttribute? nearest = Output(rules.Any(r => r.MaximumNearestDistance is not null), "_dnear");
        BlockAttribute? average = Output(rules.Any(r => r.MaximumAverageDistance is not null), "_davg");
        BlockAttribute? variance = Output(rules.Any(r => r.MaximumKrigingVariance is not null), "_var");
        BlockAttribute? slope = Output(rules.Any(r => r.MinimumSlope is not null), "_slope");

        // Comparisons with NaN fail, so a missing output never meets a rule.
        bool Meets(ClassRule r, int row) =>
            (r.MaximumPass is not { } mp || pass!.GetDouble(row) <= mp)
            && (r.MinimumSamples is not { } ms || samples!.GetDouble(row) >= ms)
            && (r.MinimumHoles is not { } mh || holes!.GetDouble(row) >= mh)
            && (r.MaximumNearestDistance is not { } dn || nearest!.GetDouble(row) <= dn)
            && (r.MaximumAverageDistance is not { } da || average!.GetDouble(row) <= da)
            && (r.MaximumKrigingVariance is not { } kv || variance!.GetDouble(row) <= kv)
            && (r.MinimumSlope is not { } sl || slope!.GetDouble(row) >= sl);

        var classes = new int[model.Count];
        levels[0].ParallelFor(row =>
        {
            if (double.IsNaN(value[row]))
            {
                classes[row] = IntegerAttribute.Missing;
                return;
            }

            classes[row] = (int)ResourceClass.Unclassified;
            foreach (ClassRule rule in rules)
            {
                if (Meets(rule, row))
                {
                    classes[row] = (int)rule.Class;
                    break;
                }
            }
        });

        for (int p = 1; p <= passes; p++)
        {
            classes = Smooth(model, classes, smoothing!, levels[p]);
        }

        IntegerAttribute result = model.Contains(attribute) ? model.GetInteger(attribute) : model.AddInteger(attribute, description: "1 Measured, 2 Indicated, 3 Inferred, 4 unclassified");
        if (blocks is null)
        {
            classes.CopyTo(result.Values);
        }
        else
        {
            foreach (int row in blocks)
            {
                result[row] = classes[row];
            }
        }

        return result;
    }

    /// <summary>
    /// The blocks whose class can change when the estimates of <paramref name="changed"/> change: those within
    /// the smoothing's reach (passes × window) of them; the blocks themselves without smoothing.
    /// </summary>
    public static BlockSelection Reach(BlockSelection changed, ClassSmoothing? smoothing)
    {
        ArgumentNullException.ThrowIfNull(changed);
        BlockSelection reach = changed;
        for (int p = 0; p < (smoothing?.Passes ?? 0); p++)
        {
            reach = Dilate(reach, smoothing!);
        }

        return reach;
    }

    /// <summary>The blocks within one smoothing window of the selection.</summary>
    private static BlockSelection Dilate(BlockSelection blocks, ClassSmoothing s)
    {
        BlockModel model = blocks.Model;
        var mask = new bool[model.Count];
        Span<int> window = WindowVolume(s) <= 1024 ? stackalloc int[WindowVolume(s)] : new int[WindowVolume(s)];
        foreach (int row in blocks)
        {
            foreach (int other in window[..Window(model, row, s, window)])
            {
                mask[other] = true;
            }
        }

        return model.Where(mask);
    }

    /// <summary>Writes the rows of the active blocks in the window around <paramref name="row"/> (itself included) to <paramref name="rows"/>; returns how many.</summary>
    private static int Window(BlockModel model, int row, ClassSmoothing s, Span<int> rows)
    {
        var grid = model.Grid;
        var index = model.IndexOf(row);
        int n = 0;
        for (int k = Math.Max(0, index.K - s.RadiusK); k <= Math.Min(grid.CountZ - 1, index.K + s.RadiusK); k++)
        {
            for (int j = Math.Max(0, index.J - s.RadiusJ); j <= Math.Min(grid.CountY - 1, index.J + s.RadiusJ); j++)
            {
                for (int i = Math.Max(0, index.I - s.RadiusI); i <= Math.Min(grid.CountX - 1, index.I + s.RadiusI); i++)
                {
                    int other = model.RowOf(grid.LinearIndex(i, j, k));
                    if (other >= 0)
                    {
                        rows[n++] = other;
                    }
                }
            }
        }

        return n;
    }

    private static int WindowVolume(ClassSmoothing s) => (2 * s.RadiusI + 1) * (2 * s.RadiusJ + 1) * (2 * s.RadiusK + 1);

    private static int[] Smooth(BlockModel model, int[] classes, ClassSmoothing s, BlockSelection blocks)
    {
        var smoothed = new int[classes.Length];
        blocks.ParallelFor(row =>
        {
            int own = classes[row];
            smoothed[row] = own;
            if (own == IntegerAttribute.Missing)
            {
                return;
            }

            Span<int> votes = stackalloc int[5];
            Span<int> window = WindowVolume(s) <= 1024 ? stackalloc int[WindowVolume(s)] : new int[WindowVolume(s)];
            foreach (int other in window[..Window(model, row, s, window)])
            {
                if (classes[other] is >= 1 and <= 4)
                {
                    votes[classes[other]]++;
                }
            }

            int best = own;
            for (int c = 1; c <= 4; c++)
            {
                // Strictly more votes than the current best; among equals the later (less confident) class wins, except the block's own.
                if (votes[c] > votes[best] || (votes[c] == votes[best] && c > best && best != own))
                {
                    best = c;
                }
            }

            smoothed[row] = best;
        });
        return smoothed;
    }
}
