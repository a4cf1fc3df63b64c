using System.Globalization;
using DepositTwin.Geometry;

namespace DepositTwin.Statistics;

/// <summary>Which declustered mean picks the cell size.</summary>
public enum DeclusteringObjective
{
    /// <summary>The smallest mean: for data clustered in high grades (the usual case in mining; the default).</summary>
    MinimumMean,

    /// <summary>The largest mean: for data clustered in low grades.</summary>
    MaximumMean,
}

/// <summary>Options of cell declustering.</summary>
public sealed record CellDeclusteringOptions
{
    /// <summary>The smallest cell size tried along x (m), &gt; 0.</summary>
    public double MinimumCellSize { get; init; } = 10;

    /// <summary>The largest cell size tried along x (m).</summary>
    public double MaximumCellSize { get; init; } = 200;

    /// <summary>Number of cell sizes tried, evenly spaced from the smallest to the largest; ≥ 1.</summary>
    public int CellSizeCount { get; init; } = 20;

    /// <summary>Cell size along y as a multiple of the size along x.</summary>
    public double AnisotropyY { get; init; } = 1;

    /// <summary>Cell size along z as a multiple of the size along x (large values make 2D cells).</summary>
    public double AnisotropyZ { get; init; } = 1;

    /// <summary>Origins tried per cell size (shifted along the cell diagonal); weights are averaged over them. ≥ 1.</summary>
    public int OriginOffsets { get; init; } = 8;

    /// <summary>Which mean chooses the cell size.</summary>
    public DeclusteringObjective Objective { get; init; } = DeclusteringObjective.MinimumMean;
}

/// <summary>The declustered mean at one cell size.</summary>
/// <param name="CellSize">Cell size along x (m).</param>
/// <param name="Mean">Declustered mean with that size.</param>
public readonly record struct DeclusteringTrial(double CellSize, double Mean);

/// <summary>The result of cell declustering.</summary>
/// <param name="CellSize">The chosen cell size along x (m).</param>
/// <param name="Weights">One weight per sample, mean 1 over the samples with values; 0 for missing values.</param>
/// <param name="NaiveMean">The mean with equal weights.</param>
/// <param name="DeclusteredMean">The mean with the declustering weights.</param>
/// <param name="Trials">Every cell size tried with its declustered mean.</param>
/// <param name="Missing">Samples with missing values (weight 0).</param>
public sealed record DeclusteringResult(double CellSize, double[] Weights, double NaiveMean, double DeclusteredMean,
    IReadOnlyList<DeclusteringTrial> Trials, int Missing)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"cell declustering: {CellSize:G4} m cells, naive mean {NaiveMean:G6}, declustered mean {DeclusteredMean:G6}, weights {Weights.Where(w => w > 0).DefaultIfEmpty().Min():G3}–{Weights.Max():G3}; {Missing} missing");
}

/// <summary>
/// Cell declustering (Journel 1983; GSLIB's declus): each sample weighs 1 / (samples in its cell × occupied
/// cells), averaged over several grid origins; the cell size giving the smallest (or largest) declustered
/// mean is chosen.
/// </summary>
/// <remarks>
/// A cell size of the smallest spacing gives nearly equal weights, a very large one too; clustered data show
/// a minimum (high-grade clustering) in between. Cells are aligned with the axes; origins are the data's
/// minimum corner shifted by k/offsets of a cell along the diagonal. Weights are scaled to mean 1.
/// </remarks>
public static class CellDeclustering
{
    /// <summary>Declusters the samples at the given locations.</summary>
    /// <exception cref="ArgumentException">Lengths differ or an option is out of range (its name and range are given).</exception>
    public static DeclusteringResult Compute(ReadOnlySpan<Point3> locations, ReadOnlySpan<double> values, CellDeclusteringOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new CellDeclusteringOptions();
        if (locations.Length != values.Length)
        {
            throw new ArgumentException($"{locations.Length} locations for {values.Length} values.", nameof(values));
        }

        if (!(options.MinimumCellSize > 0) || !(options.MaximumCellSize >= options.MinimumCellSize) || !double.IsFinite(options.MaximumCellSize))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Cell sizes must satisfy 0 < MinimumCellSize ≤ MaximumCellSize < ∞; got {options.MinimumCellSize} and {options.MaximumCellSize}.");
        }

        if (options.CellSizeCount < 1 || options.OriginOffsets < 1 || !(options.AnisotropyY > 0) || !(options.AnisotropyZ > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "CellSizeCount and OriginOffsets must be ≥ 1 and the anisotropies > 0.");
        }

        var used = new List<int>(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                used.Add(i);
            }
        }

        int n = used.Count;
        var weights = new double[values.Length];
        if (n == 0)
        {
            return new DeclusteringResult(options.MinimumCellSize, weights, double.NaN, double.NaN, [], values.Length);
        }

        var p = new Point3[n];
        var v = new double[n];
        for (int k = 0; k < n; k++)
        {
            (p[k], v[k]) = (locations[used[k]], values[used[k]]);
        }

        double naive = v.Sum() / n;
        var trials = new List<DeclusteringTrial>(options.CellSizeCount);
        double[] best = [];
        double bestMean = double.NaN, bestSize = double.NaN;
        for (int s = 0; s < options.CellSizeCount; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double size = options.CellSizeCount == 1
                ? options.MinimumCellSize
                : options.MinimumCellSize + s * (options.MaximumCellSize - options.MinimumCellSize) / (options.CellSizeCount - 1);
            double[] w = Weights(p, new Point3(size, size * options.AnisotropyY, size * options.AnisotropyZ), options.OriginOffsets);
            double mean = 0;
            for (int k = 0; k < n; k++)
            {
                mean += w[k] * v[k];
            }

            mean /= n;
            trials.Add(new DeclusteringTrial(size, mean));
            bool better = double.IsNaN(bestMean) || (options.Objective == DeclusteringObjective.MinimumMean ? mean < bestMean : mean > bestMean);
            if (better)
            {
                (best, bestMean, bestSize) = (w, mean, size);
            }
        }

        for (int k = 0; k < n; k++)
        {
            weights[used[k]] = best[k];
        }

        return new DeclusteringResult(bestSize, weights, naive, bestMean, trials, values.Length - n);
    }

    /// <summary>Weights (mean 1) for one cell size, averaged over the origin offsets.</summary>
    private static double[] Weights(Point3[] p, Point3 cell, int offsets)
    {
        int n = p.Length;
        double minX = p.Min(q => q.X), minY = p.Min(q => q.Y), minZ = p.Min(q => q.Z);
        var sum = new double[n];
        var cellOf = new (long, long, long)[n];
        var counts = new Dictionary<(long, long, long), int>();
        for (int o = 0; o < offsets; o++)
        {
            double f = (double)o / offsets;
            Point3 origin = new(minX - f * cell.X, minY - f * cell.Y, minZ - f * cell.Z);
            counts.Clear();
            for (int k = 0; k < n; k++)
            {
                cellOf[k] = ((long)Math.Floor((p[k].X - origin.X) / cell.X), (long)Math.Floor((p[k].Y - origin.Y) / cell.Y), (long)Math.Floor((p[k].Z - origin.Z) / cell.Z));
                counts[cellOf[k]] = counts.GetValueOrDefault(cellOf[k]) + 1;
            }

            // Each occupied cell carries the same total weight, shared among its samples; scaled to mean 1.
            double perCell = (double)n / counts.Count;
            for (int k = 0; k < n; k++)
            {
                sum[k] += perCell / counts[cellOf[k]];
            }
        }

        for (int k = 0; k < n; k++)
        {
            sum[k] /= offsets;
        }

        return sum;
    }
}
