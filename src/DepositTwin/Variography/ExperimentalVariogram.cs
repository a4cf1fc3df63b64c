using DepositTwin.Geometry;

namespace DepositTwin.Variography;

/// <summary>One lag of an experimental variogram.</summary>
/// <param name="Index">Position of the class.</param>
/// <param name="Class">The distances the class collects.</param>
/// <param name="Pairs">Number of pairs in the class.</param>
/// <param name="MeanDistance">Mean distance of those pairs (m); NaN when there are none.</param>
/// <param name="Value">The estimator's value; NaN when there are no pairs.</param>
public readonly record struct VariogramLag(int Index, LagClass Class, long Pairs, double MeanDistance, double Value);

/// <summary>Options of an experimental variogram.</summary>
public sealed class ExperimentalVariogramOptions
{
    /// <summary>Which pairs to keep by direction; omnidirectional by default.</summary>
    public VariogramDirection Direction { get; init; } = VariogramDirection.Omnidirectional;

    /// <summary>What to compute; the classical semivariogram by default.</summary>
    public VariogramEstimator Estimator { get; init; } = VariogramEstimator.Semivariogram;

    /// <summary>Optional declustering weights, one per sample; a pair weighs wᵢ·wⱼ.</summary>
    public IReadOnlyList<double>? Weights { get; init; }

    /// <summary>
    /// Drillhole of each sample; when given, only pairs within the same hole are used (a downhole
    /// variogram, for the nugget effect).
    /// </summary>
    public IReadOnlyList<int>? DownholeHoleIds { get; init; }

    /// <summary>Most threads to use; −1 for all.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}

/// <summary>
/// An experimental variogram: per lag class, the number of pairs, their mean distance and the estimator's
/// value. Pairs are found with a KD-tree within the largest class bound, in parallel; the result is the
/// same whatever the thread count.
/// </summary>
public sealed class ExperimentalVariogram
{
    private ExperimentalVariogram(VariogramLag[] lags, ExperimentalVariogramOptions options, int used, int missing, long leftOut)
    {
        Lags = lags;
        Direction = options.Direction;
        Estimator = options.Estimator;
        SamplesUsed = used;
        SamplesMissing = missing;
        PairsLeftOut = leftOut;
    }

    /// <summary>The lags, one per class (classes without pairs included, with NaN values).</summary>
    public IReadOnlyList<VariogramLag> Lags { get; }

    /// <summary>The direction the pairs were chosen by.</summary>
    public VariogramDirection Direction { get; }

    /// <summary>The estimator.</summary>
    public VariogramEstimator Estimator { get; }

    /// <summary>Samples with a value, used.</summary>
    public int SamplesUsed { get; }

    /// <summary>Samples whose value is missing (NaN), left out.</summary>
    public int SamplesMissing { get; }

    /// <summary>Pairs left out by the pairwise-relative estimator (zᵢ + zⱼ ≤ 0), over all classes.</summary>
    public long PairsLeftOut { get; }

    /// <summary>
    /// An experimental variogram from lags computed elsewhere (for example GSLIB gamv output), for fitting
    /// and plotting.
    /// </summary>
    public static ExperimentalVariogram FromLags(IEnumerable<VariogramLag> lags, VariogramDirection direction, VariogramEstimator estimator = VariogramEstimator.Semivariogram)
    {
        ArgumentNullException.ThrowIfNull(lags);
        ArgumentNullException.ThrowIfNull(direction);
        VariogramLag[] all = lags.ToArray();
        return new ExperimentalVariogram(all, new ExperimentalVariogramOptions { Direction = direction, Estimator = estimator }, 0, 0, 0);
    }

    /// <summary>
    /// Writes the lags as CSV (index, lower, upper, pairs, mean distance, value), all-or-nothing; with
    /// <paramref name="model"/>, adds the model's value at each lag's mean distance along the direction.
    /// </summary>
    public void WriteCsv(string path, VariogramModel? model = null)
    {
        IO.AtomicFile.WriteText(path, writer =>
        {
            writer.WriteLine(model is null ? "lag,lower,upper,pairs,distance,value" : "lag,lower,upper,pairs,distance,value,model");
            Point3 u = Direction.IsOmnidirectional && model is { Structures.Count: > 0 } ? model.Structures[0].Anisotropy.Rotation.MajorAxis : Direction.Vector;
            foreach (VariogramLag lag in Lags)
            {
                string line = FormattableString.Invariant($"{lag.Index},{lag.Class.Lower},{lag.Class.Upper},{lag.Pairs},{Blank(lag.MeanDistance)},{Blank(lag.Value)}");
                if (model is not null)
                {
                    line += FormattableString.Invariant($",{Blank(double.IsNaN(lag.MeanDistance) ? double.NaN : model.Gamma(lag.MeanDistance * u))}");
                }

                writer.WriteLine(line);
            }
        });

        static string Blank(double v) => double.IsNaN(v) ? "" : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Computes an experimental variogram.</summary>
    /// <param name="locations">Sample locations.</param>
    /// <param name="values">Sample values; NaN values are left out and counted.</param>
    /// <param name="lags">The lag classes.</param>
    /// <param name="options">Direction, estimator, weights, downhole pairing.</param>
    /// <param name="progress">Receives progress in chunks of samples.</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    public static ExperimentalVariogram Compute(
        ReadOnlySpan<Point3> locations, ReadOnlySpan<double> values, LagClasses lags, ExperimentalVariogramOptions? options = null,
        IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lags);
        options ??= new ExperimentalVariogramOptions();
        SampleArrays data = SampleArrays.Of(locations, values, options.Weights, options.DownholeHoleIds);
        var binner = new LagBinner(lags, options.Direction);
        PairSums[] sums = PairLoop.Run(data.Points, data.Values, data.Weights, data.Holes, binner, options.MaxDegreeOfParallelism, progress, cancellationToken);
        var result = new VariogramLag[sums.Length];
        long leftOut = 0;
        for (int k = 0; k < sums.Length; k++)
        {
            PairSums s = sums[k];
            result[k] = new VariogramLag(k, lags.Classes[k], s.Pairs, s.Pairs > 0 ? s.Distance / s.Pairs : double.NaN, s.Value(options.Estimator));
            leftOut += options.Estimator == VariogramEstimator.PairwiseRelative ? s.LeftOut : 0;
        }

        return new ExperimentalVariogram(result, options, data.Points.Length, data.Missing, leftOut);
    }

    private readonly struct LagBinner(LagClasses lags, VariogramDirection direction) : IPairBinner
    {
        private readonly IReadOnlyList<LagClass> _classes = lags.Classes;

        public int BinCount => _classes.Count;

        public double Radius => lags.Cutoff;

        public void Add(Point3 h, double length, double zi, double zj, double w, PairSums[] sums)
        {
            if (!direction.Accepts(h, length))
            {
                return;
            }

            // Classes ascend; start at the first whose upper bound reaches the pair, stop once past it.
            int lo = 0, hi = _classes.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (_classes[mid].Upper < length)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            for (int k = lo; k < _classes.Count && _classes[k].Lower <= length; k++)
            {
                if (_classes[k].Contains(length))
                {
                    sums[k].Add(length, zi, zj, w);
                }
            }
        }
    }
}

/// <summary>Sample arrays with missing values taken out, shared by the variogram computations.</summary>
internal sealed record SampleArrays(Point3[] Points, double[] Values, double[]? Weights, int[]? Holes, int Missing)
{
    public static SampleArrays Of(ReadOnlySpan<Point3> locations, ReadOnlySpan<double> values, IReadOnlyList<double>? weights, IReadOnlyList<int>? holes)
    {
        if (locations.Length != values.Length)
        {
            throw new ArgumentException($"There are {locations.Length} locations but {values.Length} values.", nameof(values));
        }

        if (weights is not null && weights.Count != values.Length)
        {
            throw new ArgumentException($"There are {weights.Count} weights for {values.Length} samples.", nameof(weights));
        }

        if (holes is not null && holes.Count != values.Length)
        {
            throw new ArgumentException($"There are {holes.Count} hole ids for {values.Length} samples.", nameof(holes));
        }

        var points = new List<Point3>(values.Length);
        var kept = new List<double>(values.Length);
        var keptWeights = weights is null ? null : new List<double>(values.Length);
        var keptHoles = holes is null ? null : new List<int>(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                continue;
            }

            if (!locations[i].IsFinite || double.IsInfinity(values[i]))
            {
                throw new ArgumentException($"Sample {i} has a non-finite location {locations[i]} or value {values[i]}.", nameof(locations));
            }

            if (weights is not null && !(weights[i] >= 0 && double.IsFinite(weights[i])))
            {
                throw new ArgumentException($"Sample {i} has weight {weights[i]}; weights must be finite and ≥ 0.", nameof(weights));
            }

            points.Add(locations[i]);
            kept.Add(values[i]);
            keptWeights?.Add(weights![i]);
            keptHoles?.Add(holes![i]);
        }

        return new SampleArrays(points.ToArray(), kept.ToArray(), keptWeights?.ToArray(), keptHoles?.ToArray(), values.Length - kept.Count);
    }
}
