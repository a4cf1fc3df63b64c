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
        SearchNeighbourhood rules = Neighbourhood;
        buffers.EnsureCapacity(rules.MaxSamples);
        Point3 query = _toMetric.Transform(target);
        bool filtered = rules.MaxPerOctant > 0 || rules.MaxPerHole > 0 || excludeSample >= 0 || excludeHole is not null
            || rules.Metric == SearchMetric.Euclidean;
        int want = filtered ? Math.Min(_locations.Length, 2 * rules.MaxSamples + 8) : rules.MaxSamples;
        while (true)
        {
            buffers.EnsureCandidates(want);
            int found = _tree.Nearest(query, _radius, buffers.CandidateIndices.AsSpan(0, want), buffers.CandidateDistances.AsSpan(0, want));
            int accepted = Select(target, buffers, found, excludeSample, excludeHole);
            // More candidates can only help when the buffer came back full and rules turned some away.
            if (accepted == rules.MaxSamples || found < want || want >= _locations.Length)
            {
                return accepted;
            }

            want = Math.Min(_locations.Length, want * 2);
        }
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

    private int Select(Point3 target, NeighbourBuffers buffers, int found, int excludeSample, int? excludeHole)
    {
        SearchNeighbourhood rules = Neighbourhood;
        Span<int> perOctant = stackalloc int[8];
        perOctant.Clear();
        Dictionary<int, int>? perHole = rules.MaxPerHole > 0 ? buffers.HoleCounts : null;
        perHole?.Clear();
        int accepted = 0;
        for (int c = 0; c < found && accepted < rules.MaxSamples; c++)
        {
            int s = buffers.CandidateIndices[c];
            if (s == excludeSample || (excludeHole is int hole && _holes[s] == hole))
            {
                continue;
            }

            if (rules.Metric == SearchMetric.Euclidean && !rules.Ellipsoid.Contains(target, _locations[s]))
            {
                continue;
            }

            // A sample must pass both limits before it counts against either.
            int octant = rules.MaxPerOctant > 0 ? Octant(target, _locations[s]) : 0;
            if (rules.MaxPerOctant > 0 && perOctant[octant] == rules.MaxPerOctant)
            {
                continue;
            }

            int usedInHole = perHole?.GetValueOrDefault(_holes[s]) ?? 0;
            if (perHole is not null && usedInHole == rules.MaxPerHole)
            {
                continue;
            }

            perOctant[octant]++;
            if (perHole is not null)
            {
                perHole[_holes[s]] = usedInHole + 1;
            }

            buffers.Indices[accepted] = s;
            buffers.Distances[accepted] = Math.Sqrt(buffers.CandidateDistances[c]);
            accepted++;
        }

        return accepted;
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
    internal int[] CandidateIndices { get; private set; } = [];

    internal double[] CandidateDistances { get; private set; } = [];

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

    internal void EnsureCandidates(int count)
    {
        if (CandidateIndices.Length < count)
        {
            CandidateIndices = new int[count];
            CandidateDistances = new double[count];
        }
    }
}
