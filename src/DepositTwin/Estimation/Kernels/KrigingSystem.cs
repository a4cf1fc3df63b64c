using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DepositTwin.Geometry;

namespace DepositTwin.Estimation.Kernels;

/// <summary>
/// One thread's kriging workspace: builds and solves the system for a neighbourhood, allocating nothing
/// once its buffers have grown to the largest neighbourhood.
/// </summary>
/// <remarks>
/// The covariances among the samples come from <see cref="PairCovariances"/>, which evaluates each pair once for
/// all the blocks that share it. For the block's side, coordinates are taken relative to the block centre
/// (small numbers, no cancellation) and mapped once per block into each structure's normalised space, so a
/// sample costs a difference, a norm and the shape per discretisation point. The covariance matrix C is
/// factored C = UᵀU (U = Lᵀ, the Cholesky factor stored by rows) row by row: each row, from its diagonal on,
/// is eliminated by the rows of the pivots before it with stretches of the row held in vector registers while
/// those rows stream past (<see cref="DenseKernels.EliminateRow"/>: loads, no stores, independent chains), then
/// scaled by its pivot. Every element sees the same operations in the same order on every path, so the factor
/// is bit-identical whatever the vector width. A pivot below
/// 1e−9·C(0) means the sample coincides (numerically) with samples already eliminated: it is dropped and
/// counted, so the nearer of coincident samples is kept; the factor of the kept samples is the same as if
/// the dropped one had never been there. Simple kriging solves Cλ = c̄. Ordinary kriging solves C a = c̄ and
/// C b = 1, then μ = (1ᵀa − 1)/(1ᵀb) and λ = a − μb, so that Cλ + μ1 = c̄ and Σλ = 1 (DESIGN.md); μ and λᵀc̄ come from the
/// forward solutions, so only λ needs a backward solve. The right-hand sides c̄ and 1 are extra columns of the
/// rows being factored, so the forward solutions come out of the factor itself (the forward substitution's operations
/// in its order; a separate pass after the factor was 6–8 % of an OK-32 block, measured by profile).
/// Buffers are padded by a vector's width: vector loops start exactly where they must and may run past the
/// end into the padding, which holds finite values nobody reads.
/// </remarks>
internal sealed class KrigingSystem(CovarianceFunction covariance)
{
    private const double PivotTolerance = 1e-9;
    private const int Padding = 16; // two of the widest vectors (Vector512<double>.Count): the elimination may read that far past a row
    private const int Reach = 8; // one widest vector: how far past the last sample the covariance and solve loops run
    private readonly KernelPath _path = covariance.Path;
    private readonly PairCovariances _pairs = new(covariance);

    private double[] _u = []; // the matrix, then its factor: row i holds entries j ≥ i, row length _stride
    private double[] _inverseDiagonal = []; // 1 / U[i][i]
    private double[] _a = [];
    private double[] _b = [];
    private double[] _xs = [];
    private double[] _ys = [];
    private double[] _zs = [];
    private double[] _mapped = []; // per structure: x, y, z in its normalised space, _stride each
    private int[] _kept = [];
    private int[] _slots = []; // each sample's slot in _pairs
    private Point3[] _queries = []; // discretisation offsets mapped into one structure's space
    private int _stride; // capacity per row and per coordinate array: the largest system so far plus padding

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
        if (_stride < n + Padding)
        {
            int stride = _stride = n + Padding;
            _u = new double[n * stride];
            _inverseDiagonal = new double[n];
            _a = new double[stride];
            _b = new double[stride];
            _xs = new double[stride];
            _ys = new double[stride];
            _zs = new double[stride];
            _mapped = new double[3 * stride * covariance.StructureCount];
            _kept = new int[n];
            _slots = new int[n];
        }
    }

    /// <summary>Forgets the pair covariances kept for earlier systems (a new tile of blocks); results do not depend on it.</summary>
    public void ForgetPairs() => _pairs.Clear();

    /// <summary>Solves the kriging system for samples without identities (every pair is evaluated afresh).</summary>
    /// <inheritdoc cref="Solve(Point3, ReadOnlySpan{Point3}, ReadOnlySpan{int}, ReadOnlySpan{Point3}, double, bool, int)"/>
    public bool Solve(Point3 centre, ReadOnlySpan<Point3> samples, ReadOnlySpan<Point3> offsets, double blockCovariance, bool ordinary, int minSamples) =>
        Solve(centre, samples, [], offsets, blockCovariance, ordinary, minSamples);

    /// <summary>Solves the kriging system; returns false when fewer than <paramref name="minSamples"/> samples remain after dropping coincident ones.</summary>
    /// <param name="centre">The block centre (world coordinates).</param>
    /// <param name="samples">Neighbour locations, nearest first (world coordinates).</param>
    /// <param name="ids">The samples' identities, so that their pair covariances are shared with other systems since the last <see cref="ForgetPairs"/>; empty for none.</param>
    /// <param name="offsets">The discretisation points as offsets from the centre (one zero offset for point kriging).</param>
    /// <param name="blockCovariance">C̄_vv for this discretisation (precomputed: it is the same for every block).</param>
    /// <param name="ordinary">Ordinary (true) or simple (false) kriging.</param>
    /// <param name="minSamples">Fewest samples the system may keep.</param>
    public bool Solve(Point3 centre, ReadOnlySpan<Point3> samples, ReadOnlySpan<int> ids, ReadOnlySpan<Point3> offsets, double blockCovariance, bool ordinary, int minSamples)
    {
        int m = samples.Length;
        Ensure(m);
        _pairs.Assign(ids, samples, _slots.AsSpan(0, m));
        for (int j = 0; j < m; j++)
        {
            Point3 d = samples[j] - centre;
            (_xs[j], _ys[j], _zs[j]) = (d.X, d.Y, d.Z);
        }

        // The padding is zeros, so whatever a vector computes past the last sample is finite.
        _xs.AsSpan(m, Reach).Clear();
        _ys.AsSpan(m, Reach).Clear();
        _zs.AsSpan(m, Reach).Clear();
        for (int s = 0; s < covariance.StructureCount; s++)
        {
            covariance.Transform(s, _xs.AsSpan(0, m + Reach), _ys.AsSpan(0, m + Reach), _zs.AsSpan(0, m + Reach),
                Mapped(s, 0, m + Reach), Mapped(s, 1, m + Reach), Mapped(s, 2, m + Reach));
        }

        // Right-hand sides c̄ (point-to-block covariances, summed over the discretisation points in one pass per
        // structure) and, for ordinary kriging, 1: extra columns of the system, so that the factor's row
        // eliminations carry out the forward solves y = U⁻ᵀv on them as they go (the same operations, in the same
        // order, as a separate forward substitution, without a second pass over the factor).
        Span<double> a = _a.AsSpan(0, m);
        a.Clear();
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

            covariance.AddStructureSum(s, queries, Mapped(s, 0, m), Mapped(s, 1, m), Mapped(s, 2, m), a);
        }

        // The nugget joins c̄ only for point support, where a sample at the target meets it at zero lag. A block's
        // covariance with a sample carries no nugget, even when the sample sits on a discretisation point: GSLIB's
        // kt3d subtracts it there, gstat moves such a lag off zero, and C̄_vv leaves it out alike.
        if (offsets.Length == 1)
        {
            covariance.AddNugget(offsets[0], _xs.AsSpan(0, m), _ys.AsSpan(0, m), _zs.AsSpan(0, m), a);
        }
        else
        {
            double inverseM = 1.0 / offsets.Length;
            for (int j = 0; j < m; j++)
            {
                a[j] *= inverseM;
            }
        }

        ref double column = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_u), m); // row 0's first column after the system
        for (int j = 0; j < m; j++)
        {
            ref double entry = ref Unsafe.Add(ref column, j * _stride);
            entry = a[j];
            if (ordinary)
            {
                Unsafe.Add(ref entry, 1) = 1.0;
            }
        }

        int n = Factor(m, ordinary ? 2 : 1);
        Count = n;
        BlockCovariance = blockCovariance;
        if (n < minSamples || n == 0)
        {
            return false;
        }

        a = _a.AsSpan(0, n);
        Span<double> b = _b.AsSpan(0, n);
        for (int i = 0; i < n; i++)
        {
            ref double entry = ref Unsafe.Add(ref column, i * _stride);
            a[i] = entry;
            if (ordinary)
            {
                b[i] = Unsafe.Add(ref entry, 1); // simple kriging has no second column: b is not used
            }
        }

        _a.AsSpan(n, Reach).Clear(); // the solve's vectors run into the padding: keep it from drifting solve after solve
        _b.AsSpan(n, Reach).Clear();

        // In the forward solutions y = U⁻ᵀv everything but λ itself is a dot product: with a = C⁻¹c̄ and b = C⁻¹1,
        // 1ᵀa = y_b·y_a, 1ᵀb = y_b·y_b, λ = U⁻¹(y_a − μ y_b) and λᵀc̄ = (y_a − μ y_b)·y_a. One backward solve, not two.
        double mu = 0, lambdaC = DenseKernels.Dot(_path, a, a);
        if (ordinary)
        {
            double ab = DenseKernels.Dot(_path, a, b);
            mu = (ab - 1) / DenseKernels.Dot(_path, b, b);
            lambdaC -= mu * ab;
            DenseKernels.SubtractScaledTail(_path, mu, ref _b[0], ref _a[0], 0, n); // the padding (Reach) takes the overrun
        }

        BackwardInPlace(n);
        Lagrange = mu;
        WeightedCovariance = lambdaC;
        Variance = blockCovariance - lambdaC - mu;
        return true;
    }

    /// <summary>Coordinate <paramref name="axis"/> of the first <paramref name="count"/> points in structure <paramref name="s"/>'s space.</summary>
    private Span<double> Mapped(int s, int axis, int count) => _mapped.AsSpan((3 * s + axis) * _stride, count);

    /// <summary>
    /// Cholesky with dropping, row by row (each row eliminated by the pivots before it, then scaled); returns the number of samples kept. Kept samples end up
    /// compacted to the front of the factor and of the coordinate arrays (a kept position never passes a
    /// candidate's, so the copies run front to back in place). The <paramref name="rightHandSides"/> columns
    /// after the system's m are eliminated and scaled with each row, which turns them into U⁻ᵀ of what they held;
    /// they are not compacted (each kept row holds its own).
    /// </summary>
    private int Factor(int m, int rightHandSides)
    {
        int stride = _stride;
        double diagonal = covariance.TotalSill; // C(p, p) for every sample
        ref double u0 = ref MemoryMarshal.GetArrayDataReference(_u);
        _pairs.FillUpper(_slots.AsSpan(0, m), ref u0, stride);
        int n = 0, end = m + rightHandSides;
        for (int j = 0; j < m; j++)
        {
            ref double rowJ = ref Unsafe.Add(ref u0, j * stride);
            DenseKernels.EliminateRow(_path, ref u0, stride, n, j, end);
            double d = Unsafe.Add(ref rowJ, j) + diagonal; // the eliminations (the diagonal was stored as 0), plus C(0)
            if (!(d > PivotTolerance * diagonal))
            {
                continue; // coincides with samples already in the system: drop it
            }

            double pivot = Math.Sqrt(d), inverse = 1 / pivot;
            Unsafe.Add(ref rowJ, j) = pivot;
            _inverseDiagonal[n] = inverse;
            DenseKernels.ScaleTail(_path, inverse, ref rowJ, j + 1, end);
            if (n < j)
            {
                // After a drop, pivot n moves up to row n, so that the pivots are always rows 0 .. n − 1 (its columns stay by candidate).
                MemoryMarshal.CreateSpan(ref Unsafe.Add(ref rowJ, j), end - j).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref u0, (n * stride) + j), end - j));
            }

            _kept[n++] = j;
        }

        if (n < m)
        {
            Compact(n);
        }

        return n;
    }

    private void Compact(int n)
    {
        int stride = _stride;
        for (int r = 0; r < n; r++)
        {
            // Row r is in place; its columns move left (a kept column never passes its candidate's).
            int from = _kept[r];
            for (int c = r; c < n; c++)
            {
                _u[r * stride + c] = _u[r * stride + _kept[c]];
            }

            (_xs[r], _ys[r], _zs[r]) = (_xs[from], _ys[from], _zs[from]);
            for (int s = 0; s < covariance.StructureCount; s++)
            {
                for (int axis = 0; axis < 3; axis++)
                {
                    Span<double> coordinate = Mapped(s, axis, stride);
                    coordinate[r] = coordinate[from];
                }
            }
        }
    }

    /// <summary>
    /// Solves Uλ = a in place by columns: once λ_i is known, its multiples of column i leave the entries above.
    /// Each step then waits only for one multiply and subtraction, where a dot product along row i would wait
    /// for a whole sum; scalar (a column is strided), so every path gives the same bits. Columns go four at a
    /// time: the four λ are found within their block first, then each entry above takes its four subtractions
    /// in the same order as one column at a time (the same bits), with one load and one store of it, not four.
    /// </summary>
    private void BackwardInPlace(int n)
    {
        int stride = _stride;
        ref double u0 = ref MemoryMarshal.GetArrayDataReference(_u);
        ref double a = ref MemoryMarshal.GetArrayDataReference(_a);
        ref double inverse = ref MemoryMarshal.GetArrayDataReference(_inverseDiagonal);
        int i = n - 1;
        for (; i >= 3; i -= 4)
        {
            // The block of columns i − 3 .. i, from the last.
            double x0 = Unsafe.Add(ref a, i) *= Unsafe.Add(ref inverse, i);
            ref double row1 = ref Unsafe.Add(ref u0, (i - 1) * stride);
            ref double row2 = ref Unsafe.Add(ref row1, -stride);
            ref double row3 = ref Unsafe.Add(ref row2, -stride);
            double x1 = (Unsafe.Add(ref a, i - 1) - x0 * Unsafe.Add(ref row1, i)) * Unsafe.Add(ref inverse, i - 1);
            double x2 = ((Unsafe.Add(ref a, i - 2) - x0 * Unsafe.Add(ref row2, i)) - x1 * Unsafe.Add(ref row2, i - 1)) * Unsafe.Add(ref inverse, i - 2);
            double x3 = (((Unsafe.Add(ref a, i - 3) - x0 * Unsafe.Add(ref row3, i)) - x1 * Unsafe.Add(ref row3, i - 1)) - x2 * Unsafe.Add(ref row3, i - 2)) * Unsafe.Add(ref inverse, i - 3);
            (Unsafe.Add(ref a, i - 1), Unsafe.Add(ref a, i - 2), Unsafe.Add(ref a, i - 3)) = (x1, x2, x3);
            ref double row = ref Unsafe.Add(ref row3, -stride);
            for (int k = i - 4; k >= 0; k--, row = ref Unsafe.Add(ref row, -stride)) // the entry the next block needs first
            {
                Unsafe.Add(ref a, k) = (((Unsafe.Add(ref a, k) - x0 * Unsafe.Add(ref row, i)) - x1 * Unsafe.Add(ref row, i - 1)) - x2 * Unsafe.Add(ref row, i - 2)) - x3 * Unsafe.Add(ref row, i - 3);
            }
        }

        for (; i >= 0; i--)
        {
            double x = Unsafe.Add(ref a, i) *= Unsafe.Add(ref inverse, i);
            ref double column = ref Unsafe.Add(ref u0, i);
            for (int k = i - 1; k >= 0; k--)
            {
                Unsafe.Add(ref a, k) -= x * Unsafe.Add(ref column, k * stride);
            }
        }
    }
}
