using DepositTwin.Geometry;

namespace DepositTwin.Search;

/// <summary>
/// A static 3D KD-tree over points (already mapped into the space whose Euclidean distance is wanted,
/// e.g. a search ellipsoid's isotropic space). Answers radius queries and k-nearest queries without
/// allocating.
/// </summary>
/// <remarks>
/// Built in O(n log² n); queries visit O(log n + k) nodes for well-spread data. Points are stored
/// structure-of-arrays in tree order for cache locality. Nearest queries break distance ties by the
/// smaller original index, so results never depend on the order the points were given in beyond that.
/// </remarks>
public sealed class KdTree
{
    private const int LeafSize = 8;
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _z;
    private readonly int[] _index;    // original index of each stored point
    private readonly byte[] _split;   // split axis of the node whose median sits at this position

    /// <summary>Builds the tree.</summary>
    /// <param name="points">The points; NaN coordinates are not allowed.</param>
    /// <exception cref="ArgumentException">A point has a non-finite coordinate.</exception>
    public KdTree(ReadOnlySpan<Point3> points)
    {
        int n = points.Length;
        _index = new int[n];
        var work = new Point3[n];
        for (int i = 0; i < n; i++)
        {
            if (!points[i].IsFinite)
            {
                throw new ArgumentException($"Point {i} has a non-finite coordinate: {points[i]}.", nameof(points));
            }

            _index[i] = i;
            work[i] = points[i];
        }

        _split = new byte[n];
        Build(work, new (double, int, Point3)[n], 0, n);
        _x = new double[n];
        _y = new double[n];
        _z = new double[n];
        for (int i = 0; i < n; i++)
        {
            _x[i] = work[i].X;
            _y[i] = work[i].Y;
            _z[i] = work[i].Z;
        }
    }

    /// <summary>Number of points.</summary>
    public int Count => _index.Length;

    /// <summary>Splits positions lo..hi-1 at their median, recursively; <paramref name="order"/> is scratch for the sort (one for the whole build).</summary>
    private void Build(Point3[] work, (double Key, int Index, Point3 Point)[] order, int lo, int hi)
    {
        if (hi - lo <= LeafSize)
        {
            return;
        }

        // Split on the axis of largest extent, at the median.
        double minX = double.MaxValue, minY = double.MaxValue, minZ = double.MaxValue;
        double maxX = double.MinValue, maxY = double.MinValue, maxZ = double.MinValue;
        for (int i = lo; i < hi; i++)
        {
            Point3 p = work[i];
            minX = Math.Min(minX, p.X); maxX = Math.Max(maxX, p.X);
            minY = Math.Min(minY, p.Y); maxY = Math.Max(maxY, p.Y);
            minZ = Math.Min(minZ, p.Z); maxZ = Math.Max(maxZ, p.Z);
        }

        double ex = maxX - minX, ey = maxY - minY, ez = maxZ - minZ;
        byte axis = ex >= ey && ex >= ez ? (byte)0 : ey >= ez ? (byte)1 : (byte)2;
        // Sort the range by (coordinate, original index): deterministic for ties.
        for (int i = lo; i < hi; i++)
        {
            order[i - lo] = (Coordinate(work[i], axis), _index[i], work[i]);
        }

        order.AsSpan(0, hi - lo).Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Index.CompareTo(b.Index));
        for (int i = lo; i < hi; i++)
        {
            (_, _index[i], work[i]) = order[i - lo];
        }

        int mid = (lo + hi) >>> 1;
        _split[mid] = axis;
        Build(work, order, lo, mid);
        Build(work, order, mid + 1, hi);
    }

    private static double Coordinate(Point3 p, int axis) => axis switch { 0 => p.X, 1 => p.Y, _ => p.Z };

    private double Coordinate(int position, int axis) => axis switch { 0 => _x[position], 1 => _y[position], _ => _z[position] };

    private double DistanceSquared(int position, Point3 q)
    {
        double dx = _x[position] - q.X, dy = _y[position] - q.Y, dz = _z[position] - q.Z;
        return dx * dx + dy * dy + dz * dz;
    }

    /// <summary>
    /// Calls <paramref name="visitor"/> for every point within <paramref name="radius"/> (inclusive) of
    /// <paramref name="query"/>, with the point's original index and squared distance. Order is unspecified.
    /// </summary>
    public void VisitWithinRadius<TVisitor>(Point3 query, double radius, ref TVisitor visitor)
        where TVisitor : struct, IPointVisitor
    {
        if (Count > 0)
        {
            VisitRange(0, Count, query, radius * radius, ref visitor);
        }
    }

    private void VisitRange<TVisitor>(int lo, int hi, Point3 q, double r2, ref TVisitor visitor)
        where TVisitor : struct, IPointVisitor
    {
        while (true)
        {
            if (hi - lo <= LeafSize)
            {
                for (int i = lo; i < hi; i++)
                {
                    double d2 = DistanceSquared(i, q);
                    if (d2 <= r2)
                    {
                        visitor.Visit(_index[i], d2);
                    }
                }

                return;
            }

            int mid = (lo + hi) >>> 1;
            int axis = _split[mid];
            double delta = Coordinate(q, axis) - Coordinate(mid, axis);
            double d2Mid = DistanceSquared(mid, q);
            if (d2Mid <= r2)
            {
                visitor.Visit(_index[mid], d2Mid);
            }

            // Descend the near side; continue with the far side only if the splitting plane is within reach.
            if (delta <= 0)
            {
                VisitRange(lo, mid, q, r2, ref visitor);
                if (delta * delta > r2)
                {
                    return;
                }

                lo = mid + 1;
            }
            else
            {
                VisitRange(mid + 1, hi, q, r2, ref visitor);
                if (delta * delta > r2)
                {
                    return;
                }

                hi = mid;
            }
        }
    }

    /// <summary>
    /// Finds up to <paramref name="indices"/>.Length nearest points within <paramref name="radius"/>
    /// (inclusive), sorted by distance, ties by original index.
    /// </summary>
    /// <param name="query">The query point.</param>
    /// <param name="radius">The largest distance accepted.</param>
    /// <param name="indices">Receives original indices; its length is k.</param>
    /// <param name="distancesSquared">Receives squared distances; at least as long as <paramref name="indices"/>.</param>
    /// <returns>The number found.</returns>
    public int Nearest(Point3 query, double radius, Span<int> indices, Span<double> distancesSquared)
    {
        int k = indices.Length;
        if (distancesSquared.Length < k)
        {
            throw new ArgumentException("The distance buffer is shorter than the index buffer.", nameof(distancesSquared));
        }

        if (k == 0 || Count == 0)
        {
            return 0;
        }

        var heap = new NearestHeap(indices, distancesSquared, radius * radius);
        Nearest(0, Count, query, Point3.Zero, ref heap);
        return heap.SortAndCount();
    }

    /// <summary>
    /// Near side first, then the node's own point, then the far side only if its cell can still hold a
    /// nearer point (or an equally near one, which may win on index). The cell's squared distance from the
    /// query comes from the per-axis <paramref name="offsets"/> to its planes (Arya and Mount), summed in the
    /// order a point's distance is, so rounding never puts it above the distance of a point inside: an
    /// incremental update (subtracting the old offset's square) can, and then loses ties.
    /// </summary>
    private void Nearest(int lo, int hi, Point3 q, Point3 offsets, ref NearestHeap heap)
    {
        while (true)
        {
            if (hi - lo <= LeafSize)
            {
                for (int i = lo; i < hi; i++)
                {
                    heap.Offer(_index[i], DistanceSquared(i, q));
                }

                return;
            }

            int mid = (lo + hi) >>> 1;
            int axis = _split[mid];
            double delta = Coordinate(q, axis) - Coordinate(mid, axis);
            if (delta <= 0)
            {
                Nearest(lo, mid, q, offsets, ref heap);
            }
            else
            {
                Nearest(mid + 1, hi, q, offsets, ref heap);
            }

            // Offered after the near side, so that near points fill the heap before any far median does.
            heap.Offer(_index[mid], DistanceSquared(mid, q));
            offsets = axis switch { 0 => offsets with { X = delta }, 1 => offsets with { Y = delta }, _ => offsets with { Z = delta } };
            if (Point3.Dot(offsets, offsets) > heap.Bound)
            {
                return;
            }

            if (delta <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
    }

    /// <summary>
    /// Visits the points within <paramref name="radius"/> of <paramref name="query"/> nearest first (ties by
    /// original index) until <paramref name="visitor"/> says stop: a best-first traversal whose queue holds
    /// tree nodes keyed by a lower bound of their distance and points keyed by their distance. Unlike
    /// <see cref="Nearest(Point3, double, Span{int}, Span{double})"/> it needs no k in advance, so rules that reject candidates (octants, samples
    /// per hole) never force a restart.
    /// </summary>
    /// <param name="query">The query point.</param>
    /// <param name="radius">The largest distance visited.</param>
    /// <param name="queue">A reusable queue (one per thread).</param>
    /// <param name="visitor">Receives (original index, squared distance); returns false to stop.</param>
    public void VisitNearestFirst<TVisitor>(Point3 query, double radius, SearchQueue queue, ref TVisitor visitor)
        where TVisitor : struct, IOrderedPointVisitor
    {
        ArgumentNullException.ThrowIfNull(queue);
        double r2 = radius * radius;
        queue.Clear();
        if (Count > 0)
        {
            queue.PushNode(0, 0, Count, Point3.Zero);
        }

        while (queue.TryPop(out double key, out int lo, out int hi, out Point3 offsets))
        {
            if (hi < 0)
            {
                if (!visitor.Visit(_index[lo], key))
                {
                    return;
                }

                continue;
            }

            if (hi - lo <= LeafSize)
            {
                for (int i = lo; i < hi; i++)
                {
                    double d2 = DistanceSquared(i, query);
                    if (d2 <= r2)
                    {
                        queue.PushPoint(d2, i, _index[i]);
                    }
                }

                continue;
            }

            int mid = (lo + hi) >>> 1;
            int axis = _split[mid];
            double delta = Coordinate(query, axis) - Coordinate(mid, axis);
            double dMid = DistanceSquared(mid, query);
            if (dMid <= r2)
            {
                queue.PushPoint(dMid, mid, _index[mid]);
            }

            // The far side's lower bound replaces this axis's offset by the distance to the plane
            // (Arya and Mount's incremental distance): tighter than the plane distance alone.
            (int nearLo, int nearHi, int farLo, int farHi) = delta <= 0 ? (lo, mid, mid + 1, hi) : (mid + 1, hi, lo, mid);
            queue.PushNode(key, nearLo, nearHi, offsets);
            Point3 farOffsets = axis switch
            {
                0 => offsets with { X = delta },
                1 => offsets with { Y = delta },
                _ => offsets with { Z = delta },
            };
            double far = Point3.Dot(farOffsets, farOffsets);
            if (far <= r2)
            {
                queue.PushNode(Math.Max(key, far), farLo, farHi, farOffsets);
            }
        }
    }

    /// <summary>A bounded max-heap on (squared distance, index) over caller-owned buffers.</summary>
    private ref struct NearestHeap(Span<int> indices, Span<double> distances, double radiusSquared)
    {
        private readonly Span<int> _indices = indices;
        private readonly Span<double> _d = distances;
        private readonly double _r2 = radiusSquared;
        private int _count;

        /// <summary>Squared distance a candidate must not exceed (ties may still enter by index).</summary>
        public readonly double Bound => _count < _indices.Length ? _r2 : _d[0];

        private readonly bool Worse(int a, int b) => _d[a] > _d[b] || (_d[a] == _d[b] && _indices[a] > _indices[b]);

        public void Offer(int index, double d2)
        {
            if (d2 > _r2)
            {
                return;
            }

            if (_count < _indices.Length)
            {
                int i = _count++;
                _indices[i] = index;
                _d[i] = d2;
                while (i > 0)
                {
                    int parent = (i - 1) >> 1;
                    if (!Worse(i, parent))
                    {
                        break;
                    }

                    Swap(i, parent);
                    i = parent;
                }

                return;
            }

            if (d2 > _d[0] || (d2 == _d[0] && index > _indices[0]))
            {
                return;
            }

            _indices[0] = index;
            _d[0] = d2;
            SiftDown(0, _count);
        }

        private readonly void SiftDown(int i, int count)
        {
            while (true)
            {
                int left = 2 * i + 1;
                if (left >= count)
                {
                    return;
                }

                int worst = left + 1 < count && Worse(left + 1, left) ? left + 1 : left;
                if (!Worse(worst, i))
                {
                    return;
                }

                Swap(i, worst);
                i = worst;
            }
        }

        private readonly void Swap(int a, int b)
        {
            (_indices[a], _indices[b]) = (_indices[b], _indices[a]);
            (_d[a], _d[b]) = (_d[b], _d[a]);
        }

        /// <summary>Heap-sorts in place, nearest first.</summary>
        public readonly int SortAndCount()
        {
            for (int end = _count - 1; end > 0; end--)
            {
                Swap(0, end);
                SiftDown(0, end);
            }

            return _count;
        }
    }
}

/// <summary>Receives points nearest first from <see cref="KdTree.VisitNearestFirst"/>.</summary>
public interface IOrderedPointVisitor
{
    /// <summary>Called once per point, in order of distance (ties by index).</summary>
    /// <param name="index">The point's original index.</param>
    /// <param name="distanceSquared">Its squared distance to the query point.</param>
    /// <returns>True to go on, false to stop.</returns>
    bool Visit(int index, double distanceSquared);
}

/// <summary>
/// The reusable priority queue of a best-first KD-tree traversal: a binary min-heap of tree nodes and points
/// keyed by squared distance. Nodes come before points of equal key, and points of equal key by index, so
/// the visiting order is fully determined. One per thread; it grows to the largest traversal and is reused.
/// </summary>
public sealed class SearchQueue
{
    private double[] _keys = new double[64];
    private int[] _lo = new int[64];   // node: range start; point: position in the tree
    private int[] _hi = new int[64];   // node: range end; point: −1
    private int[] _order = new int[64]; // tie-break: −1 for nodes, else the point's original index
    private Point3[] _offsets = new Point3[64]; // nodes: per-axis distance from the query to the node's cell
    private int _count;

    internal void Clear() => _count = 0;

    internal void PushNode(double key, int lo, int hi, Point3 offsets) => Push(key, lo, hi, -1, offsets);

    internal void PushPoint(double key, int position, int index) => Push(key, position, -1, index, default);

    private bool Less(int a, int b) => _keys[a] < _keys[b] || (_keys[a] == _keys[b] && _order[a] < _order[b]);

    private void Push(double key, int lo, int hi, int order, Point3 offsets)
    {
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, 2 * _count);
            Array.Resize(ref _lo, 2 * _count);
            Array.Resize(ref _hi, 2 * _count);
            Array.Resize(ref _order, 2 * _count);
            Array.Resize(ref _offsets, 2 * _count);
        }

        int i = _count++;
        (_keys[i], _lo[i], _hi[i], _order[i], _offsets[i]) = (key, lo, hi, order, offsets);
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Less(i, parent))
            {
                break;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    internal bool TryPop(out double key, out int lo, out int hi, out Point3 offsets)
    {
        if (_count == 0)
        {
            (key, lo, hi, offsets) = (0, 0, 0, default);
            return false;
        }

        (key, lo, hi, offsets) = (_keys[0], _lo[0], _hi[0], _offsets[0]);
        _count--;
        if (_count > 0)
        {
            (_keys[0], _lo[0], _hi[0], _order[0], _offsets[0]) = (_keys[_count], _lo[_count], _hi[_count], _order[_count], _offsets[_count]);
            int i = 0;
            while (true)
            {
                int left = 2 * i + 1;
                if (left >= _count)
                {
                    break;
                }

                int least = left + 1 < _count && Less(left + 1, left) ? left + 1 : left;
                if (!Less(least, i))
                {
                    break;
                }

                Swap(i, least);
                i = least;
            }
        }

        return true;
    }

    private void Swap(int a, int b)
    {
        (_keys[a], _keys[b]) = (_keys[b], _keys[a]);
        (_lo[a], _lo[b]) = (_lo[b], _lo[a]);
        (_hi[a], _hi[b]) = (_hi[b], _hi[a]);
        (_order[a], _order[b]) = (_order[b], _order[a]);
        (_offsets[a], _offsets[b]) = (_offsets[b], _offsets[a]);
    }
}

/// <summary>Receives the points a <see cref="KdTree"/> radius query finds; a struct, so calls inline and nothing allocates.</summary>
public interface IPointVisitor
{
    /// <summary>Called once per point found.</summary>
    /// <param name="index">The point's original index.</param>
    /// <param name="distanceSquared">Its squared distance to the query point.</param>
    void Visit(int index, double distanceSquared);
}
