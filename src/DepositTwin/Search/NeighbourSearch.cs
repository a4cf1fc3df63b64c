using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DepositTwin.Geometry;

namespace DepositTwin.Search;

/// <summary>
/// Finds the samples a <see cref="SearchNeighbourhood"/> allows for a target point. Sample coordinates are
/// mapped into the ranking metric's space once (the ellipsoid's isotropic space for
/// <see cref="SearchMetric.Anisotropic"/>); queries are answered by a <see cref="KdTree"/>.
/// </summary>
/// <remarks>Thread-safe: each thread passes its own <see cref="NeighbourBuffers"/>.</remarks>
public sealed class NeighbourSearch
{
    private readonly Point3[] _locations;
    private readonly int[] _holes; // dense: 0 .. distinct holes − 1
    private readonly Dictionary<int, int> _holeIndex; // drillhole id → dense id
    private readonly KdTree _tree;
    private readonly SampleGrid _grid; // the same points, for the tiles' range queries (scanned in vectors)
    private readonly Point3[] _mapped; // the locations in the ranking metric's space
    private readonly Matrix3 _toMetric;
    private readonly Ellipsoid _ellipsoid; // held here: reading it through the rules copies the whole struct per sample
    private readonly Matrix3 _toAxes; // its rotation
    private readonly double _radius;
    private readonly bool _unlimited; // no octant or per-hole limit and a ranking that is the ellipsoid's own
    private readonly bool _greedyIsOptimal; // at most a per-hole limit: nearest-first stops as early as any choice could

    /// <summary>Indexes samples for a neighbourhood.</summary>
    /// <param name="locations">Sample locations.</param>
    /// <param name="holeIds">Drillhole of each sample (for the per-hole limit and counts).</param>
    /// <param name="neighbourhood">The rules.</param>
    public NeighbourSearch(ReadOnlySpan<Point3> locations, ReadOnlySpan<int> holeIds, SearchNeighbourhood neighbourhood)
    {
        ArgumentNullException.ThrowIfNull(neighbourhood);
        if (holeIds.Length != locations.Length)
        {
            throw new ArgumentException($"There are {holeIds.Length} hole ids for {locations.Length} samples.", nameof(holeIds));
        }

        if (neighbourhood.MaxPerOctant < 0 || neighbourhood.MaxPerHole < 0 || neighbourhood.MinInformedOctants is < 0 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(neighbourhood), "MaxPerOctant and MaxPerHole must be ≥ 0 and MinInformedOctants in [0, 8].");
        }

        if (!Enum.IsDefined(neighbourhood.Octants))
        {
            throw new ArgumentOutOfRangeException(nameof(neighbourhood), neighbourhood.Octants, "Octants must be DataAxes or SearchEllipsoid.");
        }

        Neighbourhood = neighbourhood;
        _locations = locations.ToArray();
        _holes = DenseHoles(holeIds, out _holeIndex);
        Ellipsoid e = neighbourhood.Ellipsoid;
        bool anisotropic = neighbourhood.Metric == SearchMetric.Anisotropic;
        _toMetric = anisotropic ? e.Transform : Matrix3.Identity;
        _ellipsoid = e;
        _toAxes = e.Rotation.Matrix;
        bool sphere = e.SemiMajor == e.Major && e.Minor == e.Major; // ranks by Euclidean distance whichever metric is asked for
        _greedyIsOptimal = neighbourhood.MaxPerOctant == 0 && (anisotropic || sphere);
        _unlimited = _greedyIsOptimal && neighbourhood.MaxPerHole == 0;
        _radius = e.Major; // in isotropic space the ellipsoid is a sphere of this radius; otherwise its bounding sphere
        _mapped = new Point3[_locations.Length];
        for (int i = 0; i < _mapped.Length; i++)
        {
            _mapped[i] = _toMetric.Transform(_locations[i]);
        }

        _tree = new KdTree(_mapped);
        _grid = new SampleGrid(_mapped);
    }

    /// <summary>The rules.</summary>
    public SearchNeighbourhood Neighbourhood { get; }

    /// <summary>Drillhole ids renumbered 0 .. n − 1 in order of first appearance, so per-hole counts are array lookups.</summary>
    internal static int[] DenseHoles(ReadOnlySpan<int> holeIds, out Dictionary<int, int> index)
    {
        index = [];
        var dense = new int[holeIds.Length];
        for (int i = 0; i < dense.Length; i++)
        {
            if (!index.TryGetValue(holeIds[i], out dense[i]))
            {
                dense[i] = index[holeIds[i]] = index.Count;
            }
        }

        return dense;
    }

    /// <summary>
    /// Finds the samples for a target: nearest first by the metric (ties by index), within the ellipsoid,
    /// under the octant and per-hole limits.
    /// </summary>
    /// <param name="target">The point (a block centroid).</param>
    /// <param name="buffers">This thread's buffers; <see cref="NeighbourBuffers.Indices"/> and
    /// <see cref="NeighbourBuffers.Distances"/> receive the result.</param>
    /// <param name="excludeSample">A sample to leave out (cross-validation), or −1.</param>
    /// <param name="excludeHole">A drillhole to leave out, or null.</param>
    /// <returns>The number of samples found; whether they satisfy the minimum rules is <see cref="Satisfies"/>.</returns>
    public int Find(Point3 target, NeighbourBuffers buffers, int excludeSample = -1, int? excludeHole = null)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        buffers.EnsureCapacity(Neighbourhood.MaxSamples);
        Point3 query = _toMetric.Transform(target);
        SearchNeighbourhood rules = Neighbourhood;
        if (_unlimited && excludeSample < 0 && excludeHole is null)
        {
            // No rule can turn a candidate away: the k nearest are the answer. Consecutive blocks are close, so
            // the previous query's k-th distance plus the step between queries bounds this one's k-th distance
            // (triangle inequality): a much smaller starting radius, and the same result.
            int k = rules.MaxSamples;
            Span<int> indices = buffers.Indices.AsSpan(0, k);
            Span<double> distances = buffers.Distances.AsSpan(0, k);
            int found = 0;
            if (buffers.PreviousKthDistance is double previous && buffers.PreviousSearch == this)
            {
                double bound = Padded(previous + query.DistanceTo(buffers.PreviousQuery));
                if (bound < _radius)
                {
                    found = _tree.Nearest(query, bound, indices, distances);
                }
            }

            if (found < k)
            {
                found = _tree.Nearest(query, _radius, indices, distances);
            }

            TakeRoots(distances[..found]);
            buffers.PreviousSearch = this;
            buffers.PreviousQuery = query;
            buffers.PreviousKthDistance = found == k ? distances[k - 1] : null;
            return found;
        }

        var selector = new Selector(this, target, buffers, excludeSample, excludeHole);
        _tree.VisitNearestFirst(query, _radius, buffers.Queue, ref selector);
        TakeRoots(buffers.Distances.AsSpan(0, selector.Accepted));
        return selector.Accepted;
    }

    /// <summary>Squared distances to distances, in place (visitors keep squares; roots are taken once, in vectors).</summary>
    private static void TakeRoots(Span<double> squared)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<double>.Count <= squared.Length; i += Vector256<double>.Count)
            {
                Vector256.Sqrt(Vector256.Create(squared.Slice(i, Vector256<double>.Count))).CopyTo(squared[i..]);
            }
        }

        for (; i < squared.Length; i++)
        {
            squared[i] = Math.Sqrt(squared[i]);
        }
    }

    /// <summary>A point in the ranking metric's space (where targets are grouped into tiles).</summary>
    internal Point3 ToMetric(Point3 p) => _toMetric.Transform(p);

    /// <summary>
    /// Gathers, for a tile of nearby targets, every sample that <see cref="Find"/> could return for any of them
    /// (GSLIB's super-block idea made exact). In the metric space let c be the centre of the tile's bounding box
    /// and h the largest distance from c to a target. When the rules are a partition by drillhole at most (no
    /// octant limit, no target-dependent ellipsoid test), a greedy nearest-first selection stops at the smallest
    /// distance within which k samples can be taken; the selection at c stops at ρ, so for a target t the k
    /// samples taken at c lie within ρ + h of t, its own selection stops within min(R, ρ + h), and all it can
    /// take lies within min(R, ρ + h) + h of c. With octant limits or a Euclidean ranking inside an ellipsoid the
    /// reach is R + h. Then <see cref="FindInTile"/> ranks those candidates.
    /// </summary>
    internal void Gather(ReadOnlySpan<Point3> targets, SearchTile tile, NeighbourBuffers buffers)
    {
        BoundingBox box = BoundingBox.Of(targets);
        Point3 centre = 0.5 * (box.Min + box.Max), c = _toMetric.Transform(centre);
        double h = 0;
        foreach (Point3 t in targets)
        {
            h = Math.Max(h, _toMetric.Transform(t).DistanceTo(c));
        }

        double reach = _radius;
        double rho = _greedyIsOptimal ? CentreStop(centre, c, buffers, tile) : double.NaN;
        tile.Reset();
        if (!double.IsNaN(rho))
        {
            reach = Math.Min(_radius, rho + h);

            // A target's stop is within ρ + |t − c|: the first target's bound, before there is a previous one.
            (tile.PreviousQuery, tile.PreviousStop) = (c, rho);
        }

        double within = Padded(reach + h);
        var collector = new TileCollector(tile, _mapped);
        _grid.VisitWithinRadius(c, within, ref collector);
        tile.SortIntoShells(c, within);
        tile.Pad();
    }

    /// <summary>
    /// Where the selection at a tile's centre stops (NaN: fewer than k samples in the ellipsoid). With no rule
    /// that can turn a sample away it stops at the k-th smallest distance, which the grid gives within the
    /// previous centre's bound (as <see cref="Find"/> bounds it), or the previous tile's last target's if less, and
    /// a selection, with no ranking of the rest.
    /// </summary>
    private double CentreStop(Point3 centre, Point3 c, NeighbourBuffers buffers, SearchTile previousTile)
    {
        int k = Neighbourhood.MaxSamples;
        if (_unlimited && buffers.PreviousSearch == this && buffers.PreviousKthDistance is double previous)
        {
            double bound = previous + c.DistanceTo(buffers.PreviousQuery);
            if (double.IsFinite(previousTile.PreviousStop))
            {
                bound = Math.Min(bound, previousTile.PreviousStop + c.DistanceTo(previousTile.PreviousQuery));
            }

            bound = Padded(bound);
            if (bound < _radius)
            {
                var squares = new SquaredDistances(buffers);
                _grid.VisitWithinRadius(c, bound, ref squares);
                if (squares.Count >= k)
                {
                    double rho = Math.Sqrt(SmallestAt(buffers.Squares.AsSpan(0, squares.Count), k - 1));
                    (buffers.PreviousQuery, buffers.PreviousKthDistance) = (c, rho);
                    return rho;
                }
            }
        }

        int found = Find(centre, buffers);
        return found == k ? buffers.Distances[k - 1] : double.NaN;
    }

    /// <summary>Collects squared distances into the buffers' <see cref="NeighbourBuffers.Squares"/>.</summary>
    private struct SquaredDistances(NeighbourBuffers buffers) : IPointVisitor
    {
        public int Count { get; private set; }

        public void Visit(int index, double distanceSquared)
        {
            if (Count == buffers.Squares.Length)
            {
                Array.Resize(ref buffers.Squares, 2 * Count);
            }

            buffers.Squares[Count++] = distanceSquared;
        }
    }

    /// <summary>
    /// The value that sorting would put at <paramref name="rank"/> (Hoare's selection, median of three pivots):
    /// linear on average, where sorting a hundred distances to read one would cost several times more. Reorders the values.
    /// </summary>
    internal static double SmallestAt(Span<double> values, int rank)
    {
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            double a = values[lo], b = values[mid], c = values[hi];
            double pivot = Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            // [lo, j] ≤ pivot ≤ [i, hi], and anything between equals the pivot.
            if (rank <= j)
            {
                hi = j;
            }
            else if (rank >= i)
            {
                lo = i;
            }
            else
            {
                return values[rank];
            }
        }

        return values[rank];
    }

    /// <summary>
    /// <see cref="Find(Point3, NeighbourBuffers, int, int?)"/> for a target of a tile gathered by <see cref="Gather"/>:
    /// the same samples in the same order, by brute force over the tile's candidates (over the shells of them
    /// near enough to the target for the stage: <see cref="SearchTile.Filter"/>), but with the squared distances
    /// in <see cref="NeighbourBuffers.Distances"/>: the estimators need the samples alone, and the roots would
    /// cost a few per cent of an inverse-distance block. Squared distances are
    /// computed exactly as the tree computes them, so ranks and ties agree to the bit. Candidates are taken in
    /// stages: first those within the previous target's stopping distance plus the step between the two (which
    /// bounds this one's when no octant rule applies, and is a good guess when one does), then the rest of the ellipsoid.
    /// </summary>
    internal int FindInTile(Point3 target, NeighbourBuffers buffers, SearchTile tile)
    {
        buffers.EnsureCapacity(Neighbourhood.MaxSamples + SearchTile.CountingRankLimit); // room to rank a stage in place: FirstK
        Point3 query = _toMetric.Transform(target);
        tile.Query(query);
        // Stages: within the previous stop plus the step (enough unless an octant rule reaches further), then
        // growing by half in distance up to the ellipsoid. Ranking costs the square of a stage's size, so several
        // small stages beat one large; but each stage is a pass over the shells in its reach, and a first stage within the
        // previous stop alone (a little smaller) measured slower, as half the targets then needed a second.
        double r2 = _radius * _radius;
        double bound = r2;
        if (double.IsFinite(tile.PreviousStop))
        {
            bound = Math.Min(r2, Squared(Padded(tile.PreviousStop + query.DistanceTo(tile.PreviousQuery))));
        }

        int accepted;
        if (_unlimited)
        {
            var firstK = new FirstK(buffers, Neighbourhood.MaxSamples);
            TakeInStages(tile, bound, r2, ref firstK);
            accepted = firstK.Accepted;
        }
        else
        {
            var selector = new Selector(this, target, buffers, -1, null);
            TakeInStages(tile, bound, r2, ref selector);
            accepted = selector.Accepted;
        }

        tile.PreviousQuery = query;
        tile.PreviousStop = accepted == Neighbourhood.MaxSamples ? Math.Sqrt(buffers.Distances[accepted - 1]) : double.NaN;
        return accepted;
    }

    /// <summary>
    /// Offers the candidates nearest first, stage by stage (below &lt; d² ≤ upTo), until the visitor is full or
    /// the ellipsoid is exhausted: first within <paramref name="first"/>, then growing by half in distance (at
    /// least 1/16 of the radius at a time) up to <paramref name="r2"/>. Ranking costs the square of a stage's
    /// size, so a stage of more than <see cref="SearchTile.CountingRankLimit"/> (octant rules can put hundreds in
    /// the first) is split into bands of about <see cref="BandSize"/> and ranked band by band, as far as the
    /// visitor takes them. Stages and bands only decide the work: the order offered is the same.
    /// </summary>
    private static void TakeInStages<TVisitor>(SearchTile tile, double first, double r2, ref TVisitor visitor)
        where TVisitor : struct, IStageVisitor
    {
        for (double below = -1, upTo = first; ; below = upTo, upTo = Math.Min(r2, Math.Max(2.25 * upTo, r2 / 256)))
        {
            int n = tile.Filter(below, upTo);
            if (n <= SearchTile.CountingRankLimit)
            {
                if (!TakeRanked(tile, n, ref visitor))
                {
                    return;
                }
            }
            else
            {
                int bands = (n + BandSize - 1) / BandSize;
                tile.SplitIntoBands(n, below, upTo, bands);
                for (int band = 0; band < bands; band++)
                {
                    if (!TakeRanked(tile, tile.TakeBand(band), ref visitor))
                    {
                        return;
                    }
                }
            }

            if (upTo >= r2)
            {
                return;
            }
        }
    }

    private static bool TakeRanked<TVisitor>(SearchTile tile, int n, ref TVisitor visitor)
        where TVisitor : struct, IStageVisitor
    {
        visitor.RoomFor(tile, n, out Span<double> distancesSquared, out Span<int> indices);
        int ranked = tile.RankFiltered(n, distancesSquared, indices);
        return visitor.TakeStage(indices[..ranked], distancesSquared[..ranked]);
    }

    /// <summary>Candidates a band of a large stage holds on average (bands have equal widths in d², not equal counts).</summary>
    private const int BandSize = 32;

    /// <summary>Receives a stage of a tile's candidates at a time, nearest first.</summary>
    private interface IStageVisitor
    {
        /// <summary>Where the next stage, of <paramref name="n"/> candidates, is to be ranked.</summary>
        void RoomFor(SearchTile tile, int n, out Span<double> distancesSquared, out Span<int> indices);

        /// <summary>Offers the stage's candidates in order; false once no more are wanted.</summary>
        bool TakeStage(ReadOnlySpan<int> indices, ReadOnlySpan<double> distancesSquared);
    }

    /// <summary>
    /// Takes the first k candidates offered: the rule set where nothing can turn one away. A stage is ranked
    /// straight into the buffers after the samples already taken (they have room for a counted stage past k:
    /// <see cref="FindInTile"/>), so nothing is copied; what lies past the k-th is never read.
    /// </summary>
    private struct FirstK(NeighbourBuffers buffers, int k) : IStageVisitor
    {
        private bool _inPlace;

        public int Accepted { get; private set; }

        public void RoomFor(SearchTile tile, int n, out Span<double> distancesSquared, out Span<int> indices)
        {
            _inPlace = Accepted + n <= buffers.Indices.Length;
            if (_inPlace)
            {
                distancesSquared = buffers.Distances.AsSpan(Accepted, n);
                indices = buffers.Indices.AsSpan(Accepted, n);
            }
            else
            {
                tile.RankBuffers(n, out distancesSquared, out indices);
            }
        }

        public bool TakeStage(ReadOnlySpan<int> indices, ReadOnlySpan<double> distancesSquared)
        {
            int take = Math.Min(indices.Length, k - Accepted);
            if (!_inPlace)
            {
                indices[..take].CopyTo(buffers.Indices.AsSpan(Accepted));
                distancesSquared[..take].CopyTo(buffers.Distances.AsSpan(Accepted));
            }

            Accepted += take;
            return Accepted < k;
        }
    }

    private static double Squared(double x) => x * x;

    private readonly struct TileCollector(SearchTile tile, Point3[] mapped) : IPointVisitor
    {
        public void Visit(int index, double distanceSquared) => tile.Add(index, mapped[index], distanceSquared);
    }

    /// <summary>A distance widened for the rounding of distances computed another way (by the tree, by the tile, in vectors).</summary>
    private static double Padded(double distance) => (distance * (1 + 1e-12)) + 1e-9;

    /// <summary>True when a neighbourhood found by <see cref="Find"/> has enough samples and informed octants.</summary>
    public bool Satisfies(Point3 target, NeighbourBuffers buffers, int count)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        if (count < Neighbourhood.MinSamples)
        {
            return false;
        }

        if (Neighbourhood.MinInformedOctants == 0)
        {
            return true;
        }

        int mask = 0;
        for (int i = 0; i < count; i++)
        {
            mask |= 1 << Octant(target, _locations[buffers.Indices[i]]);
        }

        return System.Numerics.BitOperations.PopCount((uint)mask) >= Neighbourhood.MinInformedOctants;
    }

    /// <summary>Takes candidates nearest first under the rules until the maximum is reached.</summary>
    private struct Selector : IOrderedPointVisitor, IStageVisitor
    {
        // The rules and arrays in fields of their own: Visit runs for every candidate (hundreds a target under octant rules).
        private readonly NeighbourSearch _search;
        private readonly Point3 _target;
        private readonly NeighbourBuffers _buffers;
        private readonly int[] _holes, _octantCounts, _indices;
        private readonly double[] _distances;
        private readonly Point3[] _locations;
        private readonly int _maxPerOctant, _maxPerHole, _maxSamples;
        private readonly bool _euclidean;
        private readonly int _excludeSample;
        private readonly int _excludeHole; // dense id, or −1

        /// <summary>Starts a selection into <paramref name="buffers"/>, which must already hold room for the maximum.</summary>
        public Selector(NeighbourSearch search, Point3 target, NeighbourBuffers buffers, int excludeSample, int? excludeHole)
        {
            SearchNeighbourhood rules = search.Neighbourhood;
            _search = search;
            _target = target;
            _buffers = buffers;
            (_holes, _locations, _octantCounts) = (search._holes, search._locations, buffers.OctantCounts);
            (_indices, _distances) = (buffers.Indices, buffers.Distances);
            (_maxPerOctant, _maxPerHole, _maxSamples) = (rules.MaxPerOctant, rules.MaxPerHole, rules.MaxSamples);
            _euclidean = rules.Metric == SearchMetric.Euclidean;
            _excludeSample = excludeSample;
            _excludeHole = excludeHole is int hole && search._holeIndex.TryGetValue(hole, out int dense) ? dense : -1;
            Accepted = 0;
            if (_maxPerOctant > 0)
            {
                Array.Clear(_octantCounts);
            }

            if (_maxPerHole > 0)
            {
                buffers.BeginHoleCounts(search._holeIndex.Count);
            }
        }

        public int Accepted { get; private set; }

        public bool Visit(int s, double distanceSquared)
        {
            int hole = _holes[s];
            if (s == _excludeSample || hole == _excludeHole)
            {
                return true;
            }

            if (_euclidean && !_search._ellipsoid.Contains(_target, _locations[s]))
            {
                return true;
            }

            // A sample must pass both limits before it counts against either.
            int octant = 0;
            if (_maxPerOctant > 0)
            {
                octant = _search.Octant(_target, _locations[s]);
                if (_octantCounts[octant] == _maxPerOctant)
                {
                    return true;
                }
            }

            if (_maxPerHole > 0)
            {
                int usedInHole = _buffers.HoleCount(hole);
                if (usedInHole == _maxPerHole)
                {
                    return true;
                }

                _buffers.SetHoleCount(hole, usedInHole + 1);
            }

            _octantCounts[octant]++;
            _indices[Accepted] = s;
            _distances[Accepted] = distanceSquared;
            return ++Accepted < _maxSamples;
        }

        public readonly void RoomFor(SearchTile tile, int n, out Span<double> distancesSquared, out Span<int> indices) =>
            tile.RankBuffers(n, out distancesSquared, out indices);

        public bool TakeStage(ReadOnlySpan<int> indices, ReadOnlySpan<double> distancesSquared)
        {
            for (int i = 0; i < indices.Length; i++)
            {
                if (!Visit(indices[i], distancesSquared[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private int Octant(Point3 target, Point3 sample) => Neighbourhood.Octants == OctantFrame.DataAxes
        ? DataAxesOctant(sample - target)
        : EllipsoidOctant(_toAxes.Transform(sample - target));

    /// <summary>GSLIB's octant of a displacement from the target (<see cref="OctantFrame.DataAxes"/>): 0–3 above, 4–7 below, quadrants in GSLIB's order and ties.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int DataAxesOctant(Point3 d)
    {
        // GSLIB's three quadrant tests exclude one another, and the fourth quadrant is none of them: 3 − 3·q1 − 2·q2 − q3,
        // without a branch (the signs of neighbours' displacements are unpredictable).
        int first = d.X <= 0 & d.Y > 0 ? 3 : 0, second = d.X > 0 & d.Y >= 0 ? 2 : 0, third = d.X < 0 & d.Y <= 0 ? 1 : 0;
        return 3 - first - second - third + (d.Z < 0 ? 4 : 0);
    }

    /// <summary>The octant of a displacement in the ellipsoid's axes (<see cref="OctantFrame.SearchEllipsoid"/>): one bit per axis, set on its positive side.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int EllipsoidOctant(Point3 axes) => (axes.X >= 0 ? 1 : 0) | (axes.Y >= 0 ? 2 : 0) | (axes.Z >= 0 ? 4 : 0);
}

/// <summary>
/// The candidates of one tile of targets for one search (structure of arrays in the metric space, padded to
/// whole vectors) and the last target's stopping distance. One per thread and pass, reused tile after tile.
/// </summary>
internal sealed class SearchTile
{
    private const int Padding = 8;
    private double[] _x = new double[Padding], _y = new double[Padding], _z = new double[Padding], _d2 = new double[Padding];
    private int[] _index = new int[Padding];
    private double[] _rankedDistances = new double[Padding];
    private double[] _keys = new double[Padding]; // filtered candidates: squared distances and sample indices
    private int[] _keyIndices = new int[Padding];
    private int[] _ranked = new int[Padding];
    private long[] _ranks = new long[2 * Padding];
    private double[] _bucketKeys = new double[Padding]; // a large stage's candidates, grouped into bands of distance
    private int[] _bucketIndices = new int[Padding];
    private int[] _bucketStarts = new int[2];
    private double[] _shellX = new double[Padding], _shellY = new double[Padding], _shellZ = new double[Padding]; // the sort's other half
    private int[] _shellIndex = new int[Padding];
    private readonly int[] _shellStarts = new int[Shells + 1]; // where each shell starts, and Count
    private Point3 _centre, _query;
    private double _shellsPerSquare, _toCentre;
    private int _measured; // candidates whose squared distance to the query is in _d2

    /// <summary>Shells of equal width in squared distance from the tile's centre, in which the candidates are stored nearest first.</summary>
    internal const int Shells = 16;

    /// <summary>Whether the current tile has been gathered for this search.</summary>
    public bool Ready { get; set; }

    public int Count { get; private set; }

    public Point3 PreviousQuery { get; set; }

    public double PreviousStop { get; set; } = double.NaN;

    internal void Reset()
    {
        Count = 0;
        PreviousStop = double.NaN;
        Ready = true;
    }

    /// <summary>Adds a candidate at squared distance <paramref name="fromCentre"/> from the tile's centre.</summary>
    internal void Add(int index, Point3 mapped, double fromCentre)
    {
        if (Count + 1 + Padding > _x.Length)
        {
            int size = 2 * (Count + Padding);
            Array.Resize(ref _x, size);
            Array.Resize(ref _y, size);
            Array.Resize(ref _z, size);
            Array.Resize(ref _d2, size);
            Array.Resize(ref _index, size);
            Array.Resize(ref _ranked, size);
            Array.Resize(ref _rankedDistances, size);
            Array.Resize(ref _keys, size);
            Array.Resize(ref _keyIndices, size);
            Array.Resize(ref _ranks, size + Padding);
            Array.Resize(ref _bucketKeys, size);
            Array.Resize(ref _bucketIndices, size);
            Array.Resize(ref _shellX, size);
            Array.Resize(ref _shellY, size);
            Array.Resize(ref _shellZ, size);
            Array.Resize(ref _shellIndex, size);
        }

        (_x[Count], _y[Count], _z[Count], _index[Count], _d2[Count]) = (mapped.X, mapped.Y, mapped.Z, index, fromCentre);
        Count++;
    }

    /// <summary>
    /// Orders the candidates added by shell of distance from <paramref name="centre"/> (the tile's, in the metric
    /// space) within <paramref name="radius"/>, by a counting sort on the squared distances <see cref="Add"/> was
    /// given: shells of equal width in d², so no roots.
    /// </summary>
    internal void SortIntoShells(Point3 centre, double radius)
    {
        _centre = centre;
        _shellsPerSquare = radius > 0 && double.IsFinite(radius * radius) ? Shells / (radius * radius) : 0;
        Span<int> shellOf = MemoryMarshal.Cast<long, int>(_ranks.AsSpan())[..Count]; // the rank buffer is free until the tile is searched
        BandsOf(_d2.AsSpan(0, Count), 0, _shellsPerSquare, Shells, shellOf);
        Span<int> starts = _shellStarts;
        CountBands(shellOf, starts[..Shells]);
        starts[Shells] = Count;
        for (int j = Count - 1; j >= 0; j--)
        {
            int slot = --starts[shellOf[j]];
            (_shellX[slot], _shellY[slot], _shellZ[slot], _shellIndex[slot]) = (_x[j], _y[j], _z[j], _index[j]);
        }

        (_x, _shellX) = (_shellX, _x);
        (_y, _shellY) = (_shellY, _y);
        (_z, _shellZ) = (_shellZ, _z);
        (_index, _shellIndex) = (_shellIndex, _index);
    }

    /// <summary>
    /// The counting sort's positions: keys per band, summed, so that <paramref name="ends"/>[b] is where band b
    /// ends. Scattering the keys from the last with <c>--ends[band]</c> then keeps each band's order and leaves
    /// <paramref name="ends"/>[b] where band b starts.
    /// </summary>
    internal static void CountBands(ReadOnlySpan<int> bandOf, Span<int> ends)
    {
        ends.Clear();
        foreach (int band in bandOf)
        {
            ends[band]++;
        }

        for (int band = 1; band < ends.Length; band++)
        {
            ends[band] += ends[band - 1];
        }
    }

    /// <summary>Each key's band: ⌊(key − from)·scale⌋, at most <paramref name="bands"/> − 1 (keys are at least from).</summary>
    private static void BandsOf(ReadOnlySpan<double> keys, double from, double scale, int bands, Span<int> bandOf)
    {
        int i = 0;
        if (Avx.IsSupported)
        {
            Vector256<double> origin = Vector256.Create(from), factor = Vector256.Create(scale);
            Vector128<int> last = Vector128.Create(bands - 1);
            for (; i + Vector256<double>.Count <= keys.Length; i += Vector256<double>.Count)
            {
                Vector256<double> band = (Vector256.Create(keys.Slice(i, Vector256<double>.Count)) - origin) * factor;
                Vector128.Min(Avx.ConvertToVector128Int32WithTruncation(band), last).CopyTo(bandOf[i..]);
            }
        }

        for (; i < keys.Length; i++)
        {
            bandOf[i] = Math.Min(bands - 1, (int)((keys[i] - from) * scale));
        }
    }

    /// <summary>+∞ past the last candidate: whole vectors of distances then hold +∞ there, which no stage takes.</summary>
    internal void Pad()
    {
        _x.AsSpan(Count, Padding).Fill(double.PositiveInfinity);
        _y.AsSpan(Count, Padding).Fill(double.PositiveInfinity);
        _z.AsSpan(Count, Padding).Fill(double.PositiveInfinity);
        _d2.AsSpan(Count, Padding).Fill(double.PositiveInfinity); // for the scalar distances, which stop at Count
    }

    /// <summary>Starts the stages of a target at <paramref name="q"/> (metric space): its distances are measured as stages need them.</summary>
    internal void Query(Point3 q)
    {
        _query = q;
        _toCentre = q.DistanceTo(_centre);
        _measured = 0;
    }

    /// <summary>
    /// How many candidates, from the first, a stage up to <paramref name="upTo"/> (squared, from the query) must
    /// look at: those in the shells a candidate within reach can lie in (triangle inequality through the tile's
    /// centre, widened for rounding), to a whole vector.
    /// </summary>
    private int Reach(double upTo)
    {
        double limit = ((Math.Sqrt(upTo) + _toCentre) * (1 + 1e-12)) + 1e-6, shell = limit * limit * _shellsPerSquare;
        int end = shell >= Shells - 1 ? Count : _shellStarts[(int)shell + 1];
        return Math.Min(Count, (end + Vector256<double>.Count - 1) & -Vector256<double>.Count);
    }

    /// <summary>Squared distances from the query to the first <paramref name="end"/> candidates, as the tree computes them: (dx² + dy²) + dz².</summary>
    private void Measure(int end)
    {
        if (end <= _measured)
        {
            return;
        }

        ref double x = ref MemoryMarshal.GetArrayDataReference(_x);
        ref double y = ref MemoryMarshal.GetArrayDataReference(_y);
        ref double z = ref MemoryMarshal.GetArrayDataReference(_z);
        ref double d = ref MemoryMarshal.GetArrayDataReference(_d2);
        Point3 q = _query;
        int j = _measured;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> qx = Vector256.Create(q.X), qy = Vector256.Create(q.Y), qz = Vector256.Create(q.Z);
            for (j &= -Vector256<double>.Count; j < end; j += Vector256<double>.Count)
            {
                Vector256<double> dx = Vector256.LoadUnsafe(ref x, (nuint)j) - qx, dy = Vector256.LoadUnsafe(ref y, (nuint)j) - qy, dz = Vector256.LoadUnsafe(ref z, (nuint)j) - qz;
                (dx * dx + dy * dy + dz * dz).StoreUnsafe(ref d, (nuint)j);
            }
        }

        for (; j < end; j++)
        {
            double dx = Unsafe.Add(ref x, j) - q.X, dy = Unsafe.Add(ref y, j) - q.Y, dz = Unsafe.Add(ref z, j) - q.Z;
            Unsafe.Add(ref d, j) = dx * dx + dy * dy + dz * dz;
        }

        _measured = end;
    }

    /// <summary>The most candidates <see cref="RankFiltered"/> ranks by counting; more go to a comparison sort.</summary>
    internal const int CountingRankLimit = 64;

    /// <summary>
    /// Splits the <paramref name="n"/> candidates the last <see cref="Filter"/> took (all with from &lt; d² ≤ upTo,
    /// or 0 ≤ d² when from is negative) into <paramref name="bands"/> bands of equal width in d², nearest band
    /// first, by a counting sort; <see cref="TakeBand"/> then makes one band the filtered candidates. Equal
    /// distances always share a band, so ranking band after band is ranking the whole.
    /// </summary>
    internal void SplitIntoBands(int n, double from, double upTo, int bands)
    {
        from = Math.Max(from, 0);
        if (_bucketStarts.Length < bands + 1)
        {
            _bucketStarts = new int[Math.Max(bands + 1, 2 * _bucketStarts.Length)];
        }

        Span<int> starts = _bucketStarts.AsSpan(0, bands + 1);
        Span<int> bandOf = MemoryMarshal.Cast<long, int>(_ranks.AsSpan())[..n]; // the rank buffer is free until the bands are ranked
        BandsOf(_keys.AsSpan(0, n), from, bands / (upTo - from), bands, bandOf);
        CountBands(bandOf, starts[..bands]);
        starts[bands] = n;
        Span<double> keys = _bucketKeys.AsSpan(0, n);
        Span<int> indices = _bucketIndices.AsSpan(0, n);
        for (int i = n - 1; i >= 0; i--)
        {
            int slot = --starts[bandOf[i]];
            (keys[slot], indices[slot]) = (_keys[i], _keyIndices[i]);
        }
    }

    /// <summary>Makes band <paramref name="band"/> of the last <see cref="SplitIntoBands"/> the filtered candidates; returns how many.</summary>
    internal int TakeBand(int band)
    {
        int start = _bucketStarts[band], n = _bucketStarts[band + 1] - start;
        _bucketKeys.AsSpan(start, n).CopyTo(_keys);
        _bucketIndices.AsSpan(start, n).CopyTo(_keyIndices);
        return n;
    }

    /// <summary>The tile's own room for a ranked stage of <paramref name="n"/>, valid until the next ranking into it.</summary>
    internal void RankBuffers(int n, out Span<double> distancesSquared, out Span<int> indices)
    {
        distancesSquared = _rankedDistances.AsSpan(0, n);
        indices = _ranked.AsSpan(0, n);
    }

    /// <summary>
    /// Ranks the <paramref name="n"/> candidates the last <see cref="Filter"/> (or <see cref="TakeBand"/>) took,
    /// nearest first, ties by sample index, into <paramref name="distancesSquared"/> and <paramref name="indices"/>
    /// (their squared distances and sample indices; both at least n long); returns n.
    /// </summary>
    internal int RankFiltered(int n, Span<double> distancesSquared, Span<int> indices)
    {
        if (distancesSquared.Length < n || indices.Length < n)
        {
            throw new ArgumentException($"Room for {n} ranked candidates is needed.", nameof(indices));
        }

        if (n <= CountingRankLimit)
        {
            // A few dozen candidates: each one's rank is the number of keys before it, counted without a branch
            // (a comparison sort mispredicts about once per element), then each is written to its place.
            ref double keys = ref MemoryMarshal.GetArrayDataReference(_keys);
            ref int ids = ref MemoryMarshal.GetArrayDataReference(_keyIndices);
            ref double placedKeys = ref MemoryMarshal.GetReference(distancesSquared);
            ref int placedIds = ref MemoryMarshal.GetReference(indices);
            if (Vector256.IsHardwareAccelerated)
            {
                // Ranks by distance alone are a permutation unless distances tie; then, and only then, their sum
                // falls short of 0 + 1 + … + (n − 1), and a second count breaks the ties by sample index.
                _keys.AsSpan(n, 2 * Vector256<double>.Count).Fill(double.PositiveInfinity); // lanes past n, not placed
                if (RankInVectors<ByDistance>(n, ref placedKeys, ref placedIds) != (long)n * (n - 1) / 2)
                {
                    RankInVectors<ByDistanceThenIndex>(n, ref placedKeys, ref placedIds);
                }

                return n;
            }

            for (int i = 0; i < n; i++)
            {
                double d2 = Unsafe.Add(ref keys, i);
                int index = Unsafe.Add(ref ids, i);
                int rank = RankOf(d2, index, ref keys, ref ids, n);
                Unsafe.Add(ref placedKeys, rank) = d2;
                Unsafe.Add(ref placedIds, rank) = index;
            }

            return n;
        }

        distancesSquared = distancesSquared[..n];
        indices = indices[..n];
        _keys.AsSpan(0, n).CopyTo(distancesSquared);
        _keyIndices.AsSpan(0, n).CopyTo(indices);

        distancesSquared.Sort(indices); // primitive keys: no comparer, no allocation

        // Equal distances (lattice data) are ordered by index, as the tree orders them.
        for (int i = 1; i < n; i++)
        {
            if (distancesSquared[i] == distancesSquared[i - 1])
            {
                int end = i + 1;
                while (end < n && distancesSquared[end] == distancesSquared[i - 1])
                {
                    end++;
                }

                indices[(i - 1)..end].Sort();
                i = end - 1;
            }
        }

        return n;
    }

    /// <summary>
    /// Ranks the first n keys and writes each to its place from <paramref name="placedKeys"/> and
    /// <paramref name="placedIds"/> on; returns the sum of the ranks. Eight keys at a time are compared with
    /// every key broadcast, so ranks come out lane by lane with no horizontal sums.
    /// </summary>
    private long RankInVectors<TOrder>(int n, ref double placedKeys, ref int placedIds)
        where TOrder : struct, IKeyOrder
    {
        ref double keys = ref MemoryMarshal.GetArrayDataReference(_keys);
        ref int ids = ref MemoryMarshal.GetArrayDataReference(_keyIndices);
        ref long ranks = ref MemoryMarshal.GetArrayDataReference(_ranks);
        for (int i = 0; i < n; i += 2 * Vector256<double>.Count)
        {
            Vector256<double> d0 = Vector256.LoadUnsafe(ref keys, (nuint)i), d1 = Vector256.LoadUnsafe(ref keys, (nuint)i + 4);
            Vector256<double> x0 = default, x1 = default;
            if (TOrder.TiesByIndex)
            {
                (x0, x1) = (IndicesAt(ref ids, i), IndicesAt(ref ids, i + 4));
            }

            Vector256<long> before0 = Vector256<long>.Zero, before1 = Vector256<long>.Zero; // −1 per key before
            for (int j = 0; j < n; j++)
            {
                Vector256<double> k = Vector256.Create(Unsafe.Add(ref keys, j));
                if (TOrder.TiesByIndex)
                {
                    Vector256<double> id = Vector256.Create((double)Unsafe.Add(ref ids, j));
                    before0 += (Vector256.LessThan(k, d0) | (Vector256.Equals(k, d0) & Vector256.LessThan(id, x0))).AsInt64();
                    before1 += (Vector256.LessThan(k, d1) | (Vector256.Equals(k, d1) & Vector256.LessThan(id, x1))).AsInt64();
                }
                else
                {
                    before0 += Vector256.LessThan(k, d0).AsInt64();
                    before1 += Vector256.LessThan(k, d1).AsInt64();
                }
            }

            (-before0).StoreUnsafe(ref ranks, (nuint)i);
            (-before1).StoreUnsafe(ref ranks, (nuint)i + 4);
        }

        long sum = 0;
        for (int i = 0; i < n; i++)
        {
            nint rank = (nint)Unsafe.Add(ref ranks, i);
            sum += rank;
            Unsafe.Add(ref placedKeys, rank) = Unsafe.Add(ref keys, i);
            Unsafe.Add(ref placedIds, rank) = Unsafe.Add(ref ids, i);
        }

        return sum;
    }

    /// <summary>Four sample indices as doubles (exact), for comparing ties in vectors.</summary>
    private static Vector256<double> IndicesAt(ref int ids, int i) =>
        Vector256.ConvertToDouble(Vector256.WidenLower(Vector128.LoadUnsafe(ref ids, (nuint)i).ToVector256()));

    /// <summary>How keys are ordered: by squared distance, and whether equal distances go by sample index.</summary>
    private interface IKeyOrder
    {
        static abstract bool TiesByIndex { get; }
    }

    private struct ByDistance : IKeyOrder
    {
        public static bool TiesByIndex => false;
    }

    private struct ByDistanceThenIndex : IKeyOrder
    {
        public static bool TiesByIndex => true;
    }

    /// <summary>
    /// Copies the candidates with below &lt; d² ≤ upTo (from the query) to the key buffers; returns how many. Only
    /// the shells that can hold such a candidate are measured and looked at.
    /// </summary>
    internal int Filter(double below, double upTo)
    {
        int count = Reach(upTo);
        Measure(count);
        return Compact(below, upTo, count);
    }

    /// <summary>The copy of <see cref="Filter"/> over the first <paramref name="count"/> candidates (a loop of its own: registers are short in it).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Compact(double below, double upTo, int count)
    {
        int n = 0;
        int j = 0;
        ref double d2 = ref MemoryMarshal.GetArrayDataReference(_d2);
        ref double keys = ref MemoryMarshal.GetArrayDataReference(_keys);
        ref int ids = ref MemoryMarshal.GetArrayDataReference(_keyIndices);
        ref int index = ref MemoryMarshal.GetArrayDataReference(_index);
        if (Avx2.IsSupported)
        {
            // Branch-free compaction: the lanes that pass are moved to the front of a vector by a permutation chosen
            // by their mask, and the whole vector is stored (the key buffers have a vector of slack past Count).
            // Padding lanes hold +∞ and never pass.
            Vector256<double> lo = Vector256.Create(below), hi = Vector256.Create(upTo);
            ref int permutations = ref MemoryMarshal.GetArrayDataReference(CompactionPermutations);
            for (; j < count; j += Vector256<double>.Count)
            {
                Vector256<double> d = Vector256.LoadUnsafe(ref d2, (nuint)j);
                uint bits = (Vector256.GreaterThan(d, lo) & Vector256.LessThanOrEqual(d, hi)).ExtractMostSignificantBits();
                Vector256<int> permutation = Vector256.LoadUnsafe(ref permutations, bits * 16);
                Vector128<int> indexPermutation = Vector128.LoadUnsafe(ref permutations, (bits * 16) + 8);
                Avx2.PermuteVar8x32(d.AsSingle(), permutation).AsDouble().StoreUnsafe(ref keys, (nuint)n);
                Avx.PermuteVar(Vector128.LoadUnsafe(ref index, (nuint)j).AsSingle(), indexPermutation).AsInt32().StoreUnsafe(ref ids, (nuint)n);
                n += System.Numerics.BitOperations.PopCount(bits);
            }

            return n;
        }

        for (; j < count; j++)
        {
            double d = Unsafe.Add(ref d2, j);
            Unsafe.Add(ref keys, n) = d;
            Unsafe.Add(ref ids, n) = Unsafe.Add(ref index, j);
            n += (d > below) & (d <= upTo) ? 1 : 0; // branch-free: most candidates fail
        }

        return n;
    }

    /// <summary>
    /// For each 4-bit lane mask, a row of 16: the 32-bit lane permutation that moves the chosen doubles to the
    /// front (8 lanes), then the one that moves the chosen ints to the front (4 lanes), then 4 unused.
    /// </summary>
    private static readonly int[] CompactionPermutations = BuildCompactionPermutations();

    private static int[] BuildCompactionPermutations()
    {
        var table = new int[16 * 16];
        for (int mask = 0; mask < 16; mask++)
        {
            int slot = 0;
            for (int lane = 0; lane < 4; lane++)
            {
                if ((mask & (1 << lane)) != 0)
                {
                    table[(mask * 16) + (2 * slot)] = 2 * lane;
                    table[(mask * 16) + (2 * slot) + 1] = (2 * lane) + 1;
                    table[(mask * 16) + 8 + slot] = lane;
                    slot++;
                }
            }
        }

        return table;
    }

    /// <summary>How many of the first <paramref name="count"/> keys come before (d², index).</summary>
    private static int RankOf(double d2, int index, ref double keys, ref int ids, int count)
    {
        int rank = 0;
        for (int j = 0; j < count; j++)
        {
            double k = Unsafe.Add(ref keys, j);
            rank += (k < d2) | ((k == d2) & (Unsafe.Add(ref ids, j) < index)) ? 1 : 0;
        }

        return rank;
    }
}

/// <summary>One thread's reusable buffers for <see cref="NeighbourSearch.Find"/>: no allocation per query in steady state.</summary>
public sealed class NeighbourBuffers
{
    internal SearchQueue Queue { get; } = new();

    internal NeighbourSearch? PreviousSearch { get; set; }

    internal Point3 PreviousQuery { get; set; }

    internal double? PreviousKthDistance { get; set; }

    /// <summary>Squared distances collected for a selection (a field, so that it can grow in place).</summary>
    internal double[] Squares = new double[64];

    internal int[] OctantCounts { get; } = new int[8];

    // Samples taken per (dense) drillhole in the current query: a count is valid where its stamp is the query's.
    private int[] _holeCounts = [];
    private int[] _holeStamps = [];
    private int _stamp;

    internal void BeginHoleCounts(int holes)
    {
        if (_holeCounts.Length < holes)
        {
            _holeCounts = new int[holes];
            _holeStamps = new int[holes];
            _stamp = 0;
        }

        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_holeStamps);
            _stamp = 1;
        }
    }

    /// <summary>Samples taken from a hole in the query that called <see cref="BeginHoleCounts"/> last.</summary>
    internal int HoleCount(int hole) => _holeStamps[hole] == _stamp ? _holeCounts[hole] : 0;

    /// <summary>
    /// Starts a count of distinct drillholes by stamps: a hole is new to the count while its entry in the array
    /// returned differs from <paramref name="stamp"/>, and is stamped when counted. No per-hole counts are kept
    /// (<see cref="HoleCount"/> is for a query, which begins its own count).
    /// </summary>
    internal int[] BeginHoleStamps(int holes, out int stamp)
    {
        BeginHoleCounts(holes);
        stamp = _stamp;
        return _holeStamps;
    }

    internal void SetHoleCount(int hole, int count)
    {
        _holeStamps[hole] = _stamp;
        _holeCounts[hole] = count;
    }

    /// <summary>The samples found, nearest first (indices into the sample arrays).</summary>
    public int[] Indices { get; private set; } = [];

    /// <summary>Their distances in the search metric (anisotropic distances are in major-axis metres), from <see cref="NeighbourSearch.Find"/>.</summary>
    public double[] Distances { get; private set; } = [];

    internal void EnsureCapacity(int count)
    {
        if (Indices.Length < count)
        {
            Indices = new int[count];
            Distances = new double[count];
        }
    }
}
