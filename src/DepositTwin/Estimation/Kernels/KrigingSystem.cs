using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DepositTwin.Geometry;

namespace DepositTwin.Estimation.Kernels;

/// <summary>
/// One thread's kriging workspace: builds and solves the system for a neighbourhood, allocating nothing
/// once its buffers have grown to the largest neighbourhood.
/// </summary>
/// <remarks>
/// Coordinates are taken relative to the block centre (small numbers, no cancellation) and mapped once
/// per block into each structure's normalised space, so a pair costs a difference, a norm and the shape,
/// evaluated in vectors by <see cref="CovarianceFunction.AddStructure"/>. The covariance matrix C is
/// factored once by a left-looking Cholesky (C = LLᵀ), row by row; each entry of L is one dot product. A pivot below
/// 1e−9·C(0) means the sample coincides (numerically) with samples already in the system: it is dropped
/// and counted, and the next sample takes its place, so the nearer of coincident samples is kept.
/// Simple kriging solves Cλ = c̄. Ordinary kriging solves C a = c̄ and C b = 1, then
/// μ = (1ᵀa − 1)/(1ᵀb) and λ = a − μb, so that Cλ + μ1 = c̄ and Σλ = 1 (DESIGN.md).
/// </remarks>
internal sealed class KrigingSystem(CovarianceFunction covariance)
{
    private const double PivotTolerance = 1e-9;
    private readonly KernelPath _path = covariance.Path;

    private double[] _l = [];
    private double[] _c = []; // covariances among the candidates, lower triangle, row-major
    private double[] _inverseDiagonal = []; // 1 / L[j][j]
    private double[] _rhs = [];
    private double[] _a = [];
    private double[] _b = [];
    private double[] _xs = [];
    private double[] _ys = [];
    private double[] _zs = [];
    private double[] _u = []; // per structure: x, y, z in its normalised space, n each
    private int[] _kept = [];
    private Point3[] _queries = []; // discretisation offsets mapped into one structure's space
    private int _stride; // row length of L: the number of candidate samples of the current system

    /// <summary>Positions (in the input order) of the samples kept in the last solve.</summary>
    public ReadOnlySpan<int> Kept => _kept.AsSpan(0, Count);

    /// <summary>Weights of the kept samples, in the order of <see cref="Kept"/>.</summary>
    public ReadOnlySpan<double> Weights => _a.AsSpan(0, Count);

    /// <summary>Number of samples in the last system.</summary>
    public int Count { get; private set; }

    /// <summary>μ of the last ordinary kriging solve (0 for simple kriging).</summary>
    public double Lagrange { get; private set; }

    /// <summary>λᵀc̄ of the last solve.</summary>
    public double WeightedCovariance { get; private set; }

    /// <summary>C̄_vv: C(0) with the nugget for one point, else the block average without the nugget.</summary>
    public double BlockCovariance { get; private set; }

    /// <summary>The kriging variance of the last solve.</summary>
    public double Variance { get; private set; }

    private void Ensure(int n)
    {
        if (_rhs.Length < n)
        {
            _l = new double[n * n];
            _c = new double[n * n];
            _inverseDiagonal = new double[n];
            _rhs = new double[n];
            _a = new double[n];
            _b = new double[n];
            _xs = new double[n];
            _ys = new double[n];
            _zs = new double[n];
            _u = new double[3 * n * covariance.StructureCount];
            _kept = new int[n];
        }
    }

    /// <summary>Solves the kriging system; returns false when fewer than <paramref name="minSamples"/> samples remain after dropping coincident ones.</summary>
    /// <param name="centre">The block centre (world coordinates).</param>
    /// <param name="samples">Neighbour locations, nearest first (world coordinates).</param>
    /// <param name="offsets">The discretisation points as offsets from the centre (one zero offset for point kriging).</param>
    /// <param name="blockCovariance">C̄_vv for this discretisation (precomputed: it is the same for every block).</param>
    /// <param name="ordinary">Ordinary (true) or simple (false) kriging.</param>
    /// <param name="minSamples">Fewest samples the system may keep.</param>
    public bool Solve(Point3 centre, ReadOnlySpan<Point3> samples, ReadOnlySpan<Point3> offsets, double blockCovariance, bool ordinary, int minSamples)
    {
        Ensure(samples.Length);
        int m = samples.Length;
        for (int j = 0; j < m; j++)
        {
            Point3 d = samples[j] - centre;
            (_xs[j], _ys[j], _zs[j]) = (d.X, d.Y, d.Z);
        }

        for (int s = 0; s < covariance.StructureCount; s++)
        {
            covariance.Transform(s, _xs.AsSpan(0, m), _ys.AsSpan(0, m), _zs.AsSpan(0, m), U(s, 0, m), U(s, 1, m), U(s, 2, m));
        }

        int n = Factor(m);
        Count = n;
        BlockCovariance = blockCovariance;
        if (n < minSamples || n == 0)
        {
            return false;
        }

        // Right-hand side: point-to-block covariances, summed over the discretisation points in one pass per structure.
        Span<double> rhs = _rhs.AsSpan(0, n);
        rhs.Clear();
        if (_queries.Length < offsets.Length)
        {
            _queries = new Point3[offsets.Length];
        }

        Span<Point3> queries = _queries.AsSpan(0, offsets.Length);
        for (int s = 0; s < covariance.StructureCount; s++)
        {
            for (int k = 0; k < offsets.Length; k++)
            {
                queries[k] = covariance.Transform(s, offsets[k]);
            }

            covariance.AddStructureSum(s, queries, U(s, 0, n), U(s, 1, n), U(s, 2, n), rhs);
        }

        foreach (Point3 offset in offsets)
        {
            covariance.AddNugget(offset, _xs.AsSpan(0, n), _ys.AsSpan(0, n), _zs.AsSpan(0, n), rhs);
        }

        if (offsets.Length > 1)
        {
            double inverseM = 1.0 / offsets.Length;
            for (int i = 0; i < n; i++)
            {
                rhs[i] *= inverseM;
            }
        }

        Span<double> a = _a.AsSpan(0, n);
        rhs.CopyTo(a);
        SolveInPlace(a);
        double mu = 0;
        if (ordinary)
        {
            Span<double> b = _b.AsSpan(0, n);
            b.Fill(1.0);
            SolveInPlace(b);
            double sumA = 0, sumB = 0;
            for (int i = 0; i < n; i++)
            {
                sumA += a[i];
                sumB += b[i];
            }

            mu = (sumA - 1) / sumB;
            DenseKernels.SubtractScaled(_path, mu, b, a);
        }

        double lambdaC = DenseKernels.Dot(_path, a, rhs);
        Lagrange = mu;
        WeightedCovariance = lambdaC;
        Variance = blockCovariance - lambdaC - mu;
        return true;
    }

    /// <summary>Coordinate <paramref name="axis"/> of the first <paramref name="count"/> points in structure <paramref name="s"/>'s space.</summary>
    private Span<double> U(int s, int axis, int count) => _u.AsSpan((3 * s + axis) * _rhs.Length, count);

    /// <summary>
    /// Left-looking Cholesky, building C row by row and dropping samples that make it singular. Kept samples
    /// are compacted to the front of the coordinate arrays (a kept position never passes a candidate's).
    /// </summary>
    private int Factor(int candidates)
    {
        int n = 0;
        int size = _stride = candidates;
        double diagonal = covariance.TotalSill; // C(p, p) for every sample
        Span<double> c = _c.AsSpan(0, candidates * candidates);
        for (int i = 0; i < candidates; i++)
        {
            c.Slice(i * size, i).Clear();
        }

        covariance.AddLowerTriangle(_xs, _ys, _zs, _u, _rhs.Length, candidates, c, size);
        ref double l0 = ref MemoryMarshal.GetArrayDataReference(_l);
        ref double c0 = ref MemoryMarshal.GetReference(c);
        for (int candidate = 0; candidate < candidates; candidate++)
        {
            ref double rowK = ref Unsafe.Add(ref l0, n * size);
            ref double covariances = ref Unsafe.Add(ref c0, candidate * size);
            for (int j = 0; j < n; j++)
            {
                ref double rowJ = ref Unsafe.Add(ref l0, j * size);
                double v = Unsafe.Add(ref covariances, _kept[j]); // kept[j] < candidate: the lower triangle holds it
                Unsafe.Add(ref rowK, j) = (v - DenseKernels.Dot(_path, ref rowK, ref rowJ, j)) * _inverseDiagonal[j];
            }

            double d = diagonal - DenseKernels.Dot(_path, ref rowK, ref rowK, n);
            if (!(d > PivotTolerance * diagonal))
            {
                continue; // coincides with samples already in the system: drop it
            }

            Unsafe.Add(ref rowK, n) = Math.Sqrt(d);
            _inverseDiagonal[n] = 1 / Math.Sqrt(d); // a multiply on the critical path instead of a divide
            _kept[n] = candidate;
            n++;
        }

        // Compact the kept samples' coordinates to the front for the right-hand side.
        for (int k = 0; k < n; k++)
        {
            int from = _kept[k];
            if (from == k)
            {
                continue;
            }

            (_xs[k], _ys[k], _zs[k]) = (_xs[from], _ys[from], _zs[from]);
            for (int s = 0; s < covariance.StructureCount; s++)
            {
                for (int axis = 0; axis < 3; axis++)
                {
                    U(s, axis, candidates)[k] = U(s, axis, candidates)[from];
                }
            }
        }

        return n;
    }

    /// <summary>Solves LLᵀx = v in place: forward by dot products, backward by column updates (both contiguous rows of L).</summary>
    private void SolveInPlace(Span<double> v)
    {
        int n = v.Length;
        int size = _stride;
        ref double l0 = ref MemoryMarshal.GetArrayDataReference(_l);
        ref double v0 = ref MemoryMarshal.GetReference(v);
        for (int i = 0; i < n; i++)
        {
            ref double row = ref Unsafe.Add(ref l0, i * size);
            Unsafe.Add(ref v0, i) = (Unsafe.Add(ref v0, i) - DenseKernels.Dot(_path, ref row, ref v0, i)) * _inverseDiagonal[i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            ref double row = ref Unsafe.Add(ref l0, i * size);
            double x = Unsafe.Add(ref v0, i) * _inverseDiagonal[i];
            Unsafe.Add(ref v0, i) = x;
            for (int k = 0; k < i; k++)
            {
                Unsafe.Add(ref v0, k) -= x * Unsafe.Add(ref row, k);
            }
        }
    }
}
