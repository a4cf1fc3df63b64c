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
    private readonly int[] _holes;
    private readonly KdTree _tree;
    private readonly Matrix3 _toMetric;
    private readonly double _radius;

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

        Neighbourhood = neighbourhood;
        _locations = locations.ToArray();
        _holes = holeIds.ToArray();
        Ellipsoid e = neighbourhood.Ellipsoid;
        bool anisotropic = neighbourhood.Metric == SearchMetric.Anisotropic;
        _toMetric = anisotropic ? e.Transform : Matrix3.Identity;
        _radius = e.Major; // in isotropic space the ellipsoid is a sphere of this radius; otherwise its bounding sphere
        var mapped = new Point3[_locations.Length];
        for (int i = 0; i < mapped.Length; i++)
        {
            mapped[i] = _toMetric.Transform(_locations[i]);
        }

        _tree = new KdTree(mapped);
    }

    /// <summary>The rules.</summary>
    public SearchNeighbourhood Neighbourhood { get; }

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
        // A spherical search ranks by Euclidean distance whichever metric is asked for, so it takes the fast path too.
        bool sphere = rules.Ellipsoid.SemiMajor == rules.Ellipsoid.Major && rules.Ellipsoid.Minor == rules.Ellipsoid.Major;
        if (rules.MaxPerOctant == 0 && rules.MaxPerHole == 0 && excludeSample < 0 && excludeHole is null && (rules.Metric == SearchMetric.Anisotropic || sphere))
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
                double bound = (previous + query.DistanceTo(buffers.PreviousQuery)) * (1 + 1e-12) + 1e-9;
                if (bound < _radius)
                {
                    found = _tree.Nearest(query, bound, indices, distances);
                }
            }

            if (found < k)
            {
                found = _tree.Nearest(query, _radius, indices, distances);
            }

            for (int i = 0; i < found; i++)
            {
                distances[i] = Math.Sqrt(distances[i]);
            }

            buffers.PreviousSearch = this;
            buffers.PreviousQuery = query;
            buffers.PreviousKthDistance = found == k ? distances[k - 1] : null;
            return found;
        }

        var selector = new Selector(this, target, buffers, excludeSample, excludeHole);
        _tree.VisitNearestFirst(query, _radius, buffers.Queue, ref selector);
        return selector.Accepted;
    }

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
    private struct Selector : IOrderedPointVisitor
    {
        private readonly NeighbourSearch _search;
        private readonly Point3 _target;
        private readonly NeighbourBuffers _buffers;
        private readonly int _excludeSample;
        private readonly int? _excludeHole;

        public Selector(NeighbourSearch search, Point3 target, NeighbourBuffers buffers, int excludeSample, int? excludeHole)
        {
            _search = search;
            _target = target;
            _buffers = buffers;
            _excludeSample = excludeSample;
            _excludeHole = excludeHole;
            Accepted = 0;
            if (search.Neighbourhood.MaxPerOctant > 0)
            {
                Array.Clear(buffers.OctantCounts);
            }

            if (search.Neighbourhood.MaxPerHole > 0)
            {
                buffers.HoleCounts.Clear();
            }
        }

        public int Accepted { get; private set; }

        public bool Visit(int s, double distanceSquared)
        {
            SearchNeighbourhood rules = _search.Neighbourhood;
            int hole = _search._holes[s];
            if (s == _excludeSample || hole == _excludeHole)
            {
                return true;
            }

            Point3 location = _search._locations[s];
            if (rules.Metric == SearchMetric.Euclidean && !rules.Ellipsoid.Contains(_target, location))
            {
                return true;
            }

            // A sample must pass both limits before it counts against either.
            int octant = rules.MaxPerOctant > 0 ? _search.Octant(_target, location) : 0;
            if (rules.MaxPerOctant > 0 && _buffers.OctantCounts[octant] == rules.MaxPerOctant)
            {
                return true;
            }

            int usedInHole = rules.MaxPerHole > 0 ? _buffers.HoleCounts.GetValueOrDefault(hole) : 0;
            if (rules.MaxPerHole > 0 && usedInHole == rules.MaxPerHole)
            {
                return true;
            }

            _buffers.OctantCounts[octant]++;
            if (rules.MaxPerHole > 0)
            {
                _buffers.HoleCounts[hole] = usedInHole + 1;
            }

            _buffers.Indices[Accepted] = s;
            _buffers.Distances[Accepted] = Math.Sqrt(distanceSquared);
            Accepted++;
            return Accepted < rules.MaxSamples;
        }
    }

    private int Octant(Point3 target, Point3 sample)
    {
        Point3 c = Neighbourhood.Ellipsoid.Rotation.ToAxes(sample - target);
        return (c.X >= 0 ? 1 : 0) | (c.Y >= 0 ? 2 : 0) | (c.Z >= 0 ? 4 : 0);
    }
}

/// <summary>One thread's reusable buffers for <see cref="NeighbourSearch.Find"/>: no allocation per query in steady state.</summary>
public sealed class NeighbourBuffers
{
    internal SearchQueue Queue { get; } = new();

    internal NeighbourSearch? PreviousSearch { get; set; }

    internal Point3 PreviousQuery { get; set; }

    internal double? PreviousKthDistance { get; set; }

    internal int[] OctantCounts { get; } = new int[8];

    internal Dictionary<int, int> HoleCounts { get; } = [];

    /// <summary>The samples found, nearest first (indices into the sample arrays).</summary>
    public int[] Indices { get; private set; } = [];

    /// <summary>Their distances in the search metric (anisotropic distances are in major-axis metres).</summary>
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
