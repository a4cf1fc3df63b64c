using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DepositTwin.Estimation.Kernels;
using DepositTwin.Geometry;
using DepositTwin.Samples;
using DepositTwin.Search;
using DepositTwin.Variography;

namespace DepositTwin.Estimation;

/// <summary>Receives target t's estimate (by reference: it is a dozen fields).</summary>
internal delegate void EstimateWriter(int target, in BlockEstimate estimate);

/// <summary>
/// The one neighbourhood loop (search → build → solve → write) that every estimator plugs into. Targets are
/// independent: each is computed by one thread from its own workspace, so results do not depend on the
/// thread count, the order of the targets or how they are split into tiles.
/// </summary>
internal sealed class EstimationEngine
{
    private const int ChunkSize = 256;
    private const int TargetsPerTile = 64; // measured: fewer means more gathers, more means more candidates per target

    /// <summary>The blocks of a grid tile: whole cache lines of a row along i, a few rows deep (8 × 8 × 2 measured 3 % fewer instructions per block than 8 × 4 × 2 for IDW and OK at 16 and 32 samples; 4 × 4 × 2, 8 × 8 × 4 and 16 × 8 × 2 no better).</summary>
    internal static readonly BlockIndex GridTile = new(
        8, 8, 2);
    private const int MinimumTile = 4; // a gathering costs about two searches: not worth it for fewer targets
    private readonly EstimationPlan _plan;
    private readonly Point3[] _points;
    private readonly double[] _values;
    private readonly int[] _holes; // dense drillhole ids, for counting the holes a block uses
    private readonly int _holeCount;
    private readonly NeighbourSearch[] _searches;
    private readonly CovarianceFunction? _covariance;
    private readonly Point3[] _offsets;
    private readonly double _blockCovariance;
    private readonly KernelPath _path;

    /// <param name="samples">Samples (those with a missing value are left out and counted).</param>
    /// <param name="variable">The value column.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="worldOffsets">Discretisation offsets from the block centre in world coordinates; one zero offset for point support.</param>
    public EstimationEngine(SampleSet samples, string variable, EstimationPlan plan, Point3[] worldOffsets)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        SampleSet used = samples.WithValues(variable, out int missing);
        SamplesMissing = missing;
        _plan = plan;
        _path = KernelPaths.Resolve(plan.KernelPath);
        _points = used.Locations.ToArray();
        _values = used.Values(variable).ToArray();
        _holes = NeighbourSearch.DenseHoles(used.HoleIds, out Dictionary<int, int> holeIndex);
        _holeCount = holeIndex.Count;
        foreach (double v in _values)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"Column '{variable}' holds a non-finite value {v}.", nameof(samples));
            }
        }

        int[] holeIds = used.HoleIds.ToArray(); // the searches renumber them themselves and take exclusions by the caller's ids
        _searches = plan.Passes.Select(p => new NeighbourSearch(_points, holeIds, p)).ToArray();
        bool kriging = plan.Method is EstimationMethod.SimpleKriging or EstimationMethod.OrdinaryKriging;
        _offsets = kriging ? worldOffsets : [Point3.Zero];
        if (kriging)
        {
            _covariance = new CovarianceFunction(plan.Variogram!, plan.KernelPath);
            _blockCovariance = _offsets.Length == 1 ? _covariance.TotalSill : plan.Variogram!.AverageBlockCovariance(_offsets);
        }
    }

    public int SamplesMissing { get; }

    /// <summary>A thread's buffers.</summary>
    internal sealed class Workspace(EstimationEngine engine)
    {
        public NeighbourBuffers Neighbours { get; } = new();

        public KrigingSystem? Kriging { get; } = engine._covariance is null ? null : new KrigingSystem(engine._covariance);

        public Point3[] Locations { get; set; } = [];

        /// <summary>Per sample used: squared Euclidean distance, squared weighting distance (anisotropic inverse distance) and value.</summary>
        public double[] Squared { get; private set; } = [];

        /// <inheritdoc cref="Squared"/>
        public double[] Weighting { get; private set; } = [];

        /// <inheritdoc cref="Squared"/>
        public double[] Values { get; private set; } = [];

        /// <summary>Candidates of the current tile, one per pass, gathered when a target first needs that pass.</summary>
        public SearchTile[] Tiles { get; } = engine._searches.Select(_ => new SearchTile()).ToArray();

        /// <summary>The targets of the current tile (its first <see cref="TileSize"/> entries).</summary>
        public Point3[] TileTargets { get; set; } = [];

        /// <summary>The current tile's target numbers, in the order they are estimated.</summary>
        public int[] TileOrder { get; set; } = [];

        public int TileSize { get; set; }

        /// <summary>Blocks this workspace estimated in each pass, and the rest of its share of the report.</summary>
        public long[] PerPass { get; } = new long[engine._searches.Length];

        public long Unestimated { get; set; }

        public long Dropped { get; set; }

        public long BlocksWithDrops { get; set; }

        /// <summary>Grows <see cref="Squared"/>, <see cref="Weighting"/> and <see cref="Values"/> together to hold <paramref name="n"/> samples.</summary>
        public void EnsureSamples(int n)
        {
            if (Squared.Length < n)
            {
                int size = Math.Max(n, 2 * Squared.Length);
                (Squared, Weighting, Values) = (new double[size], new double[size], new double[size]);
            }
        }
    }

    public Workspace CreateWorkspace() => new(this);

    private static Workspace Track(System.Collections.Concurrent.ConcurrentBag<Workspace> used, Workspace ws)
    {
        used.Add(ws);
        return ws;
    }

    /// <summary>Estimates one target, trying the passes in order; <paramref name="tiled"/> when it belongs to the workspace's current tile.</summary>
    public BlockEstimate EstimateAt(Point3 centre, Workspace ws, int excludeSample = -1, int? excludeHole = null, bool tiled = false)
    {
        for (int pass = 0; pass < _searches.Length; pass++)
        {
            NeighbourSearch search = _searches[pass];
            int found;
            if (tiled)
            {
                SearchTile tile = ws.Tiles[pass];
                if (!tile.Ready)
                {
                    search.Gather(ws.TileTargets.AsSpan(0, ws.TileSize), tile, ws.Neighbours);
                }

                found = search.FindInTile(centre, ws.Neighbours, tile);
            }
            else
            {
                found = search.Find(centre, ws.Neighbours, excludeSample, excludeHole);
            }

            if (!search.Satisfies(centre, ws.Neighbours, found))
            {
                continue;
            }

            // Each estimator writes its pass into the result: no copy of the result, or of the pass's rules, per block.
            switch (_plan.Method)
            {
                case EstimationMethod.NearestNeighbour:
                    return Nearest(centre, ws, pass);
                case EstimationMethod.InverseDistance:
                    return InverseDistance(centre, ws, found, pass);
                default:
                    if (Krige(centre, ws, found, pass, out BlockEstimate kriged))
                    {
                        return kriged;
                    }

                    break;
            }
        }

        return BlockEstimate.Missing;
    }

    private BlockEstimate Nearest(Point3 centre, Workspace ws, int pass)
    {
        int s = ws.Neighbours.Indices[0];
        double d = centre.DistanceTo(_points[s]);
        return new BlockEstimate(_values[s], double.NaN, 1, 1, d, d, 1, 0, double.NaN, double.NaN, double.NaN, pass + 1, 0);
    }

    private BlockEstimate InverseDistance(Point3 centre, Workspace ws, int found, int pass)
    {
        ReadOnlySpan<int> used = ws.Neighbours.Indices.AsSpan(0, found);
        ws.EnsureSamples(found);
        int holes = Measure(centre, ws, used, ws.Values.AsSpan(0, found));
        Span<double> squared = ws.Squared.AsSpan(0, found), values = ws.Values.AsSpan(0, found);
        Span<double> weighting = squared;
        if (_plan.AnisotropicInverseDistance)
        {
            Ellipsoid ellipsoid = _searches[pass].Neighbourhood.Ellipsoid;
            weighting = ws.Weighting.AsSpan(0, found);
            for (int i = 0; i < found; i++)
            {
                double d = ellipsoid.AnisotropicDistance(centre, _points[used[i]]);
                weighting[i] = d * d;
            }
        }

        InverseDistanceSums sums = DistanceKernels.InverseDistance(_path, squared, weighting, values, _plan.Power);
        (double nearest, double sum) = DistanceKernels.Distances(_path, squared);
        return new BlockEstimate(sums.Estimate, double.NaN, found, holes, nearest, sum / found, 1, 0, double.NaN, double.NaN, double.NaN, pass + 1, 0);
    }

    private bool Krige(Point3 centre, Workspace ws, int found, int pass, out BlockEstimate result)
    {
        if (ws.Locations.Length < found)
        {
            ws.Locations = new Point3[Math.Max(found, 2 * ws.Locations.Length)];
        }

        ReadOnlySpan<int> candidates = ws.Neighbours.Indices.AsSpan(0, found);
        for (int i = 0; i < found; i++)
        {
            ws.Locations[i] = _points[candidates[i]];
        }

        bool ordinary = _plan.Method == EstimationMethod.OrdinaryKriging;
        KrigingSystem system = ws.Kriging!;
        int minSamples = _searches[pass].Neighbourhood.MinSamples;
        int required = ordinary ? Math.Max(2, minSamples) : minSamples;
        if (!system.Solve(centre, ws.Locations.AsSpan(0, found), candidates, _offsets, _blockCovariance, ordinary, required))
        {
            result = default;
            return false;
        }

        double mean = ordinary ? 0 : _plan.Mean!.Value;
        double estimate = mean, sumW = 0, sumNegative = 0;
        ReadOnlySpan<int> kept = system.Kept;
        ReadOnlySpan<double> weights = system.Weights;
        Span<int> usedSamples = kept.Length <= 256 ? stackalloc int[kept.Length] : new int[kept.Length];
        for (int i = 0; i < kept.Length; i++)
        {
            int s = candidates[kept[i]];
            usedSamples[i] = s;
            estimate += weights[i] * (_values[s] - mean);
            sumW += weights[i];
            sumNegative += Math.Min(weights[i], 0);
        }

        int holes = Measure(centre, ws, usedSamples);
        (double nearest, double sum) = DistanceKernels.Distances(_path, ws.Squared.AsSpan(0, kept.Length));
        double variance = system.Variance;
        double lambdaC = system.WeightedCovariance;
        double slope = ordinary ? lambdaC / (lambdaC - system.Lagrange) : 1.0;
        double efficiency = (system.BlockCovariance - variance) / system.BlockCovariance;
        result = new BlockEstimate(estimate, variance, kept.Length, holes, nearest, sum / kept.Length, sumW, sumNegative,
            system.Lagrange, slope, efficiency, pass + 1, found - kept.Length);
        return true;
    }

    /// <summary>
    /// Squared Euclidean distances from the centre to the samples used (into the workspace's <see cref="Workspace.Squared"/>),
    /// their values into <paramref name="values"/> unless it is empty, and the number of distinct drillholes among
    /// them, counted with the search's hole stamps (its query is over): all in one pass over the samples.
    /// </summary>
    private int Measure(Point3 centre, Workspace ws, ReadOnlySpan<int> used, Span<double> values = default)
    {
        ws.EnsureSamples(used.Length);

        // Refs, not fields, in the loop: the stores would otherwise make the JIT reload every array per sample.
        // The search gives indices into these arrays, so the loop indexes them unchecked.
        ref Point3 points = ref MemoryMarshal.GetArrayDataReference(_points);
        ref double all = ref MemoryMarshal.GetArrayDataReference(_values);
        ref int holeOf = ref MemoryMarshal.GetArrayDataReference(_holes);
        ref int stamps = ref MemoryMarshal.GetArrayDataReference(ws.Neighbours.BeginHoleStamps(_holeCount, out int stamp));
        ref double squared = ref MemoryMarshal.GetArrayDataReference(ws.Squared);
        ref double gathered = ref MemoryMarshal.GetReference(values);
        bool gather = !values.IsEmpty;
        int holes = 0;
        for (int i = 0; i < used.Length; i++)
        {
            int s = used[i];
            Point3 d = Unsafe.Add(ref points, s) - centre;
            Unsafe.Add(ref squared, i) = Point3.Dot(d, d);
            if (gather)
            {
                Unsafe.Add(ref gathered, i) = Unsafe.Add(ref all, s);
            }

            // A hole counts the first time it is stamped; without a branch, as holes repeat unpredictably.
            ref int holeStamp = ref Unsafe.Add(ref stamps, Unsafe.Add(ref holeOf, s));
            holes += holeStamp != stamp ? 1 : 0;
            holeStamp = stamp;
        }

        return holes;
    }

    /// <summary>
    /// Runs every target in parallel, tile by tile, and collects the report. Without exclusions the targets
    /// are grouped into spatial tiles that share one gathering of candidates per pass; with them (cross-validation)
    /// each target is searched on its own, in chunks of consecutive targets.
    /// </summary>
    /// <param name="count">Number of targets.</param>
    /// <param name="centreOf">Target t's centre.</param>
    /// <param name="write">Receives target t's estimate.</param>
    /// <param name="exclusion">Per target, a sample and a drillhole to leave out; null for none.</param>
    /// <param name="progress">Receives progress in targets.</param>
    /// <param name="cancellationToken">Stops the run between tiles.</param>
    /// <param name="gridTiles">Tiles of a block grid (when the targets are blocks), given the plan's degree of parallelism; else the targets are tiled in space.</param>
    public EstimationReport Run(int count, Func<int, Point3> centreOf, EstimateWriter write,
        Func<int, (int Sample, int? Hole)>? exclusion, IProgress<WorkProgress>? progress, CancellationToken cancellationToken,
        Func<int, TargetTiles>? gridTiles = null)
    {
        var clock = Stopwatch.StartNew();
        bool tiled = exclusion is null && _searches.Length > 0;
        TargetTiles tiles = !tiled ? TargetTiles.Sequential(count, ChunkSize)
            : gridTiles?.Invoke(_plan.MaxDegreeOfParallelism) ?? TargetTiles.Spatial(count, t => _searches[0].ToMetric(centreOf(t)), TargetsPerTile);
        long done = 0;

        // Workspaces are pooled for the run: the loop allocates O(threads), never O(blocks).
        var pool = new System.Collections.Concurrent.ConcurrentBag<Workspace>();
        var used = new System.Collections.Concurrent.ConcurrentBag<Workspace>();
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = _plan.MaxDegreeOfParallelism };
        Parallel.For(0, tiles.Count, options, () => pool.TryTake(out Workspace? w) ? w : Track(used, CreateWorkspace()), (tile, _, ws) =>
        {
            int size = tiles.SizeOf(tile);
            if (ws.TileOrder.Length < size)
            {
                ws.TileOrder = new int[Math.Max(size, 2 * ws.TileOrder.Length)];
            }

            Span<int> order = ws.TileOrder.AsSpan(0, tiles.Targets(tile, ws.TileOrder));
            bool shared = tiled && size >= MinimumTile;
            ws.Kriging?.ForgetPairs(); // the next tile is elsewhere: keep the table of pair covariances small
            if (shared)
            {
                if (ws.TileTargets.Length < size)
                {
                    ws.TileTargets = new Point3[Math.Max(size, 2 * ws.TileTargets.Length)];
                }

                for (int i = 0; i < size; i++)
                {
                    ws.TileTargets[i] = centreOf(order[i]);
                }

                ws.TileSize = size;
                foreach (SearchTile candidates in ws.Tiles)
                {
                    candidates.Ready = false;
                }
            }

            for (int i = 0; i < size; i++)
            {
                int t = order[i];
                (int sample, int? hole) = exclusion?.Invoke(t) ?? (-1, null);
                BlockEstimate e = EstimateAt(shared ? ws.TileTargets[i] : centreOf(t), ws, sample, hole, shared);
                write(t, in e);
                if (e.IsEstimated)
                {
                    ws.PerPass[e.Pass - 1]++;
                }
                else
                {
                    ws.Unestimated++;
                }

                ws.Dropped += e.SamplesDropped;
                ws.BlocksWithDrops += e.SamplesDropped > 0 ? 1 : 0;
            }

            if (progress is not null)
            {
                progress.Report(new WorkProgress("Estimating blocks", Interlocked.Add(ref done, size), count));
            }

            return ws;
        }, pool.Add);

        var perPass = new long[_searches.Length];
        long unestimated = 0, dropped = 0, blocksWithDrops = 0;
        foreach (Workspace ws in used)
        {
            for (int p = 0; p < perPass.Length; p++)
            {
                perPass[p] += ws.PerPass[p];
            }

            unestimated += ws.Unestimated;
            dropped += ws.Dropped;
            blocksWithDrops += ws.BlocksWithDrops;
        }

        return new EstimationReport(_plan.Method, count, perPass, unestimated, dropped, blocksWithDrops, SamplesMissing, clock.Elapsed);
    }
}
